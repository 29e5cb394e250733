package dev.tarn.s3.security;

import dev.tarn.s3.BucketAccess;
import dev.tarn.s3.MultipartOperations;
import dev.tarn.s3.ObjectOperations;
import dev.tarn.s3.S3Dependencies;
import dev.tarn.s3.S3Xml;
import dev.tarn.s3.TestRequest;
import dev.tarn.s3.object.TestBlobs;
import dev.tarn.spi.error.AwsErrorCode;
import dev.tarn.spi.error.AwsException;
import dev.tarn.spi.http.ServiceResponse;
import dev.tarn.spi.kms.DataKeyService;
import dev.tarn.spi.security.RequestContext;
import dev.tarn.spi.security.RootOnlyAuthorizer;
import dev.tarn.storage.blob.LocalBlobStore;
import dev.tarn.storage.crypto.KeyUnwrapException;
import dev.tarn.storage.crypto.KeyWrapper;
import dev.tarn.storage.meta.BucketRecord;
import dev.tarn.storage.meta.MetadataStore;
import dev.tarn.storage.meta.sqlite.SqliteMetadataStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * SSE-KMS and SSE-C through the object handlers, against the real metadata and blob stores.
 * SSE-KMS runs against a small stand-in for the KMS data key contract until the KMS service is
 * part of the build.
 */
class ServerSideEncryptionTest
{
    private static final String KEY_ARN = "arn:aws:kms:us-east-1:" + TestRequest.ACCOUNT + ":key/1234abcd-12ab-34cd-56ef-1234567890ab";
    private static final String PLAINTEXT = "the quick brown fox jumps over the lazy dog, encrypted at rest";

    @TempDir
    Path directory;

    private MetadataStore metadata;
    private ObjectOperations objects;
    private MultipartOperations multipart;
    private StandInKms kms;

    @BeforeEach
    void setUp()
            throws IOException
    {
        metadata = SqliteMetadataStore.open(directory.resolve("metadata.db"));
        LocalBlobStore blobs = new LocalBlobStore(Files.createDirectories(directory.resolve("blobs")));
        kms = new StandInKms();
        S3Dependencies dependencies = new S3Dependencies(metadata, blobs, TestBlobs.dataKeys(), Optional.of(kms), new RootOnlyAuthorizer(),
                Clock.fixed(Instant.parse("2024-03-01T12:00:00Z"), ZoneOffset.UTC), "us-east-1");
        BucketAccess access = new BucketAccess(metadata, dependencies.authorizer());
        objects = new ObjectOperations(dependencies, new S3Xml(), access);
        multipart = new MultipartOperations(dependencies, new S3Xml(), access, objects);
        metadata.write(transaction -> transaction.createBucket(new BucketRecord("b", TestRequest.ACCOUNT, "us-east-1", Instant.EPOCH, Optional.empty(), Map.of())));
    }

    @AfterEach
    void tearDown()
    {
        metadata.close();
    }

    @Test
    void sseKmsRoundTripUnderTheNamedKey()
            throws IOException
    {
        ServiceResponse put = objects.putObject(put("k").header("x-amz-server-side-encryption", "aws:kms")
                .header("x-amz-server-side-encryption-aws-kms-key-id", "alias/data")
                .header("x-amz-server-side-encryption-bucket-key-enabled", "true"));
        assertThat(put.headers().first("x-amz-server-side-encryption")).contains("aws:kms");
        assertThat(put.headers().first("x-amz-server-side-encryption-aws-kms-key-id")).contains(KEY_ARN);
        assertThat(put.headers().first("x-amz-server-side-encryption-bucket-key-enabled")).contains("true");

        ServiceResponse get = objects.getObject(TestRequest.of("GET", "b", "k"));
        assertThat(text(get)).isEqualTo(PLAINTEXT);
        assertThat(get.headers().first("x-amz-server-side-encryption")).contains("aws:kms");
        assertThat(get.headers().first("x-amz-server-side-encryption-aws-kms-key-id")).contains(KEY_ARN);
        assertThat(kms.contexts).allSatisfy(context -> assertThat(context).containsEntry("aws:s3:arn", "arn:aws:s3:::b/k"));
        assertThat(rawBlobsContain(PLAINTEXT)).isFalse();
    }

