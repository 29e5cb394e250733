package dev.tarn.s3.security;

import dev.tarn.s3.DataKeyProvider;
import dev.tarn.s3.ObjectAttributes;
import dev.tarn.s3.object.KeyUnwrapper;
import dev.tarn.spi.error.AwsErrorCode;
import dev.tarn.spi.error.AwsException;
import dev.tarn.spi.error.CommonErrors;
import dev.tarn.spi.http.Headers;
import dev.tarn.spi.kms.DataKeyService;
import dev.tarn.spi.security.RequestContext;
import dev.tarn.storage.blob.DataKey;
import dev.tarn.storage.crypto.KeyUnwrapException;
import dev.tarn.storage.crypto.KeyWrapper;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * The data keys of SSE-S3, SSE-KMS and SSE-C objects: made for a write (one per blob) and opened
 * for a read. SSE-S3 keys are wrapped by the master key; SSE-KMS keys come from KMS as the caller
 * (the KMS ciphertext blob is the wrapped key, so reading needs kms:Decrypt, and a disabled or
 * deleted key makes the object unreadable); SSE-C keys are wrapped by the customer's key, of
 * which only the MD5 is kept.
 */
public final class EncryptionKeys
{
    private final DataKeyProvider masterKeys;
    private final Optional<DataKeyService> kms;

    /** A data key for a new blob, and the attributes that tell how to open it again. */
    public record WriteKey(DataKey dataKey, Map<String, String> attributes)
    {
        public WriteKey
        {
            requireNonNull(dataKey, "dataKey is null");
            attributes = Map.copyOf(attributes);
        }
    }

    public EncryptionKeys(DataKeyProvider masterKeys, Optional<DataKeyService> kms)
    {
        this.masterKeys = requireNonNull(masterKeys, "masterKeys is null");
        this.kms = requireNonNull(kms, "kms is null");
    }

    /**
     * Checks that a new object or upload can be encrypted as asked (for SSE-KMS: the key exists
     * and the caller may use it) and answers the attributes to store with it.
     */
    public Map<String, String> prepare(RequestContext caller, ObjectEncryption encryption, String bucket, String key)
    {
        return newKey(caller, encryption, bucket, key).attributes();
    }

    public WriteKey newKey(RequestContext caller, ObjectEncryption encryption, String bucket, String key)
    {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put(ObjectAttributes.SERVER_SIDE_ENCRYPTION, encryption.algorithm());
        if (encryption.customerKey().isPresent()) {
            CustomerKey customer = encryption.customerKey().get();
            attributes.put(ObjectAttributes.SSE_CUSTOMER_ALGORITHM, CustomerKey.ALGORITHM);
            attributes.put(ObjectAttributes.SSE_CUSTOMER_KEY_MD5, customer.md5());
            byte[] keyBytes = customer.key();
            try {
                return new WriteKey(new KeyWrapper(keyBytes).newDataKey(), attributes);
            }
            finally {
                Arrays.fill(keyBytes, (byte) 0);
            }
        }
        if (encryption.isKms()) {
            DataKeyService service = kms();
            Map<String, String> context = ObjectEncryption.kmsEncryptionContext(encryption.kmsContext(), bucket, key);
            DataKeyService.GeneratedDataKey generated = kmsCall(() ->
                    service.generateDataKey(caller, encryption.kmsKeyId().orElse(ObjectEncryption.DEFAULT_KMS_KEY), context));
            attributes.put(ObjectAttributes.SSE_KMS_KEY_ARN, generated.keyArn());
            encryption.kmsContext().ifPresent(value -> attributes.put(ObjectAttributes.SSE_KMS_CONTEXT, value));
            if (encryption.bucketKeyEnabled()) {
                attributes.put(ObjectAttributes.SSE_BUCKET_KEY_ENABLED, "true");
            }
            byte[] plaintext = generated.plaintext();
            try {
                return new WriteKey(new DataKey(plaintext, generated.ciphertextBlob()), attributes);
            }
            finally {
                Arrays.fill(plaintext, (byte) 0);
            }
        }
        return new WriteKey(masterKeys.newDataKey(), attributes);
    }

