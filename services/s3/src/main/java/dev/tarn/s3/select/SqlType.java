package dev.tarn.s3.select;

/** The S3 Select data types a CAST names, with the DuckDB type each evaluates as (DECIMAL exactly, to 10 fractional digits). */
public enum SqlType
{
    INT("BIGINT"),
    INTEGER("BIGINT"),
    BIGINT("BIGINT"),
    FLOAT("DOUBLE"),
    DECIMAL("DECIMAL(38, 10)"),
    STRING("VARCHAR"),
    BOOL("BOOLEAN"),
    TIMESTAMP("TIMESTAMPTZ");

    private final String duckDbType;

    SqlType(String duckDbType)
    {
        this.duckDbType = duckDbType;
    }

    public String duckDbType()
    {
        return duckDbType;
    }
}
