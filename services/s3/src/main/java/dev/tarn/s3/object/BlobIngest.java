package dev.tarn.s3.object;

import dev.tarn.s3.DataKeyProvider;
import dev.tarn.s3.S3Errors;
import dev.tarn.spi.error.AwsException;
import dev.tarn.spi.error.CommonErrors;
import dev.tarn.storage.blob.BlobId;
import dev.tarn.storage.blob.BlobStore;
import dev.tarn.storage.blob.BlobWriter;
import dev.tarn.storage.blob.ChecksumAlgorithm;
import dev.tarn.storage.blob.DataKey;
import dev.tarn.storage.blob.StoredBlob;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Consumer;

import static java.util.Objects.requireNonNull;

/**
 * Streams bytes into a new blob under a fresh SSE-S3 data key, never holding more than a buffer
 * of them. The blob store computes MD5 and the requested checksums in the same pass. Nothing is
 * kept unless the whole body arrived, verified: a failed read (a bad signature or payload hash
 * surfaces there) closes the writer uncommitted, and a committed blob that fails the caller's
 * checks (Content-MD5, checksums) is deleted before the error is answered.
 */
public final class BlobIngest
{
    /** The largest object a single PUT (or a single part) may carry. */
    public static final long MAX_SINGLE_UPLOAD = 5L * 1024 * 1024 * 1024;
    private static final Logger log = LoggerFactory.getLogger(BlobIngest.class);
    private static final int BUFFER_SIZE = 64 * 1024;

    private final BlobStore blobs;
    private final DataKeyProvider dataKeys;

    public BlobIngest(BlobStore blobs, DataKeyProvider dataKeys)
    {
        this.blobs = requireNonNull(blobs, "blobs is null");
        this.dataKeys = requireNonNull(dataKeys, "dataKeys is null");
    }

    /** The declared length of a request body: MissingContentLength when absent, EntityTooLarge above 5 GiB. */
    public static long declaredLength(OptionalLong contentLength)
    {
        long length = contentLength.orElseThrow(S3Errors.MISSING_CONTENT_LENGTH::exception);
        if (length > MAX_SINGLE_UPLOAD) {
            throw S3Errors.ENTITY_TOO_LARGE.exception()
                    .with("ProposedSize", Long.toString(length))
                    .with("MaxSizeAllowed", Long.toString(MAX_SINGLE_UPLOAD));
        }
        return length;
    }

    /**
     * Writes {@code body} (exactly {@code expectedLength} bytes when given; fewer is
     * IncompleteBody), commits the blob durably, then runs {@code verify} on it; if that throws,
     * the blob is deleted and the exception propagates.
     */
    public StoredBlob write(InputStream body, OptionalLong expectedLength, Set<ChecksumAlgorithm> checksums, Consumer<StoredBlob> verify)
    {
        return write(dataKeys.newDataKey(), body, expectedLength, checksums, verify);
    }

    /** Like {@link #write(InputStream, OptionalLong, Set, Consumer)} under a given data key (SSE-KMS, SSE-C). */
    public StoredBlob write(DataKey key, InputStream body, OptionalLong expectedLength, Set<ChecksumAlgorithm> checksums, Consumer<StoredBlob> verify)
    {
        StoredBlob blob;
        try (BlobWriter writer = blobs.create(key, checksums)) {
            long copied = copy(body, writer.output());
            if (expectedLength.isPresent() && copied != expectedLength.getAsLong()) {
                throw CommonErrors.INCOMPLETE_BODY.exception();
            }
            blob = writer.commit();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            verify.accept(blob);
        }
        catch (RuntimeException e) {
            delete(blob.id());
            throw e;
        }
        return blob;
    }

    /** Removes a blob nothing refers to; a failure leaves an orphan that start-up clean-up removes. */
    public void delete(BlobId id)
    {
        try {
            blobs.delete(id);
        }
        catch (IOException | RuntimeException e) {
            log.warn("Could not delete unreferenced blob {}; it is removed at the next start", id, e);
        }
    }

    private static long copy(InputStream body, OutputStream out)
            throws IOException
    {
        byte[] buffer = new byte[BUFFER_SIZE];
        long total = 0;
        while (true) {
            int read = read(body, buffer);
            if (read < 0) {
                return total;
            }
            out.write(buffer, 0, read);
            total += read;
        }
    }

    /** Reads from the request; a failure there is the client's (or its payload's), not the disk's. */
    private static int read(InputStream body, byte[] buffer)
    {
        try {
            return body.read(buffer);
        }
        catch (IOException | UncheckedIOException e) {
            throw awsCause(e).orElseGet(() -> CommonErrors.INCOMPLETE_BODY.exception().withCause(e));
        }
    }

    private static java.util.Optional<AwsException> awsCause(Throwable error)
    {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof AwsException aws) {
                return java.util.Optional.of(aws);
            }
        }
        return java.util.Optional.empty();
    }
}
