package dev.tarn.kms;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The requests and responses of the KMS operations, as records whose components map to the
 * members of KMS's JSON protocol (camelCase here, UpperCamelCase on the wire). Absent optional
 * members are empty Optionals; blobs are base64 on the wire and byte arrays here.
 */
public final class KmsShapes
{
    private KmsShapes() {}

    // keys

    public record CreateKeyRequest(Optional<String> policy, Optional<String> description, Optional<String> keyUsage,
            Optional<String> customerMasterKeySpec, Optional<String> keySpec, Optional<String> origin, Optional<String> customKeyStoreId,
            Optional<Boolean> bypassPolicyLockoutSafetyCheck, Optional<List<Tag>> tags, Optional<Boolean> multiRegion, Optional<String> xksKeyId) {}

    public record KeyMetadata(
            @JsonProperty("AWSAccountId") String awsAccountId,
            String keyId,
            String arn,
            Instant creationDate,
            boolean enabled,
            String description,
            String keyUsage,
            String keyState,
            Optional<Instant> deletionDate,
            String origin,
            String keyManager,
            String customerMasterKeySpec,
            String keySpec,
            Optional<List<String>> encryptionAlgorithms,
            Optional<List<String>> signingAlgorithms,
            Optional<List<String>> macAlgorithms,
            boolean multiRegion,
            Optional<Integer> pendingDeletionWindowInDays,
            Optional<String> currentKeyMaterialId) {}

    public record KeyMetadataResponse(KeyMetadata keyMetadata) {}

    // asymmetric and HMAC keys

    public record SignRequest(Optional<String> keyId, Optional<byte[]> message, Optional<String> messageType, Optional<List<String>> grantTokens,
            Optional<String> signingAlgorithm, Optional<Boolean> dryRun) {}

    public record SignResponse(String keyId, byte[] signature, String signingAlgorithm) {}

    public record VerifyRequest(Optional<String> keyId, Optional<byte[]> message, Optional<String> messageType, Optional<byte[]> signature,
            Optional<String> signingAlgorithm, Optional<List<String>> grantTokens, Optional<Boolean> dryRun) {}

    public record VerifyResponse(String keyId, boolean signatureValid, String signingAlgorithm) {}

    public record GetPublicKeyResponse(String keyId, byte[] publicKey, String customerMasterKeySpec, String keySpec, String keyUsage,
            Optional<List<String>> encryptionAlgorithms, Optional<List<String>> signingAlgorithms) {}

    public record GenerateMacRequest(Optional<byte[]> message, Optional<String> keyId, Optional<String> macAlgorithm, Optional<List<String>> grantTokens,
            Optional<Boolean> dryRun) {}

    public record GenerateMacResponse(byte[] mac, String macAlgorithm, String keyId) {}

    public record VerifyMacRequest(Optional<byte[]> message, Optional<String> keyId, Optional<String> macAlgorithm, Optional<byte[]> mac,
            Optional<List<String>> grantTokens, Optional<Boolean> dryRun) {}

    public record VerifyMacResponse(String keyId, boolean macValid, String macAlgorithm) {}

    public record KeyIdRequest(Optional<String> keyId, Optional<List<String>> grantTokens) {}

    public record KeyIdResponse(String keyId) {}

    public record ListKeysRequest(Optional<Integer> limit, Optional<String> marker) {}

    public record KeyListEntry(String keyId, String keyArn) {}

    public record ListKeysResponse(List<KeyListEntry> keys, Optional<String> nextMarker, boolean truncated) {}

    public record UpdateKeyDescriptionRequest(Optional<String> keyId, Optional<String> description) {}

    public record ScheduleKeyDeletionRequest(Optional<String> keyId, Optional<Integer> pendingWindowInDays) {}

    public record ScheduleKeyDeletionResponse(String keyId, Instant deletionDate, String keyState, int pendingWindowInDays) {}

    // aliases

    public record AliasRequest(Optional<String> aliasName, Optional<String> targetKeyId) {}

    public record ListAliasesRequest(Optional<String> keyId, Optional<Integer> limit, Optional<String> marker) {}

    public record AliasListEntry(String aliasName, String aliasArn, String targetKeyId, Instant creationDate, Instant lastUpdatedDate) {}

    public record ListAliasesResponse(List<AliasListEntry> aliases, Optional<String> nextMarker, boolean truncated) {}

    // cryptographic operations

    public record EncryptRequest(Optional<String> keyId, Optional<byte[]> plaintext, Optional<Map<String, String>> encryptionContext,
            Optional<List<String>> grantTokens, Optional<String> encryptionAlgorithm, Optional<Boolean> dryRun) {}

    public record EncryptResponse(byte[] ciphertextBlob, String keyId, String encryptionAlgorithm) {}

    public record DecryptRequest(Optional<byte[]> ciphertextBlob, Optional<Map<String, String>> encryptionContext, Optional<List<String>> grantTokens,
            Optional<String> keyId, Optional<String> encryptionAlgorithm, Optional<Boolean> dryRun) {}

