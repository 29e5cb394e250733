package dev.tarn.s3.select;

import dev.tarn.spi.error.AwsErrorCode;
import dev.tarn.spi.error.AwsException;

import java.sql.SQLException;

/** Maps a DuckDB failure to the S3 Select error a client would get from S3 for the same fault. */
final class DuckDbErrors
{
    private DuckDbErrors() {}

    static AwsException of(SQLException e, SelectRequest.InputFormat input)
    {
        String message = String.valueOf(e.getMessage());
        AwsErrorCode code;
        if (message.contains(DuckDbTranslator.DIVISION_BY_ZERO)) {
            code = SelectErrors.DIVISION_BY_ZERO;
        }
        else if (message.startsWith("Conversion Error") || message.contains("Could not convert") || message.contains("Could not cast")) {
            code = SelectErrors.CAST_FAILED;
        }
        else if (message.startsWith("Out of Range Error")) {
            code = message.contains("overflow") ? SelectErrors.INTEGER_OVERFLOW : SelectErrors.CAST_FAILED;
        }
        else if (message.contains("CSV Error") || message.contains("CSV file")) {
            code = SelectErrors.CSV_PARSING_ERROR;
        }
        else if (message.contains("JSON") && input instanceof SelectRequest.JsonInput) {
            code = SelectErrors.JSON_PARSING_ERROR;
        }
        else if (message.contains("arquet") && input instanceof SelectRequest.ParquetInput) {
            code = SelectErrors.PARQUET_PARSING_ERROR;
        }
        else if (message.startsWith("Binder Error") && (message.contains("No function matches") || message.contains("Cannot compare")
                || message.contains("Cannot mix"))) {
            code = SelectErrors.INCORRECT_SQL_FUNCTION_ARGUMENT_TYPE;
        }
        else if (message.startsWith("Binder Error") || message.startsWith("Parser Error")) {
            code = SelectErrors.UNSUPPORTED_SQL_OPERATION;
        }
        else if (message.contains("Invalid result set")) {
            // the driver's word for a streamed result whose query failed part-way; the cause is not passed on
            code = SelectErrors.EVALUATOR_INVALID_ARGUMENTS;
        }
        else if (message.startsWith("Invalid Input Error")) {
            code = input instanceof SelectRequest.JsonInput ? SelectErrors.JSON_PARSING_ERROR
                    : input instanceof SelectRequest.CsvInput ? SelectErrors.CSV_PARSING_ERROR : SelectErrors.PARQUET_PARSING_ERROR;
        }
        else {
            code = SelectErrors.INTERNAL_ERROR;
        }
        String firstLine = message.lines().findFirst().orElse(message);
        return code.exception(code == SelectErrors.INTERNAL_ERROR ? code.defaultMessage() : code.defaultMessage() + " " + firstLine).withCause(e);
    }
}
