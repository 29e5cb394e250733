package dev.tarn.s3.object;

import dev.tarn.gateway.http.UriCodec;
import dev.tarn.spi.error.AwsException;
import dev.tarn.spi.error.CommonErrors;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** The x-amz-copy-source header: {@code [/]bucket/key[?versionId=id]}, bucket and key URL-encoded. */
public record CopySource(String bucket, String key, Optional<String> versionId)
{
    public CopySource
    {
        requireNonNull(bucket, "bucket is null");
        requireNonNull(key, "key is null");
        requireNonNull(versionId, "versionId is null");
    }

    public static CopySource parse(String header)
    {
        String value = header.startsWith("/") ? header.substring(1) : header;
        Optional<String> versionId = Optional.empty();
        int question = value.indexOf('?');
        if (question >= 0) {
            String query = value.substring(question + 1);
            value = value.substring(0, question);
            if (!query.startsWith("versionId=")) {
                throw invalid("Invalid copy source query; only versionId is supported", header);
            }
            String id = query.substring("versionId=".length());
            if (id.isEmpty()) {
                throw invalid("Invalid copy source version id", header);
            }
            versionId = Optional.of(UriCodec.decode(id, true));
        }
        int slash = value.indexOf('/');
        if (slash <= 0 || slash == value.length() - 1) {
            throw invalid("Copy Source must mention the source bucket and key: sourcebucket/sourcekey", header);
        }
        try {
            return new CopySource(UriCodec.decode(value.substring(0, slash), false), UriCodec.decode(value.substring(slash + 1), false), versionId);
        }
        catch (IllegalArgumentException e) {
            throw invalid("Invalid copy source object key", header);
        }
    }

    private static AwsException invalid(String message, String header)
    {
        return CommonErrors.INVALID_ARGUMENT.exception(message)
                .with("ArgumentName", "x-amz-copy-source")
                .with("ArgumentValue", header);
    }
}