    @Test
    void disabledOrUnknownKmsKeysAreAnsweredAsKmsAnswers()
    {
        objects.putObject(put("k").header("x-amz-server-side-encryption", "aws:kms").header("x-amz-server-side-encryption-aws-kms-key-id", KEY_ARN));
        kms.enabled = false;
        assertThatThrownBy(() -> objects.getObject(TestRequest.of("GET", "b", "k")))
                .isInstanceOfSatisfying(AwsException.class, e -> {
                    assertThat(e.code()).isEqualTo("KMS.DisabledException");
                    assertThat(e.httpStatus()).isEqualTo(400);
                });
        // HEAD needs no decryption, as in S3
        assertThat(objects.headObject(TestRequest.of("HEAD", "b", "k")).status()).isEqualTo(200);
        kms.enabled = true;
        assertThatThrownBy(() -> objects.putObject(put("other").header("x-amz-server-side-encryption", "aws:kms")
                .header("x-amz-server-side-encryption-aws-kms-key-id", "alias/missing")))
                .isInstanceOfSatisfying(AwsException.class, e -> assertThat(e.code()).isEqualTo("KMS.NotFoundException"));
    }

    @Test
    void multipartPartsInheritTheUploadsKmsKey()
            throws IOException
    {
        ServiceResponse created = multipart.createMultipartUpload(TestRequest.of("POST", "b", "mp").query("uploads", "")
                .header("x-amz-server-side-encryption", "aws:kms").header("x-amz-server-side-encryption-aws-kms-key-id", KEY_ARN));
        assertThat(created.headers().first("x-amz-server-side-encryption-aws-kms-key-id")).contains(KEY_ARN);
        String uploadId = text(created).replaceAll("(?s).*<UploadId>(.*)</UploadId>.*", "$1");
        byte[] part = PLAINTEXT.getBytes(StandardCharsets.UTF_8);
        ServiceResponse uploaded = multipart.uploadPart(TestRequest.of("PUT", "b", "mp").query("uploadId", uploadId).query("partNumber", "1")
                .header("Content-Length", Integer.toString(part.length)).body(part));
        assertThat(uploaded.headers().first("x-amz-server-side-encryption")).contains("aws:kms");
        String etag = uploaded.headers().first("ETag").orElseThrow();
        byte[] complete = ("<CompleteMultipartUpload><Part><PartNumber>1</PartNumber><ETag>" + etag + "</ETag></Part></CompleteMultipartUpload>")
                .getBytes(StandardCharsets.UTF_8);
        ServiceResponse done = multipart.completeMultipartUpload(TestRequest.of("POST", "b", "mp").query("uploadId", uploadId).body(complete));
        assertThat(done.headers().first("x-amz-server-side-encryption-aws-kms-key-id")).contains(KEY_ARN);
        assertThat(text(objects.getObject(TestRequest.of("GET", "b", "mp")))).isEqualTo(PLAINTEXT);
        assertThat(rawBlobsContain(PLAINTEXT)).isFalse();
    }

    @Test
    void sseCNeedsTheSameCustomerKeyToRead()
            throws IOException
    {
        byte[] customerKey = randomKey();
        ServiceResponse put = objects.putObject(withCustomerKey(put("c"), "x-amz-server-side-encryption-customer-", customerKey));
        assertThat(put.headers().first("x-amz-server-side-encryption-customer-algorithm")).contains("AES256");
        assertThat(put.headers().first("x-amz-server-side-encryption-customer-key-MD5")).contains(md5(customerKey));
        assertThat(put.headers().first("x-amz-server-side-encryption")).isEmpty();

        ServiceResponse get = objects.getObject(withCustomerKey(TestRequest.of("GET", "b", "c"), "x-amz-server-side-encryption-customer-", customerKey));
        assertThat(text(get)).isEqualTo(PLAINTEXT);
        assertThat(get.headers().first("x-amz-server-side-encryption-customer-key-MD5")).contains(md5(customerKey));

        assertThatThrownBy(() -> objects.getObject(TestRequest.of("GET", "b", "c")))
                .isInstanceOfSatisfying(AwsException.class, e -> assertThat(e.code()).isEqualTo("InvalidRequest"));
        assertThatThrownBy(() -> objects.headObject(withCustomerKey(TestRequest.of("HEAD", "b", "c"), "x-amz-server-side-encryption-customer-", randomKey())))
                .isInstanceOfSatisfying(AwsException.class, e -> {
                    assertThat(e.code()).isEqualTo("AccessDenied");
                    assertThat(e.httpStatus()).isEqualTo(403);
                });
        assertThatThrownBy(() -> objects.putObject(put("bad").header("x-amz-server-side-encryption-customer-algorithm", "AES256")
                .header("x-amz-server-side-encryption-customer-key", Base64.getEncoder().encodeToString(customerKey))
                .header("x-amz-server-side-encryption-customer-key-MD5", md5(randomKey()))))
                .isInstanceOfSatisfying(AwsException.class, e -> assertThat(e.code()).isEqualTo("InvalidArgument"));

        // a copy reads the source with the copy-source key and writes under the copy's own encryption
        objects.copyObject(withCustomerKey(TestRequest.of("PUT", "b", "copy").header("x-amz-copy-source", "b/c"),
                "x-amz-copy-source-server-side-encryption-customer-", customerKey));
        assertThat(text(objects.getObject(TestRequest.of("GET", "b", "copy")))).isEqualTo(PLAINTEXT);
        assertThat(rawBlobsContain(PLAINTEXT)).isFalse();
        assertThat(metadata.read(reader -> reader.latest("b", "c")).orElseThrow().attributes().values())
                .doesNotContain(Base64.getEncoder().encodeToString(customerKey));
    }

