package dev.tarn.cloudformation.api;

import dev.tarn.cloudformation.CloudFormationErrors;
import dev.tarn.cloudformation.provider.ServiceClient;
import dev.tarn.spi.error.AwsException;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;
import java.util.Optional;

/**
 * The template of a request: the TemplateBody given, or the object a TemplateURL names in a
 * bucket of this server, read as the caller (so the caller needs s3:GetObject on it, as on AWS).
 */
final class TemplateSource
{
    static final int MAX_BODY = 51_200;
    static final int MAX_URL_TEMPLATE = 1_000_000;

    private TemplateSource() {}

    static String body(String templateBody, String templateURL, ServiceClient client)
    {
        if (templateBody != null && templateURL != null) {
            throw CloudFormationErrors.validation("Specify exactly one of TemplateBody or TemplateURL.");
        }
        if (templateBody != null) {
            if (templateBody.length() > MAX_BODY) {
                throw CloudFormationErrors.validation("1 validation error detected: Value at 'templateBody' failed to satisfy constraint: "
                        + "Member must have length less than or equal to " + MAX_BODY);
            }
            return templateBody;
        }
        if (templateURL == null) {
            throw CloudFormationErrors.validation("Either Template URL or Template Body must be specified.");
        }
        String[] location = bucketAndKey(templateURL).orElseThrow(() -> CloudFormationErrors.validation(
                "TemplateURL must be a URL of an object in a bucket of this server: " + templateURL));
        String body;
        try {
            body = client.s3("GET", location[0] + "/" + location[1], Map.of(), "");
        }
        catch (AwsException e) {
            throw CloudFormationErrors.validation("TemplateURL " + templateURL + " could not be read: " + e.code() + ": " + e.getMessage());
        }
        if (body.length() > MAX_URL_TEMPLATE) {
            throw CloudFormationErrors.validation("The template at " + templateURL + " is larger than " + MAX_URL_TEMPLATE + " bytes");
        }
        return body;
    }

    /**
     * Bucket and key of a path-style ({@code http://host/bucket/key}, {@code https://s3.amazonaws.com/bucket/key}) or
     * virtual-hosted-style ({@code https://bucket.s3.amazonaws.com/key}, {@code http://bucket.localhost:8276/key}) URL.
     */
    static Optional<String[]> bucketAndKey(String url)
    {
        URI uri;
        try {
            uri = new URI(url);
        }
        catch (URISyntaxException e) {
            return Optional.empty();
        }
        if (uri.getHost() == null || uri.getRawPath() == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
            return Optional.empty();
        }
        String host = uri.getHost();
        String path = uri.getPath().startsWith("/") ? uri.getPath().substring(1) : uri.getPath();
        int s3 = host.indexOf(".s3.");
        int s3Dash = host.indexOf(".s3-");
        int virtual = s3 > 0 ? s3 : s3Dash > 0 ? s3Dash : host.endsWith(".localhost") ? host.length() - ".localhost".length() : -1;
        if (virtual > 0) {
            return path.isEmpty() ? Optional.empty() : Optional.of(new String[] {host.substring(0, virtual), path});
        }
        int slash = path.indexOf('/');
        if (slash <= 0 || slash == path.length() - 1) {
            return Optional.empty();
        }
        return Optional.of(new String[] {path.substring(0, slash), path.substring(slash + 1)});
    }
}
