package dev.tarn.cloudformation.provider;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The resource types stacks can hold, by type name. */
public final class ResourceProviders
{
    private final Map<String, ResourceProvider> byType;

    public ResourceProviders(List<ResourceProvider> providers)
    {
        Map<String, ResourceProvider> map = new LinkedHashMap<>();
        for (ResourceProvider provider : providers) {
            if (map.putIfAbsent(provider.type(), provider) != null) {
                throw new IllegalArgumentException("two providers of " + provider.type());
            }
        }
        this.byType = Map.copyOf(map);
    }

    public Optional<ResourceProvider> provider(String type)
    {
        return Optional.ofNullable(byType.get(type));
    }

    public Set<String> types()
    {
        return byType.keySet();
    }
}