    /**
     * What opens the blobs of a stored object (or upload part) for this caller. An SSE-C object
     * needs the same customer key (InvalidRequest without one, AccessDenied with another); an
     * SSE-KMS object is checked with KMS now, so a refusal is answered before any byte is sent.
     *
     * @param probe a wrapped key of the object to try, if it has any bytes
     */
    public KeyUnwrapper unwrapper(RequestContext caller, Map<String, String> attributes, Optional<CustomerKey> customerKey, String bucket, String key,
            Optional<byte[]> probe)
    {
        Optional<String> storedMd5 = Optional.ofNullable(attributes.get(ObjectAttributes.SSE_CUSTOMER_KEY_MD5));
        if (storedMd5.isPresent()) {
            CustomerKey customer = customerKey.orElseThrow(() -> CommonErrors.INVALID_REQUEST.exception(
                    "The object was stored using a form of Server Side Encryption. The correct parameters must be provided to retrieve the object."));
            if (!customer.md5().equals(storedMd5.get())) {
                throw CommonErrors.ACCESS_DENIED.exception("The provided customer key does not match the key the object was encrypted with.");
            }
            return wrapped -> {
                byte[] keyBytes = customer.key();
                try {
                    return new KeyWrapper(keyBytes).unwrap(wrapped);
                }
                catch (KeyUnwrapException e) {
                    throw CommonErrors.ACCESS_DENIED.exception().withCause(e);
                }
                finally {
                    Arrays.fill(keyBytes, (byte) 0);
                }
            };
        }
        if (customerKey.isPresent()) {
            throw CommonErrors.INVALID_REQUEST.exception("The encryption parameters are not applicable to this object.");
        }
        if (ObjectEncryption.SSE_KMS.equals(attributes.get(ObjectAttributes.SERVER_SIDE_ENCRYPTION))) {
            DataKeyService service = kms();
            Map<String, String> context = ObjectEncryption.kmsEncryptionContext(Optional.ofNullable(attributes.get(ObjectAttributes.SSE_KMS_CONTEXT)), bucket, key);
            KeyUnwrapper unwrapper = wrapped -> kmsCall(() -> service.decrypt(caller, wrapped, context));
            probe.ifPresent(wrapped -> Arrays.fill(unwrapper.unwrap(wrapped), (byte) 0));
            return unwrapper;
        }
        return masterKeys::unwrap;
    }

    /** The encryption headers S3 answers for an object or upload with these attributes. */
    public static void addResponseHeaders(Headers.Builder headers, Map<String, String> attributes)
    {
        if (attributes.containsKey(ObjectAttributes.SSE_CUSTOMER_KEY_MD5)) {
            headers.set("x-amz-server-side-encryption-customer-algorithm", attributes.getOrDefault(ObjectAttributes.SSE_CUSTOMER_ALGORITHM, CustomerKey.ALGORITHM));
            headers.set("x-amz-server-side-encryption-customer-key-MD5", attributes.get(ObjectAttributes.SSE_CUSTOMER_KEY_MD5));
            return;
        }
        headers.set(ObjectEncryption.SSE_HEADER, attributes.getOrDefault(ObjectAttributes.SERVER_SIDE_ENCRYPTION, ObjectEncryption.SSE_S3));
        Optional.ofNullable(attributes.get(ObjectAttributes.SSE_KMS_KEY_ARN)).ifPresent(arn -> headers.set(ObjectEncryption.KMS_KEY_HEADER, arn));
        if ("true".equals(attributes.get(ObjectAttributes.SSE_BUCKET_KEY_ENABLED))) {
            headers.set(ObjectEncryption.BUCKET_KEY_HEADER, "true");
        }
    }

    /** The S3 condition keys of a write's encryption, so a bucket policy can require SSE-KMS (or a particular key). */
    public static Map<String, List<String>> conditionKeys(Headers headers)
    {
        Map<String, List<String>> keys = new LinkedHashMap<>();
        headers.first(ObjectEncryption.SSE_HEADER).ifPresent(value -> keys.put("s3:x-amz-server-side-encryption", List.of(value)));
        headers.first(ObjectEncryption.KMS_KEY_HEADER).ifPresent(value -> keys.put("s3:x-amz-server-side-encryption-aws-kms-key-id", List.of(value)));
        headers.first("x-amz-server-side-encryption-customer-algorithm")
                .ifPresent(value -> keys.put("s3:x-amz-server-side-encryption-customer-algorithm", List.of(value)));
        return keys;
    }

    private DataKeyService kms()
    {
        return kms.orElseThrow(() -> CommonErrors.NOT_IMPLEMENTED.exception("Server-side encryption with KMS keys needs the KMS service, which is not enabled."));
    }

    /** KMS's refusals, as S3 passes them on: KMS.<code> (400) with KMS's message, or AccessDenied. */
    private static <T> T kmsCall(java.util.function.Supplier<T> call)
    {
        try {
            return call.get();
        }
        catch (AwsException e) {
            if (e.code().equals("AccessDeniedException") || e.code().equals("AccessDenied")) {
                throw CommonErrors.ACCESS_DENIED.exception(e.getMessage()).withCause(e);
            }
            if (e.httpStatus() >= 500) {
                throw e;
            }
            throw new AwsErrorCode("KMS." + e.code(), 400, e.getMessage()).exception(e.getMessage()).withCause(e);
        }
    }
}
