package dev.tarn.kms;

import dev.tarn.spi.security.RequestContext;

import java.util.Optional;
import java.util.Set;

/**
 * The key policy of an AWS managed key and what it lets customers do. The authorizer lets an
 * account's root user do anything its resource policies do not deny, but on AWS a key policy is
 * the last word even for root: a managed key's policy allows using the key only through its
 * service, and directly only Describe*, Get* and List*. So KMS applies that policy itself before
 * asking the authorizer (which then still applies IAM to other principals).
 */
final class AwsManagedKeyPolicy
{
    /** What the account's principals may do through the service, as the policy lists it. */
    private static final Set<String> THROUGH_SERVICE = Set.of("Encrypt", "Decrypt", "ReEncryptFrom", "ReEncryptTo", "GenerateDataKey",
            "GenerateDataKeyWithoutPlaintext", "GenerateDataKeyPair", "GenerateDataKeyPairWithoutPlaintext", "DescribeKey");
    /** Rotation of AWS managed keys is not configurable (always on, yearly): AWS rejects these as unsupported. */
    private static final Set<String> ROTATION_CHANGES = Set.of("EnableKeyRotation", "DisableKeyRotation", "RotateKeyOnDemand");

    private AwsManagedKeyPolicy() {}

    /** The endpoint a managed key's service calls KMS from, the value of {@code kms:ViaService}. */
    static String viaService(String service, String region)
    {
        return service + "." + region + ".amazonaws.com";
    }

    /** The policy AWS gives the managed key of {@code service} (its {@code auto-<service>-2} document). */
    static String policy(String service, String accountId, String region)
    {
        return """
                {
                  "Version" : "2012-10-17",
                  "Id" : "auto-%1$s-2",
                  "Statement" : [ {
                    "Sid" : "Allow access through %4$s for all principals in the account that are authorized to use %4$s",
                    "Effect" : "Allow",
                    "Principal" : {
                      "AWS" : "*"
                    },
                    "Action" : [ "kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey" ],
                    "Resource" : "*",
                    "Condition" : {
                      "StringEquals" : {
                        "kms:CallerAccount" : "%2$s",
                        "kms:ViaService" : "%3$s"
                      }
                    }
                  }, {
                    "Sid" : "Allow direct access to key metadata to the account",
                    "Effect" : "Allow",
                    "Principal" : {
                      "AWS" : "arn:aws:iam::%2$s:root"
                    },
                    "Action" : [ "kms:Describe*", "kms:Get*", "kms:List*" ],
                    "Resource" : "*"
                  } ]
                }""".formatted(service, accountId, viaService(service, region), service.toUpperCase(java.util.Locale.ROOT));
    }

    /**
     * Refuses what the managed key's policy does not allow: changing its rotation is
     * UnsupportedOperationException; anything else not allowed is AccessDeniedException.
     *
     * @param viaService the endpoint of the service the call came through, if any
     */
    static void check(RequestContext context, String operation, KeyRecord key, String service, Optional<String> viaService)
    {
        if (ROTATION_CHANGES.contains(operation)) {
            throw KmsErrors.UNSUPPORTED_OPERATION.exception("Key material rotation of AWS managed key " + key.arn() + " is not configurable");
        }
        boolean ownAccount = context.caller().accountId().equals(key.accountId());
        boolean throughService = viaService.filter(viaService(service, key.region())::equals).isPresent();
        boolean readOnly = operation.startsWith("Describe") || operation.startsWith("Get") || operation.startsWith("List");
        if (ownAccount && (readOnly || (throughService && THROUGH_SERVICE.contains(operation)))) {
            return;
        }
        throw KmsErrors.ACCESS_DENIED.exception("User: " + context.caller().arn() + " is not authorized to perform: kms:" + operation + " on resource: "
                + key.arn() + " because no resource-based policy allows the kms:" + operation + " action");
    }
}
