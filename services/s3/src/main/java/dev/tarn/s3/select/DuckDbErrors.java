package dev.tarn.s3.select;

import dev.tarn.spi.error.AwsErrorCode;
import dev.tarn.spi.error.AwsException;

import java.sql.SQLException;

/** Maps a DuckDB failure to the S3 Select error a client would get from S3 for the same fault. */
final class DuckDbErrors
{
    private static final String PENDING_RESULT_CAUSE = "\nError: ";

    private DuckDbErrors() {}

    static AwsException of(SQLException e, SelectRequest.InputFormat input)
    {
        String message = cause(String.valueOf(e.getMessage()));
        AwsErrorCode code;
        if (message.contains(DuckDbTranslator.DIVISION_BY_ZERO)) {
            code = SelectErrors.DIVISION_BY_ZERO;
        }
        else if (message.startsWith("Conversion Error") || message.contains("Could not convert") || message.contains("Could not cast")) {
            code = SelectErrors.CAST_FAILED;
        }
        else if (message.startsWith("Out of Range Error")) {
            code = message.toLowerCase(java.util.Locale.ROOT).contains("overflow") ? SelectErrors.INTEGER_OVERFLOW : SelectErrors.CAST_FAILED;
        }
        else if (message.contains("Maximum line size") || message.contains("maximum_object_size") || message.contains("maximum object size")) {
            code = SelectErrors.OVER_MAX_RECORD_SIZE;
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
            code = parsingError(input);
        }
        else if (message.startsWith("Catalog Error")) {
            // a function or type the translation names that DuckDB does not have
            code = SelectErrors.UNSUPPORTED_FUNCTION;
        }
        else if (message.startsWith("Not implemented Error")) {
            code = SelectErrors.UNSUPPORTED_SQL_OPERATION;
        }
        else if (message.startsWith("Mismatch Type Error") || message.startsWith("Type Error")) {
            code = SelectErrors.INCORRECT_SQL_FUNCTION_ARGUMENT_TYPE;
        }
        else if (message.startsWith("Syntax Error")) {
            code = SelectErrors.PARSE_UNSUPPORTED_SYNTAX;
        }
        else if (message.startsWith("Out of Memory Error") || message.startsWith("Interrupt Error")) {
            // the query's memory bound was reached or it was cut off: a retry may succeed, as after S3's Busy
            code = SelectErrors.BUSY;
        }
        else if (message.startsWith("IO Error")) {
            // reading the records failed; a failure of the object's own stream is reported before this is consulted
            code = parsingError(input);
        }
        else {
            // DuckDB's own internal faults and anything it may add later
            code = SelectErrors.INTERNAL_ERROR;
        }
        String firstLine = message.lines().findFirst().orElse(message);
        return code.exception(code == SelectErrors.INTERNAL_ERROR ? code.defaultMessage() : code.defaultMessage() + " " + firstLine).withCause(e);
    }

    private static AwsErrorCode parsingError(SelectRequest.InputFormat input)
    {
        return input instanceof SelectRequest.JsonInput ? SelectErrors.JSON_PARSING_ERROR
                : input instanceof SelectRequest.CsvInput ? SelectErrors.CSV_PARSING_ERROR : SelectErrors.PARQUET_PARSING_ERROR;
    }

    /**
     * DuckDB's driver reports a query that failed while it was prepared or executed as an "Invalid
     * Input Error" about a pending result, with the real failure after it: that failure is what counts.
     */
    private static String cause(String message)
    {
        int cause = message.indexOf(PENDING_RESULT_CAUSE);
        if (message.contains("unsuccessful or closed pending query result") && cause >= 0) {
            return message.substring(cause + PENDING_RESULT_CAUSE.length());
        }
        return message;
    }
}
