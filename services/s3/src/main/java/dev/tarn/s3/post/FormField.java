package dev.tarn.s3.post;

import java.util.Locale;

import static java.util.Objects.requireNonNull;

/** A form field before the file, its name as sent. Names compare ignoring case, as S3 compares them. */
record FormField(String name, String value)
{
    FormField
    {
        requireNonNull(name, "name is null");
        requireNonNull(value, "value is null");
    }

    String normalizedName()
    {
        return name.toLowerCase(Locale.ROOT);
    }
}