    @Test
    void conflictingEncryptionHeadersAreRefused()
    {
        assertThatThrownBy(() -> objects.putObject(withCustomerKey(put("x").header("x-amz-server-side-encryption", "AES256"),
                "x-amz-server-side-encryption-customer-", randomKey())))
                .isInstanceOfSatisfying(AwsException.class, e -> assertThat(e.code()).isEqualTo("InvalidArgument"));
        assertThatThrownBy(() -> objects.putObject(put("x").header("x-amz-server-side-encryption", "AES256")
                .header("x-amz-server-side-encryption-aws-kms-key-id", KEY_ARN)))
                .isInstanceOfSatisfying(AwsException.class, e -> assertThat(e.code()).isEqualTo("InvalidArgument"));
        assertThatThrownBy(() -> objects.putObject(put("x").header("x-amz-server-side-encryption", "rot13")))
                .isInstanceOfSatisfying(AwsException.class, e -> assertThat(e.code()).isEqualTo("InvalidArgument"));
    }

    private static TestRequest put(String key)
    {
        byte[] body = PLAINTEXT.getBytes(StandardCharsets.UTF_8);
        return TestRequest.of("PUT", "b", key).header("Content-Length", Integer.toString(body.length)).body(body);
    }

    private static TestRequest withCustomerKey(TestRequest request, String prefix, byte[] key)
    {
        return request.header(prefix + "algorithm", "AES256")
                .header(prefix + "key", Base64.getEncoder().encodeToString(key))
                .header(prefix + "key-MD5", md5(key));
    }

    private boolean rawBlobsContain(String text)
            throws IOException
    {
        byte[] needle = text.substring(0, 16).getBytes(StandardCharsets.UTF_8);
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                if (indexOf(Files.readAllBytes(file), needle) >= 0) {
                    return true;
                }
            }
        }
        return false;
    }

    private static int indexOf(byte[] haystack, byte[] needle)
    {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static byte[] randomKey()
    {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }

    private static String md5(byte[] bytes)
    {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5").digest(bytes));
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String text(ServiceResponse response)
            throws IOException
    {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        response.body().orElseThrow().writeTo(out);
        return out.toString(StandardCharsets.UTF_8);
    }

    /** One KMS key (also reachable as alias/data) that can be disabled; data keys are wrapped under it with the context as AAD. */
    private static final class StandInKms
            implements DataKeyService
    {
        private final KeyWrapper wrapper = new KeyWrapper(randomKey());
        private final java.util.List<Map<String, String>> contexts = new java.util.concurrent.CopyOnWriteArrayList<>();
        private volatile boolean enabled = true;

        @Override
        public GeneratedDataKey generateDataKey(RequestContext caller, String keyId, Map<String, String> encryptionContext)
        {
            String arn = resolveKeyArn(caller, keyId);
            checkEnabled();
            contexts.add(new HashMap<>(encryptionContext));
            var key = wrapper.newDataKey(context(encryptionContext));
            return new GeneratedDataKey(arn, key.plaintext(), key.wrapped());
        }

        @Override
        public byte[] decrypt(RequestContext caller, byte[] ciphertextBlob, Map<String, String> encryptionContext)
        {
            checkEnabled();
            contexts.add(new HashMap<>(encryptionContext));
            try {
                return wrapper.unwrap(ciphertextBlob, context(encryptionContext));
            }
            catch (KeyUnwrapException e) {
                throw new AwsErrorCode("InvalidCiphertextException", 400, "").exception();
            }
        }

        @Override
        public String resolveKeyArn(RequestContext caller, String keyId)
        {
            if (keyId.equals(KEY_ARN) || keyId.equals("alias/data")) {
                return KEY_ARN;
            }
            throw new AwsErrorCode("NotFoundException", 400, "").exception("Invalid keyId " + keyId);
        }

        private void checkEnabled()
        {
            if (!enabled) {
                throw new AwsErrorCode("DisabledException", 400, "").exception(KEY_ARN + " is disabled.");
            }
        }

        private static byte[] context(Map<String, String> context)
        {
            return new java.util.TreeMap<>(context).toString().getBytes(StandardCharsets.UTF_8);
        }
    }
}
