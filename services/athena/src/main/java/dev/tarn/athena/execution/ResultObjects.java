package dev.tarn.athena.execution;

import dev.tarn.athena.model.ResultConfiguration.EncryptionConfiguration;
import dev.tarn.athena.workgroup.OutputLocations.S3Location;
import dev.tarn.gateway.http.UriCodec;
import dev.tarn.gateway.inprocess.InProcessInvoker;
import dev.tarn.gateway.inprocess.InProcessRequest;
import dev.tarn.spi.http.Headers;
import dev.tarn.spi.http.ServiceResponse;
import dev.tarn.spi.security.RequestContext;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Result files in S3, written and read through S3 in process as the query's caller, so the
 * caller's s3:PutObject and s3:GetObject on the output location (and the bucket's policy and
 * encryption) apply exactly as to any client.
 */
public final class ResultObjects
{
    private final InProcessInvoker invoker;

    public ResultObjects(InProcessInvoker invoker)
    {
        this.invoker = requireNonNull(invoker, "invoker is null");
    }

    /** Options of the PutObject of a result file. */
    public record WriteOptions(Optional<EncryptionConfiguration> encryption, Optional<String> expectedBucketOwner)
    {
        public WriteOptions
        {
            requireNonNull(encryption, "encryption is null");
            requireNonNull(expectedBucketOwner, "expectedBucketOwner is null");
        }
    }

    /** Uploads {@code file} as the object at {@code url}, streaming it. */
    public void put(RequestContext caller, String url, Path file, String contentType, WriteOptions options)
    {
        S3Location location = location(url);
        Headers.Builder headers = Headers.builder().set("content-type", contentType);
        options.encryption().ifPresent(encryption -> {
            if (encryption.encryptionOption().equals("SSE_S3")) {
                headers.set("x-amz-server-side-encryption", "AES256");
            }
            else {
                // CSE_KMS (client-side) is stored as SSE-KMS under the same key: the bytes are encrypted at rest with it either way
                headers.set("x-amz-server-side-encryption", "aws:kms");
                encryption.kmsKey().ifPresent(key -> headers.set("x-amz-server-side-encryption-aws-kms-key-id", key));
            }
        });
        options.expectedBucketOwner().ifPresent(owner -> headers.set("x-amz-expected-bucket-owner", owner));
        invoker.invoke(caller, "s3", new InProcessRequest.RestFile("PUT", rawPath(location), Map.of(), headers.build(), file));
    }

    /** The bytes {@code [first, last]} of the object at {@code url} (fewer at its end). */
    public byte[] read(RequestContext caller, String url, long first, long last)
    {
        S3Location location = location(url);
        ServiceResponse response = invoker.invoke(caller, "s3", new InProcessRequest.Rest("GET", rawPath(location), Map.of(),
                Headers.builder().set("range", "bytes=" + first + "-" + last).build(), new byte[0]));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (response.body().isPresent()) {
            try {
                response.body().get().writeTo(out);
            }
            catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out.toByteArray();
    }

    private static S3Location location(String url)
    {
        return S3Location.parse(url).orElseThrow(() -> new IllegalArgumentException("not an S3 URL: " + url));
    }

    private static String rawPath(S3Location location)
    {
        return "/" + location.bucket() + "/" + UriCodec.encode(location.key(), true);
    }
}
