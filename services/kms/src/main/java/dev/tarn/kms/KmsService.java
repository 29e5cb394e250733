package dev.tarn.kms;

import dev.tarn.spi.kms.DataKeyService;
import dev.tarn.spi.security.Authorizer;
import dev.tarn.spi.service.AwsService;
import dev.tarn.spi.service.OperationRegistry;
import dev.tarn.spi.service.ServiceDescriptor;
import dev.tarn.storage.crypto.KeyWrapper;
import dev.tarn.storage.crypto.MasterKey;
import dev.tarn.storage.meta.MetadataStore;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

import java.security.SecureRandom;
import java.time.Clock;

import static java.util.Objects.requireNonNull;

/**
 * AWS Key Management Service over the JSON protocol ({@code TrentService}, JSON 1.1): symmetric
 * customer keys, aliases, key policies, grants, rotation and tags, kept as metadata documents,
 * with key material stored only wrapped. {@link #dataKeys()} serves the same keys in process
 * (S3's SSE-KMS).
 */
public final class KmsService
        implements AwsService
{
    private final KmsComponents kms;
    private final DataKeyService dataKeys;

    private KmsService(KmsComponents kms)
    {
        this.kms = requireNonNull(kms, "kms is null");
        this.dataKeys = KmsDataKeys.forS3(kms);
    }

    /**
     * The service for a server: key material is wrapped by a KMS domain key, itself stored
     * wrapped by the installation's master key (created on first start).
     */
    public static KmsService create(MetadataStore metadata, MasterKey masterKey, Authorizer authorizer, Clock clock, String region)
    {
        SecureRandom random = new SecureRandom();
        KmsStore store = new KmsStore();
        return create(metadata, store, KeyMaterials.fromMasterKey(masterKey, metadata, store, random), authorizer, clock, region, random);
    }

    /** The service with key material wrapped directly by {@code keyWrapper}. */
    public static KmsService create(MetadataStore metadata, KeyWrapper keyWrapper, Authorizer authorizer, Clock clock, String region)
    {
        SecureRandom random = new SecureRandom();
        return create(metadata, new KmsStore(), new KeyMaterials(keyWrapper, random), authorizer, clock, region, random);
    }

    private static KmsService create(MetadataStore metadata, KmsStore store, KeyMaterials materials, Authorizer authorizer, Clock clock, String region,
            SecureRandom random)
    {
        requireNonNull(metadata, "metadata is null");
        requireNonNull(authorizer, "authorizer is null");
        requireNonNull(clock, "clock is null");
        requireNonNull(region, "region is null");
        Keys keys = new Keys(metadata, store, clock, region);
        KmsComponents components = new KmsComponents(metadata, store, keys, new KeyAccess(metadata, store, authorizer), materials,
                new KeyRotation(keys, materials, clock), new SymmetricCipher(random),
                new AsymmetricCrypto(new BouncyCastleProvider(), random), random, clock, region);
        keys.purgeDeleted();
        return new KmsService(components);
    }

    /** The in-process contract S3 uses for SSE-KMS, on the same keys. */
    public DataKeyService dataKeys()
    {
        return dataKeys;
    }

    /** Removes keys whose scheduled deletion date has passed, with their aliases and grants; returns how many. */
    public int purgeDeletedKeys()
    {
        return kms.keys().purgeDeleted();
    }

    @Override
    public ServiceDescriptor descriptor()
    {
        return ServiceDescriptor.json("kms", "TrentService", "1.1");
    }

    @Override
    public void registerOperations(OperationRegistry registry)
    {
        new KeyOperations(kms).register(registry);
        new AliasOperations(kms).register(registry);
        new CryptoOperations(kms).register(registry);
        new PolicyOperations(kms).register(registry);
        new GrantOperations(kms).register(registry);
        new RotationOperations(kms).register(registry);
        new TagOperations(kms).register(registry);
        new SigningOperations(kms).register(registry);
        new MacOperations(kms).register(registry);
    }
}
