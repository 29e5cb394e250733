package dev.tarn.kms;

import dev.tarn.kms.KmsShapes.EnableKeyRotationRequest;
import dev.tarn.kms.KmsShapes.GetKeyRotationStatusResponse;
import dev.tarn.kms.KmsShapes.KeyIdRequest;
import dev.tarn.kms.KmsShapes.KeyIdResponse;
import dev.tarn.kms.KmsShapes.ListKeyRotationsRequest;
import dev.tarn.kms.KmsShapes.ListKeyRotationsResponse;
import dev.tarn.kms.KmsShapes.RotationsListEntry;
import dev.tarn.spi.security.RequestContext;
import dev.tarn.spi.service.ActionOperation;
import dev.tarn.spi.service.OperationRegistry;

import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** Enable/DisableKeyRotation, GetKeyRotationStatus, RotateKeyOnDemand, ListKeyRotations. */
final class RotationOperations
{
    private final KmsComponents kms;

    RotationOperations(KmsComponents kms)
    {
        this.kms = requireNonNull(kms, "kms is null");
    }

    void register(OperationRegistry registry)
    {
        registry.operation(new ActionOperation<>("EnableKeyRotation", EnableKeyRotationRequest.class, this::enableKeyRotation));
        registry.operation(new ActionOperation<>("DisableKeyRotation", KeyIdRequest.class, this::disableKeyRotation));
        registry.operation(new ActionOperation<>("GetKeyRotationStatus", KeyIdRequest.class, this::getKeyRotationStatus));
        registry.operation(new ActionOperation<>("RotateKeyOnDemand", KeyIdRequest.class, this::rotateKeyOnDemand));
        registry.operation(new ActionOperation<>("ListKeyRotations", ListKeyRotationsRequest.class, this::listKeyRotations));
    }

    Void enableKeyRotation(RequestContext context, EnableKeyRotationRequest request)
    {
        int period = request.rotationPeriodInDays().orElse(KeyRecord.DEFAULT_ROTATION_PERIOD_DAYS);
        if (period < 90 || period > 2560) {
            throw KmsErrors.validation("rotationPeriodInDays", "Member must have value less than or equal to 2560 and greater than or equal to 90");
        }
        KeyRecord key = kms.keys().resolve(context, request.keyId(), false);
        kms.access().authorize(context, "EnableKeyRotation", key);
        requireSymmetric(key);
        kms.keys().update(key, current -> {
            Keys.requireEnabled(current);
            return current.withRotation(true, period, kms.rotation().nextRotationDate(period));
        });
        return null;
    }

    Void disableKeyRotation(RequestContext context, KeyIdRequest request)
    {
        KeyRecord key = kms.keys().resolve(context, request.keyId(), false);
        kms.access().authorize(context, "DisableKeyRotation", key);
        requireSymmetric(key);
        kms.keys().update(key, current -> {
            Keys.requireEnabled(current);
            return current.withRotation(false, current.rotationPeriodInDays(), Optional.empty());
        });
        return null;
    }

    GetKeyRotationStatusResponse getKeyRotationStatus(RequestContext context, KeyIdRequest request)
    {
        KeyRecord key = kms.keys().resolve(context, request.keyId(), false);
        kms.access().authorize(context, "GetKeyRotationStatus", key);
        return new GetKeyRotationStatusResponse(key.rotationEnabled(), key.arn(),
                key.rotationEnabled() ? Optional.of(key.rotationPeriodInDays()) : Optional.empty(),
                key.rotationEnabled() ? key.nextRotationDate() : Optional.empty(),
                Optional.empty());
    }

    KeyIdResponse rotateKeyOnDemand(RequestContext context, KeyIdRequest request)
    {
        KeyRecord key = kms.keys().resolve(context, request.keyId(), false);
        kms.access().authorize(context, "RotateKeyOnDemand", key);
        requireSymmetric(key);
        return new KeyIdResponse(kms.rotation().rotateNow(key).keyId());
    }

    ListKeyRotationsResponse listKeyRotations(RequestContext context, ListKeyRotationsRequest request)
    {
        int limit = Paging.limit(request.limit(), 100);
        Optional<Integer> after = Paging.after(request.marker()).map(marker -> {
            try {
                return Integer.parseInt(marker);
            }
            catch (NumberFormatException e) {
                throw KmsErrors.INVALID_MARKER.exception("Invalid marker");
            }
        });
        KeyRecord key = kms.keys().resolve(context, request.keyId(), false);
        kms.access().authorize(context, "ListKeyRotations", key);
        List<KeyMaterial> rotations = key.materials().stream()
                .filter(material -> material.rotationType().isPresent())
                .filter(material -> after.map(version -> material.version() > version).orElse(true))
                .toList();
        Paging.Page<KeyMaterial> page = Paging.Page.of(rotations, limit);
        List<RotationsListEntry> entries = page.items().stream()
                .map(material -> new RotationsListEntry(key.keyId(), KeyOperations.materialId(key, material), material.createdAt(), material.rotationType().orElseThrow()))
                .toList();
        Optional<String> next = page.truncated()
                ? Optional.of(Paging.marker(Integer.toString(page.items().get(page.items().size() - 1).version())))
                : Optional.empty();
        return new ListKeyRotationsResponse(entries, next, page.truncated());
    }

    /** Only symmetric encryption keys rotate on KMS; asymmetric and HMAC keys' rotation "is not supported". */
    private static void requireSymmetric(KeyRecord key)
    {
        if (key.spec() != KeySpec.SYMMETRIC_DEFAULT) {
            throw KmsErrors.UNSUPPORTED_OPERATION.exception(key.arn() + " key type is not supported for this operation: rotation is only for symmetric encryption keys.");
        }
    }
}
