package dev.tarn.it.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A browser upload's form fields as a real client makes them: botocore's generate_presigned_post
 * (SigV4), run by the python3 that has boto3 installed. The AWS SDK for Java has no POST policy
 * presigner.
 */
public record PresignedPost(URI url, Map<String, String> fields)
{
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SCRIPT = String.join("\n",
            "import json, sys, botocore.session, botocore.config",
            "a = json.load(sys.stdin)",
            "client = botocore.session.get_session().create_client('s3', region_name=a['region'], endpoint_url=a['endpoint'],",
            "    aws_access_key_id=a['accessKeyId'], aws_secret_access_key=a['secretAccessKey'],",
            "    config=botocore.config.Config(signature_version='s3v4', s3={'addressing_style': 'path'}))",
            "print(json.dumps(client.generate_presigned_post(a['bucket'], a['key'], Fields=a['fields'], Conditions=a['conditions'],",
            "    ExpiresIn=a['expiresIn'])))");

    public PresignedPost
    {
        fields = Map.copyOf(fields);
    }

    /** The first python with botocore: the one on PATH, else Debian's (where .ci/run installs python3-botocore). */
    private static final class Python
    {
        static final String COMMAND = pythonWithBotocore();
    }

    private static String pythonWithBotocore()
    {
        for (String candidate : List.of("python3", "/usr/bin/python3")) {
            try {
                Process probe = new ProcessBuilder(candidate, "-c", "import botocore").redirectErrorStream(true).start();
                probe.getInputStream().readAllBytes();
                if (probe.waitFor(60, TimeUnit.SECONDS) && probe.exitValue() == 0) {
                    return candidate;
                }
            }
            catch (IOException e) {
                // not installed: try the next one
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("no python3 with botocore found (install python3-botocore)");
    }

    /**
     * @param fields fields botocore adds to the form (and, since it does not add conditions for them, that {@code conditions} must name)
     * @param conditions policy conditions beside the ones botocore adds (bucket, key, the signing fields)
     */
    public static PresignedPost generate(URI endpoint, String region, String accessKeyId, String secretAccessKey, String bucket, String key,
            Map<String, String> fields, List<Object> conditions, long expiresInSeconds)
    {
        Map<String, Object> arguments = new LinkedHashMap<>();
        arguments.put("endpoint", endpoint.toString());
        arguments.put("region", region);
        arguments.put("accessKeyId", accessKeyId);
        arguments.put("secretAccessKey", secretAccessKey);
        arguments.put("bucket", bucket);
        arguments.put("key", key);
        arguments.put("fields", fields);
        arguments.put("conditions", conditions);
        arguments.put("expiresIn", expiresInSeconds);
        try {
            Process python = new ProcessBuilder(Python.COMMAND, "-c", SCRIPT).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            python.getOutputStream().write(JSON.writeValueAsBytes(arguments));
            python.getOutputStream().close();
            String output = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!python.waitFor(60, TimeUnit.SECONDS) || python.exitValue() != 0) {
                throw new IllegalStateException("generate_presigned_post failed: " + output);
            }
            JsonNode answer = JSON.readTree(output);
            Map<String, String> formFields = new LinkedHashMap<>();
            answer.get("fields").fields().forEachRemaining(field -> formFields.put(field.getKey(), field.getValue().asText()));
            return new PresignedPost(URI.create(answer.get("url").asText()), formFields);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