    public record DecryptResponse(String keyId, byte[] plaintext, String encryptionAlgorithm, Optional<String> keyMaterialId) {}

    public record ReEncryptRequest(Optional<byte[]> ciphertextBlob, Optional<Map<String, String>> sourceEncryptionContext, Optional<String> sourceKeyId,
            Optional<String> destinationKeyId, Optional<Map<String, String>> destinationEncryptionContext, Optional<String> sourceEncryptionAlgorithm,
            Optional<String> destinationEncryptionAlgorithm, Optional<List<String>> grantTokens, Optional<Boolean> dryRun) {}

    public record ReEncryptResponse(byte[] ciphertextBlob, String sourceKeyId, String keyId, String sourceEncryptionAlgorithm,
            String destinationEncryptionAlgorithm, String sourceKeyMaterialId, String destinationKeyMaterialId) {}

    public record GenerateDataKeyRequest(Optional<String> keyId, Optional<Map<String, String>> encryptionContext, Optional<Integer> numberOfBytes,
            Optional<String> keySpec, Optional<List<String>> grantTokens, Optional<Boolean> dryRun) {}

    public record GenerateDataKeyResponse(byte[] ciphertextBlob, byte[] plaintext, String keyId, String keyMaterialId) {}

    public record GenerateDataKeyWithoutPlaintextResponse(byte[] ciphertextBlob, String keyId, String keyMaterialId) {}

    public record GenerateRandomRequest(Optional<Integer> numberOfBytes, Optional<String> customKeyStoreId) {}

    public record GenerateRandomResponse(byte[] plaintext) {}

    // key policies

    public record GetKeyPolicyRequest(Optional<String> keyId, Optional<String> policyName) {}

    public record GetKeyPolicyResponse(String policy, String policyName) {}

    public record PutKeyPolicyRequest(Optional<String> keyId, Optional<String> policyName, Optional<String> policy,
            Optional<Boolean> bypassPolicyLockoutSafetyCheck) {}

    public record ListKeyPoliciesRequest(Optional<String> keyId, Optional<Integer> limit, Optional<String> marker) {}

    public record ListKeyPoliciesResponse(List<String> policyNames, boolean truncated) {}

    // grants

    public record GrantConstraints(Optional<Map<String, String>> encryptionContextSubset, Optional<Map<String, String>> encryptionContextEquals) {}

    public record CreateGrantRequest(Optional<String> keyId, Optional<String> granteePrincipal, Optional<String> retiringPrincipal,
            Optional<List<String>> operations, Optional<GrantConstraints> constraints, Optional<List<String>> grantTokens, Optional<String> name,
            Optional<Boolean> dryRun) {}

    public record CreateGrantResponse(String grantToken, String grantId) {}

    public record ListGrantsRequest(Optional<Integer> limit, Optional<String> marker, Optional<String> keyId, Optional<String> grantId,
            Optional<String> granteePrincipal) {}

    public record GrantListEntry(String keyId, String grantId, Optional<String> name, Instant creationDate, String granteePrincipal,
            Optional<String> retiringPrincipal, String issuingAccount, List<String> operations, Optional<GrantConstraints> constraints) {}

    public record ListGrantsResponse(List<GrantListEntry> grants, Optional<String> nextMarker, boolean truncated) {}

    public record ListRetirableGrantsRequest(Optional<Integer> limit, Optional<String> marker, Optional<String> retiringPrincipal) {}

    public record RetireGrantRequest(Optional<String> grantToken, Optional<String> keyId, Optional<String> grantId, Optional<Boolean> dryRun) {}

    public record RevokeGrantRequest(Optional<String> keyId, Optional<String> grantId, Optional<Boolean> dryRun) {}

    // rotation

    public record EnableKeyRotationRequest(Optional<String> keyId, Optional<Integer> rotationPeriodInDays) {}

    public record GetKeyRotationStatusResponse(boolean keyRotationEnabled, String keyId, Optional<Integer> rotationPeriodInDays,
            Optional<Instant> nextRotationDate, Optional<Instant> onDemandRotationStartDate) {}

    public record ListKeyRotationsRequest(Optional<String> keyId, Optional<Integer> limit, Optional<String> marker) {}

    public record RotationsListEntry(String keyId, String keyMaterialId, Instant rotationDate, String rotationType) {}

    public record ListKeyRotationsResponse(List<RotationsListEntry> rotations, Optional<String> nextMarker, boolean truncated) {}

    // tags

    public record TagResourceRequest(Optional<String> keyId, Optional<List<Tag>> tags) {}

    public record UntagResourceRequest(Optional<String> keyId, Optional<List<String>> tagKeys) {}

    public record ListResourceTagsRequest(Optional<String> keyId, Optional<Integer> limit, Optional<String> marker) {}

    public record ListResourceTagsResponse(List<Tag> tags, Optional<String> nextMarker, boolean truncated) {}
}
