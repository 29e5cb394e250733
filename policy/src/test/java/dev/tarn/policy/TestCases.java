package dev.tarn.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Reads the data-driven test cases: principals, policies and requests written as JSON. */
final class TestCases
{
    static final ObjectMapper JSON = new ObjectMapper();
    static final String ACCOUNT = "111122223333";

    private TestCases() {}

    static JsonNode resource(String name)
    {
        try (InputStream in = TestCases.class.getResourceAsStream("/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + name);
            }
            return JSON.readTree(in);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Path> files(String directory)
    {
        URL url = TestCases.class.getResource("/" + directory);
        try (Stream<Path> files = Files.list(Path.of(url.toURI()))) {
            return files.filter(path -> path.toString().endsWith(".json")).sorted().toList();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static JsonNode read(Path path)
    {
        try {
            return JSON.readTree(path.toFile());
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A principal: {"type": "user", "account": "...", "name": "bob", "tags": {...}}; role
     * sessions name "role" (and "path") and "session"; federated users "name" and "federatingUser".
     */
    static RequestPrincipal principal(JsonNode node)
    {
        String type = node.path("type").asText("user");
        String account = node.path("account").asText(ACCOUNT);
        Map<String, String> tags = new LinkedHashMap<>();
        node.path("tags").fields().forEachRemaining(field -> tags.put(field.getKey(), field.getValue().asText()));
        return switch (type) {
            case "root" -> RequestPrincipal.root(account);
            case "user" -> {
                String name = node.path("name").asText("bob");
                String arn = node.path("arn").asText("arn:aws:iam::" + account + ":user/" + node.path("path").asText("") + name);
                yield RequestPrincipal.user(account, arn, node.path("userId").asText("AIDAEXAMPLEUSERID" + name.toUpperCase()), tags);
            }
            case "role-session" -> {
                String role = node.path("role").asText();
                String session = node.path("session").asText("session");
                String roleArn = "arn:aws:iam::" + account + ":role/" + node.path("path").asText("") + role;
                String sessionArn = "arn:aws:sts::" + account + ":assumed-role/" + role + "/" + session;
                yield RequestPrincipal.roleSession(account, sessionArn, roleArn, node.path("roleId").asText("AROAEXAMPLEROLEID") + ":" + session, tags);
            }
            case "federated-user" -> {
                String name = node.path("name").asText();
                String federatingUser = node.path("federatingUser").asText();
                yield RequestPrincipal.federatedUser(account, "arn:aws:sts::" + account + ":federated-user/" + name,
                        "arn:aws:iam::" + account + ":user/" + federatingUser, account + ":" + name);
            }
            case "service" -> RequestPrincipal.service(node.path("name").asText());
            case "federated-identity" -> RequestPrincipal.federatedIdentity(node.path("name").asText());
            case "anonymous" -> RequestPrincipal.anonymous();
            default -> throw new IllegalArgumentException("unknown principal type " + type);
        };
    }

    static PolicyDocument policy(JsonNode node, PolicyType type)
    {
        return PolicyDocument.parse(node.isTextual() ? node.asText() : node.toPrettyString(), type);
    }

    /** The policies of a case: identityPolicies, resourcePolicy, permissionsBoundary, sessionPolicies. */
    static ApplicablePolicies policies(JsonNode node)
    {
        ApplicablePolicies.Builder builder = ApplicablePolicies.builder();
        int i = 0;
        for (JsonNode policy : node.path("identityPolicies")) {
            builder.identityPolicy(new AttachedPolicy("identity-" + i++, PolicySource.USER_MANAGED, policy(policy, PolicyType.IDENTITY)));
        }
        if (node.has("resourcePolicy")) {
            builder.resourcePolicy(new AttachedPolicy("resource", PolicySource.RESOURCE, policy(node.get("resourcePolicy"), PolicyType.RESOURCE)));
        }
        if (node.has("permissionsBoundary")) {
            builder.permissionsBoundary(new AttachedPolicy("boundary", PolicySource.USER_MANAGED, policy(node.get("permissionsBoundary"), PolicyType.IDENTITY)));
        }
        i = 0;
        for (JsonNode policy : node.path("sessionPolicies")) {
            builder.sessionPolicy(new AttachedPolicy("session-" + i++, PolicySource.NONE, policy(policy, PolicyType.IDENTITY)));
        }
        return builder.build();
    }

    /** A request: action, resource, resourceAccount, sourceIp, secureTransport, currentTime, region, context. */
    static EvaluationRequest request(RequestPrincipal principal, JsonNode node)
    {
        EvaluationRequest.Builder builder = EvaluationRequest.builder(principal, node.path("action").asText(), node.path("resource").asText("*"));
        if (node.has("resourceAccount")) {
            builder.resourceAccountId(node.get("resourceAccount").asText());
        }
        if (node.has("sourceIp")) {
            builder.sourceIp(node.get("sourceIp").asText());
        }
        if (node.has("secureTransport")) {
            builder.secureTransport(node.get("secureTransport").asBoolean());
        }
        if (node.has("currentTime")) {
            builder.currentTime(Instant.parse(node.get("currentTime").asText()));
        }
        if (node.has("region")) {
            builder.requestedRegion(node.get("region").asText());
        }
        node.path("context").fields().forEachRemaining(field -> builder.contextKey(field.getKey(), values(field.getValue())));
        return builder.build();
    }

    static List<String> values(JsonNode node)
    {
        List<String> values = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(value -> values.add(value.asText()));
        }
        else {
            values.add(node.asText());
        }
        return values;
    }
}
