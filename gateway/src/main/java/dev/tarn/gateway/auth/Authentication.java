package dev.tarn.gateway.auth;

import dev.tarn.spi.http.Headers;
import dev.tarn.spi.security.SigningCredential;

import java.io.InputStream;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Supplier;

import static java.util.Objects.requireNonNull;

/**
 * The outcome of checking a request's signature.
 *
 * @param credential the credential that signed it; empty for an anonymous (unsigned) request
 * @param service the service of the credential scope ({@code s3}, {@code sts}, ...); empty when anonymous
 * @param region the region of the credential scope; empty when anonymous
 * @param payload the decoded payload: aws-chunked framing removed, and verified as it is read
 *        (chunk signatures, x-amz-content-sha256 digest, declared lengths); a failed check
 *        throws an {@link dev.tarn.spi.error.AwsException} from read()
 * @param decodedLength the payload length when known before reading (x-amz-decoded-content-length or Content-Length)
 * @param trailers trailing headers of an aws-chunked body, complete once the payload was read to its end
 */
public record Authentication(Optional<SigningCredential> credential, Optional<String> service, Optional<String> region,
        InputStream payload, OptionalLong decodedLength, Supplier<Headers> trailers)
{
    public Authentication
    {
        requireNonNull(credential, "credential is null");
        requireNonNull(service, "service is null");
        requireNonNull(region, "region is null");
        requireNonNull(payload, "payload is null");
        requireNonNull(decodedLength, "decodedLength is null");
        requireNonNull(trailers, "trailers is null");
    }
}
