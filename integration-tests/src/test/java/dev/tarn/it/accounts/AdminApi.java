package dev.tarn.it.accounts;

import dev.tarn.it.TestServer;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/** Calls Tarn's admin API (JSON 1.1, SigV4 as service "tarn") the way a console would. */
final class AdminApi
{
    private AdminApi() {}

    record Response(int status, String body) {}

    static Response call(TestServer server, AwsCredentialsProvider credentials, String operation, String json)
    {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        SdkHttpRequest request = SdkHttpRequest.builder()
                .method(SdkHttpMethod.POST)
                .uri(URI.create(server.endpoint() + "/"))
                .putHeader("Content-Type", "application/x-amz-json-1.1")
                .putHeader("X-Amz-Target", "TarnAdmin." + operation)
                .build();
        SignedRequest signed = AwsV4HttpSigner.create().sign(signing -> signing
                .identity(credentials.resolveCredentials())
                .request(request)
                .payload(() -> new ByteArrayInputStream(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "tarn")
                .putProperty(AwsV4HttpSigner.REGION_NAME, TestServer.REGION.id()));
        HttpRequest.Builder http = HttpRequest.newBuilder(signed.request().getUri()).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        signed.request().headers().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("host") && !name.equalsIgnoreCase("content-length")) {
                values.forEach(value -> http.header(name, value));
            }
        });
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(http.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body());
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
