package dev.tarn.cloudformation.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

import static java.util.Objects.requireNonNull;

/**
 * One resource operation of a stack: who acts, which resource and its properties with every
 * intrinsic function already evaluated.
 */
public record ResourceRequest(ServiceClient client, String stackId, String stackName, String logicalId, ObjectNode properties)
{
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    public ResourceRequest
    {
        requireNonNull(client, "client is null");
        requireNonNull(stackId, "stackId is null");
        requireNonNull(stackName, "stackName is null");
        requireNonNull(logicalId, "logicalId is null");
        requireNonNull(properties, "properties is null");
    }

    public Optional<String> text(String property)
    {
        JsonNode value = properties.get(property);
        return value == null || value.isNull() ? Optional.empty() : Optional.of(value.asText());
    }

    public Optional<JsonNode> node(String property)
    {
        return Optional.ofNullable(properties.get(property)).filter(value -> !value.isNull());
    }

    /**
     * A name for a resource the template does not name, as CloudFormation makes them:
     * stack name, logical id and a random suffix, cut to {@code maxLength}.
     */
    public String generatedName(int maxLength, boolean lowerCase)
    {
        StringBuilder suffix = new StringBuilder();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; i < 12; i++) {
            suffix.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        String base = stackName + "-" + logicalId;
        int room = maxLength - suffix.length() - 1;
        if (base.length() > room) {
            base = base.substring(0, room);
        }
        String name = base + "-" + suffix;
        return lowerCase ? name.toLowerCase(Locale.ROOT) : name;
    }
}
