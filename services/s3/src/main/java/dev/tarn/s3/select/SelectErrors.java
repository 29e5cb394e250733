package dev.tarn.s3.select;

import dev.tarn.spi.error.AwsErrorCode;

/** S3 Select's error codes, as the S3 API reference lists them for SelectObjectContent; all are client errors. */
public final class SelectErrors
{
    public static final AwsErrorCode LEXER_INVALID_CHAR = new AwsErrorCode("LexerInvalidChar", 400, "The SQL expression contains an invalid character.");
    public static final AwsErrorCode LEXER_INVALID_LITERAL = new AwsErrorCode("LexerInvalidLiteral", 400, "The SQL expression contains an invalid literal.");
    public static final AwsErrorCode LEXER_INVALID_OPERATOR = new AwsErrorCode("LexerInvalidOperator", 400, "The SQL expression contains an invalid operator.");
    public static final AwsErrorCode PARSE_UNEXPECTED_TOKEN = new AwsErrorCode("ParseUnexpectedToken", 400, "The SQL expression contains an unexpected token.");
    public static final AwsErrorCode PARSE_EXPECTED_KEYWORD = new AwsErrorCode("ParseExpectedKeyword", 400, "The SQL expression contains an unexpected token; a keyword was expected.");
    public static final AwsErrorCode PARSE_EXPECTED_EXPRESSION = new AwsErrorCode("ParseExpectedExpression", 400, "Did not find the expected SQL expression.");
    public static final AwsErrorCode PARSE_EXPECTED_TOKEN_TYPE = new AwsErrorCode("ParseExpectedTokenType", 400, "Did not find the expected token in the SQL expression.");
    public static final AwsErrorCode PARSE_EXPECTED_NUMBER = new AwsErrorCode("ParseExpectedNumber", 400, "Did not find the expected number in the SQL expression.");
    public static final AwsErrorCode PARSE_EXPECTED_IDENT_FOR_ALIAS = new AwsErrorCode("ParseExpectedIdentForAlias", 400, "Did not find the expected identifier for the alias in the SQL expression.");
    public static final AwsErrorCode PARSE_SELECT_MISSING_FROM = new AwsErrorCode("ParseSelectMissingFrom", 400, "The SQL expression contains a missing FROM after the SELECT list.");
    public static final AwsErrorCode PARSE_EMPTY_SELECT = new AwsErrorCode("ParseEmptySelect", 400, "The SQL expression contains an empty SELECT clause.");
    public static final AwsErrorCode PARSE_EXPECTED_WHEN_CLAUSE = new AwsErrorCode("ParseExpectedWhenClause", 400, "Did not find the expected WHEN clause in the SQL expression. CASE is not supported.");
    public static final AwsErrorCode PARSE_INVALID_TYPE_PARAM = new AwsErrorCode("ParseInvalidTypeParam", 400, "The SQL expression contains an invalid parameter value.");
    public static final AwsErrorCode PARSE_UNSUPPORTED_CALL_WITH_STAR = new AwsErrorCode("ParseUnsupportedCallWithStar", 400, "Only COUNT with (*) as a parameter is supported in the SQL expression.");
    public static final AwsErrorCode PARSE_ASTERISK_NOT_ALONE = new AwsErrorCode("ParseAsteriskIsNotAloneInSelectList", 400, "Other expressions are not allowed in the SELECT list when '*' is used without dot notation in the SQL expression.");
    public static final AwsErrorCode PARSE_UNSUPPORTED_SYNTAX = new AwsErrorCode("ParseUnsupportedSyntax", 400, "The SQL expression contains unsupported syntax.");
    public static final AwsErrorCode INVALID_COLUMN_INDEX = new AwsErrorCode("InvalidColumnIndex", 400, "The column index is invalid. Please check the service documentation and try again.");
    public static final AwsErrorCode INVALID_TABLE_ALIAS = new AwsErrorCode("InvalidTableAlias", 400, "The SQL expression contains an invalid table alias.");
    public static final AwsErrorCode UNSUPPORTED_FUNCTION = new AwsErrorCode("UnsupportedFunction", 400, "Encountered an unsupported SQL function.");
    public static final AwsErrorCode UNSUPPORTED_SQL_OPERATION = new AwsErrorCode("UnsupportedSqlOperation", 400, "Encountered an unsupported SQL operation.");
    public static final AwsErrorCode INCORRECT_SQL_FUNCTION_ARGUMENT_TYPE = new AwsErrorCode("IncorrectSqlFunctionArgumentType", 400, "Incorrect type of arguments in function call in the SQL expression.");
    public static final AwsErrorCode EVALUATOR_INVALID_ARGUMENTS = new AwsErrorCode("EvaluatorInvalidArguments", 400, "Incorrect number of arguments in the function call in the SQL expression.");
    public static final AwsErrorCode EVALUATOR_NEGATIVE_LIMIT = new AwsErrorCode("EvaluatorNegativeLimit", 400, "The SQL expression contains a negative value for LIMIT.");
    public static final AwsErrorCode CAST_FAILED = new AwsErrorCode("CastFailed", 400, "Attempt to convert from one data type to another using CAST failed in the SQL expression.");
    public static final AwsErrorCode DIVISION_BY_ZERO = new AwsErrorCode("DivisionByZero", 400, "Division by zero in the SQL expression.");
    public static final AwsErrorCode INTEGER_OVERFLOW = new AwsErrorCode("IntegerOverflow", 400, "Int overflow or underflow in the SQL expression.");
    public static final AwsErrorCode OVER_MAX_RECORD_SIZE = new AwsErrorCode("OverMaxRecordSize", 400, "The length of a record in the input or result is greater than maxCharsPerRecord of 1 MB.");
    public static final AwsErrorCode BUSY = new AwsErrorCode("Busy", 503, "The service is unavailable. Please retry.");
    public static final AwsErrorCode CSV_PARSING_ERROR = new AwsErrorCode("CSVParsingError", 400, "Encountered an error parsing the CSV file. Check the file and try again.");
    public static final AwsErrorCode JSON_PARSING_ERROR = new AwsErrorCode("JSONParsingError", 400, "Encountered an error parsing the JSON file. Check the file and try again.");
    public static final AwsErrorCode PARQUET_PARSING_ERROR = new AwsErrorCode("ParquetParsingError", 400, "Encountered an error parsing the Parquet file. Check the file and try again.");
    public static final AwsErrorCode INVALID_COMPRESSION_FORMAT = new AwsErrorCode("InvalidCompressionFormat", 400, "The file is not in a supported compression format. Only GZIP and BZIP2 are supported.");
    public static final AwsErrorCode INVALID_EXPRESSION_TYPE = new AwsErrorCode("InvalidExpressionType", 400, "The ExpressionType is invalid. Only SQL expressions are supported.");
    public static final AwsErrorCode MISSING_REQUIRED_PARAMETER = new AwsErrorCode("MissingRequiredParameter", 400, "The SelectRequest entity is missing a required parameter. Check the service documentation and try again.");
    public static final AwsErrorCode INVALID_FILE_HEADER_INFO = new AwsErrorCode("InvalidFileHeaderInfo", 400, "The FileHeaderInfo is invalid. Only NONE, USE, and IGNORE are supported.");
    public static final AwsErrorCode INVALID_QUOTE_FIELDS = new AwsErrorCode("InvalidQuoteFields", 400, "The QuoteFields is invalid. Only ALWAYS and ASNEEDED are supported.");
    public static final AwsErrorCode INVALID_JSON_TYPE = new AwsErrorCode("InvalidJsonType", 400, "The JsonType is invalid. Only DOCUMENT and LINES are supported.");
    public static final AwsErrorCode INVALID_REQUEST_PARAMETER = new AwsErrorCode("InvalidRequestParameter", 400, "The value of a parameter in SelectRequest element is invalid. Check the service documentation and try again.");
    public static final AwsErrorCode INVALID_DATA_SOURCE = new AwsErrorCode("InvalidDataSource", 400, "Invalid data source type. Only CSV, JSON, and Parquet are supported.");
    public static final AwsErrorCode INVALID_SCAN_RANGE = new AwsErrorCode("InvalidScanRange", 400, "The provided scan range is invalid.");
    public static final AwsErrorCode UNSUPPORTED_SCAN_RANGE_INPUT = new AwsErrorCode("UnsupportedScanRangeInput", 400, "Scan range queries are not supported on this type of object.");
    public static final AwsErrorCode OBJECT_SERIALIZATION_CONFLICT = new AwsErrorCode("ObjectSerializationConflict", 400, "InputSerialization specifies more than one format (CSV, JSON, or Parquet), or OutputSerialization specifies more than one format (CSV or JSON). InputSerialization and OutputSerialization can only specify one format each.");
    public static final AwsErrorCode EXPRESSION_TOO_LONG = new AwsErrorCode("ExpressionTooLong", 400, "The SQL expression is too long: The maximum byte-length for the SQL expression is 256 KB.");
    public static final AwsErrorCode UNSUPPORTED_RANGE_HEADER = new AwsErrorCode("UnsupportedRangeHeader", 400, "Range header is not supported for this operation.");
    public static final AwsErrorCode INTERNAL_ERROR = new AwsErrorCode("InternalError", 500, "We encountered an internal error. Please try again.");

    private SelectErrors() {}
}
