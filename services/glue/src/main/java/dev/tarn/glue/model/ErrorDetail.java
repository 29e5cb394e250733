package dev.tarn.glue.model;

import dev.tarn.spi.error.AwsException;

public record ErrorDetail(String errorCode, String errorMessage)
{
    public static ErrorDetail of(AwsException e)
    {
        return new ErrorDetail(e.code(), e.getMessage());
    }
}
