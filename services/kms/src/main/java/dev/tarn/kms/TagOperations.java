package dev.tarn.kms;

import dev.tarn.kms.KmsShapes.ListResourceTagsRequest;
import dev.tarn.kms.KmsShapes.ListResourceTagsResponse;
import dev.tarn.kms.KmsShapes.TagResourceRequest;
import dev.tarn.kms.KmsShapes.UntagResourceRequest;
import dev.tarn.spi.security.RequestContext;
import dev.tarn.spi.service.ActionOperation;
import dev.tarn.spi.service.OperationRegistry;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/** TagResource, UntagResource, ListResourceTags. */
final class TagOperations
{
    private final KmsComponents kms;

    TagOperations(KmsComponents kms)
    {
        this.kms = requireNonNull(kms, "kms is null");
    }

    void register(OperationRegistry registry)
    {
        registry.operation(new ActionOperation<>("TagResource", TagResourceRequest.class, this::tagResource));
        registry.operation(new ActionOperation<>("UntagResource", UntagResourceRequest.class, this::untagResource));
        registry.operation(new ActionOperation<>("ListResourceTags", ListResourceTagsRequest.class, this::listResourceTags));
    }

    Void tagResource(RequestContext context, TagResourceRequest request)
    {
        List<Tag> tags = request.tags().orElseThrow(() -> KmsErrors.validation("tags", "Member must not be null"));
        Tags.validate(tags);
        KeyRecord key = kms.keys().resolve(context, request.keyId(), false);
        kms.access().authorize(context, "TagResource", key);
        kms.keys().update(key, current -> {
            Keys.requireNotPendingDeletion(current);
            return current.withTags(Tags.merge(current.tags(), tags));
        });
        return null;
    }

    Void untagResource(RequestContext context, UntagResourceRequest request)
    {
        Set<String> tagKeys = Set.copyOf(request.tagKeys().orElseThrow(() -> KmsErrors.validation("tagKeys", "Member must not be null")));
        KeyRecord key = kms.keys().resolve(context, request.keyId(), false);
        kms.access().authorize(context, "UntagResource", key);
        kms.keys().update(key, current -> {
            Keys.requireNotPendingDeletion(current);
            return current.withTags(current.tags().stream().filter(tag -> !tagKeys.contains(tag.tagKey())).toList());
        });
        return null;
    }

    ListResourceTagsResponse listResourceTags(RequestContext context, ListResourceTagsRequest request)
    {
        int limit = Paging.limit(request.limit(), 50);
        Optional<String> after = Paging.after(request.marker());
        KeyRecord key = kms.keys().resolve(context, request.keyId(), false);
        kms.access().authorize(context, "ListResourceTags", key);
        List<Tag> remaining = key.tags().stream()
                .sorted(Comparator.comparing(Tag::tagKey))
                .filter(tag -> after.map(marker -> tag.tagKey().compareTo(marker) > 0).orElse(true))
                .toList();
        Paging.Page<Tag> page = Paging.Page.of(remaining, limit);
        Optional<String> next = page.truncated() ? Optional.of(Paging.marker(page.items().get(page.items().size() - 1).tagKey())) : Optional.empty();
        return new ListResourceTagsResponse(page.items(), next, page.truncated());
    }
}
