package dev.tarn.it.browser;

import dev.tarn.it.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.model.Tag;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Browser-based uploads (POST Object): forms whose fields and SigV4 policy botocore's
 * generate_presigned_post makes, posted as a browser posts them; every condition's allowed and
 * denied path, and after each denial, that nothing was stored.
 */
class PostObjectTest
{
    private static final byte[] TEXT = "hello from a browser\n".getBytes(StandardCharsets.UTF_8);

    private static TestServer server;
    private static S3Client s3;
    private static HttpClient http;

    @BeforeAll
    static void start()
    {
        server = TestServer.start();
        s3 = server.s3();
        http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @AfterAll
    static void stop()
    {
        s3.close();
        server.close();
    }

    @Test
    void uploadWithFieldsAndConditionsIsStoredAs201()
            throws Exception
    {
        String bucket = bucket("created");
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("Content-Type", "text/plain");
        fields.put("x-amz-meta-origin", "browser");
        fields.put("success_action_status", "201");
        fields.put("tagging", "<Tagging><TagSet><Tag><Key>team</Key><Value>web</Value></Tag></TagSet></Tagging>");
        PresignedPost post = presign(bucket, "uploads/${filename}", fields, List.of(
                Map.of("Content-Type", "text/plain"),
                Map.of("x-amz-meta-origin", "browser"),
                Map.of("success_action_status", "201"),
                List.of("starts-with", "$tagging", ""),
                List.of("content-length-range", 1, 1024)), 300);

        HttpResponse<String> response = send(new BrowserForm(post.fields()).after("ignored", "after the file"), post, "notes.txt", TEXT);

        assertThat(response.statusCode()).isEqualTo(201);
        String etag = "\"" + md5(TEXT) + "\"";
        String location = server.endpoint() + "/" + bucket + "/uploads%2Fnotes.txt";
        assertThat(response.body()).isEqualTo("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<PostResponse><Location>" + location + "</Location><Bucket>"
                + bucket + "</Bucket><Key>uploads/notes.txt</Key><ETag>&quot;" + md5(TEXT) + "&quot;</ETag></PostResponse>");
        assertThat(response.headers().firstValue("ETag")).contains(etag);
        assertThat(response.headers().firstValue("Location")).contains(location);

        ResponseBytes<GetObjectResponse> stored = s3.getObjectAsBytes(request -> request.bucket(bucket).key("uploads/notes.txt"));
        assertThat(stored.asByteArray()).isEqualTo(TEXT);
        assertThat(stored.response().contentType()).isEqualTo("text/plain");
        assertThat(stored.response().metadata()).containsExactly(Map.entry("origin", "browser"));
        assertThat(stored.response().eTag()).isEqualTo(etag);
        assertThat(s3.getObjectTagging(request -> request.bucket(bucket).key("uploads/notes.txt")).tagSet())
                .containsExactly(Tag.builder().key("team").value("web").build());
    }

    @Test
    void defaultAnswerIs204AndRedirectIs303()
            throws Exception
    {
        String bucket = bucket("answers");
        PresignedPost plain = presign(bucket, "plain.txt", Map.of(), List.of(), 300);
        HttpResponse<String> noContent = send(new BrowserForm(plain.fields()), plain, "local-name.txt", TEXT);
        assertThat(noContent.statusCode()).isEqualTo(204);
        assertThat(noContent.body()).isEmpty();
        assertThat(noContent.headers().firstValue("ETag")).contains("\"" + md5(TEXT) + "\"");
        assertThat(noContent.headers().firstValue("Location")).contains(server.endpoint() + "/" + bucket + "/plain.txt");
        assertThat(noContent.headers().firstValue("x-amz-checksum-crc64nvme")).isPresent();

        String redirect = "https://app.example.com/done?upload=1";
        PresignedPost redirected = presign(bucket, "photos/${filename}", Map.of("success_action_redirect", redirect),
                List.of(List.of("starts-with", "$success_action_redirect", "https://app.example.com/")), 300);
        HttpResponse<String> seeOther = send(new BrowserForm(redirected.fields()), redirected, "cat pic.jpg", TEXT);
        assertThat(seeOther.statusCode()).isEqualTo(303);
        assertThat(seeOther.headers().firstValue("Location")).contains(redirect + "&bucket=" + bucket + "&key=photos%2Fcat+pic.jpg&etag=%22" + md5(TEXT) + "%22");
        assertThat(s3.getObjectAsBytes(request -> request.bucket(bucket).key("photos/cat pic.jpg")).asByteArray()).isEqualTo(TEXT);
    }

    @Test
    void largeFileStreamsThroughWhole()
            throws Exception
    {
        String bucket = bucket("large");
        byte[] file = new byte[3 * 1024 * 1024 + 12_345];
        new Random(42).nextBytes(file);
        PresignedPost post = presign(bucket, "big.bin", Map.of(), List.of(List.of("content-length-range", file.length, file.length)), 300);
        HttpResponse<String> response = send(new BrowserForm(post.fields()), post, "big.bin", file);
        assertThat(response.statusCode()).isEqualTo(204);
        assertThat(s3.getObjectAsBytes(request -> request.bucket(bucket).key("big.bin")).asByteArray()).isEqualTo(file);
    }

    @Test
    void expiredPolicyIsDenied()
            throws Exception
    {
        String bucket = bucket("expired");
        PresignedPost post = presign(bucket, "late.txt", Map.of(), List.of(), -60);
        assertRefused(send(new BrowserForm(post.fields()), post, "late.txt", TEXT), bucket, 403, "AccessDenied",
                "Invalid according to Policy: Policy expired.");
    }

    @Test
    void eqAndStartsWithMismatchesAreDenied()
            throws Exception
    {
        String bucket = bucket("conditions");
        PresignedPost typed = presign(bucket, "doc.txt", Map.of("Content-Type", "text/plain"), List.of(Map.of("Content-Type", "text/plain")), 300);
        assertRefused(send(new BrowserForm(typed.fields()).set("Content-Type", "text/html"), typed, "doc.txt", TEXT), bucket, 403, "AccessDenied",
                "Invalid according to Policy: Policy Condition failed: [\"eq\", \"$Content-Type\", \"text/plain\"]");

        PresignedPost prefixed = presign(bucket, "uploads/${filename}", Map.of(), List.of(), 300);
        assertRefused(send(new BrowserForm(prefixed.fields()).set("key", "elsewhere/doc.txt"), prefixed, "doc.txt", TEXT), bucket, 403, "AccessDenied",
                "Invalid according to Policy: Policy Condition failed: [\"starts-with\", \"$key\", \"uploads/\"]");

        // a condition on a field the form does not send fails too
        PresignedPost required = presign(bucket, "doc.txt", Map.of("x-amz-meta-owner", "alice"), List.of(List.of("starts-with", "$x-amz-meta-owner", "")), 300);
        assertRefused(send(new BrowserForm(required.fields()).remove("x-amz-meta-owner"), required, "doc.txt", TEXT), bucket, 403, "AccessDenied",
                "Invalid according to Policy: Policy Condition failed: [\"starts-with\", \"$x-amz-meta-owner\", \"\"]");
    }

    @Test
    void filesOutsideTheContentLengthRangeAreRefused()
            throws Exception
    {
        String bucket = bucket("sizes");
        PresignedPost post = presign(bucket, "sized.txt", Map.of(), List.of(List.of("content-length-range", 5, 10)), 300);
        HttpResponse<String> tooLarge = send(new BrowserForm(post.fields()), post, "sized.txt", new byte[11]);
        assertRefused(tooLarge, bucket, 400, "EntityTooLarge", "Your proposed upload exceeds the maximum allowed size");
        assertThat(tooLarge.body()).contains("<ProposedSize>11</ProposedSize>").contains("<MaxSizeAllowed>10</MaxSizeAllowed>");

        HttpResponse<String> tooSmall = send(new BrowserForm(post.fields()), post, "sized.txt", new byte[4]);
        assertRefused(tooSmall, bucket, 400, "EntityTooSmall", "Your proposed upload is smaller than the minimum allowed size");
        assertThat(tooSmall.body()).contains("<ProposedSize>4</ProposedSize>").contains("<MinSizeAllowed>5</MinSizeAllowed>");

        assertThat(send(new BrowserForm(post.fields()), post, "sized.txt", new byte[10]).statusCode()).isEqualTo(204);
        assertThat(send(new BrowserForm(post.fields()), post, "sized.txt", new byte[5]).statusCode()).isEqualTo(204);
    }

    @Test
    void fieldsNoConditionNamesAreRefused()
            throws Exception
    {
        String bucket = bucket("extra");
        PresignedPost post = presign(bucket, "doc.txt", Map.of(), List.of(), 300);
        assertRefused(send(new BrowserForm(post.fields()).set("X-Amz-Meta-Extra", "sneaked in"), post, "doc.txt", TEXT), bucket, 403, "AccessDenied",
                "Invalid according to Policy: Extra input fields: X-Amz-Meta-Extra");
        // exempt: x-ignore- fields
        assertThat(send(new BrowserForm(post.fields()).set("x-ignore-widget", "1"), post, "doc.txt", TEXT).statusCode()).isEqualTo(204);
    }

    @Test
    void badSignaturesAndUnknownKeysAreRefused()
            throws Exception
    {
        String bucket = bucket("signatures");
        PresignedPost post = presign(bucket, "doc.txt", Map.of(), List.of(), 300);
        String signature = post.fields().get("x-amz-signature");
        String altered = signature.substring(0, 63) + (signature.endsWith("0") ? "1" : "0");
        HttpResponse<String> badSignature = send(new BrowserForm(post.fields()).set("x-amz-signature", altered), post, "doc.txt", TEXT);
        assertRefused(badSignature, bucket, 403, "SignatureDoesNotMatch",
                "The request signature we calculated does not match the signature you provided. Check your key and signing method.");
        assertThat(badSignature.body()).contains("<StringToSign>" + post.fields().get("policy") + "</StringToSign>");

        // a policy changed after signing (here: a longer expiry) no longer matches its signature
        String policy = new String(java.util.Base64.getDecoder().decode(post.fields().get("policy")), StandardCharsets.UTF_8);
        String extended = java.util.Base64.getEncoder().encodeToString(policy.replaceFirst("\"expiration\": \"\\d{4}", "\"expiration\": \"2099")
                .getBytes(StandardCharsets.UTF_8));
        assertThat(extended).isNotEqualTo(post.fields().get("policy"));
        assertRefused(send(new BrowserForm(post.fields()).set("policy", extended), post, "doc.txt", TEXT), bucket, 403, "SignatureDoesNotMatch",
                "The request signature we calculated does not match the signature you provided. Check your key and signing method.");

        PresignedPost wrongSecret = PresignedPost.generate(server.endpoint(), TestServer.REGION.id(), credentials().accessKeyId(), "not-the-secret",
                bucket, "doc.txt", Map.of(), List.of(), 300);
        assertRefused(send(new BrowserForm(wrongSecret.fields()), wrongSecret, "doc.txt", TEXT), bucket, 403, "SignatureDoesNotMatch",
                "The request signature we calculated does not match the signature you provided. Check your key and signing method.");

        PresignedPost unknownKey = PresignedPost.generate(server.endpoint(), TestServer.REGION.id(), "AKIAUNKNOWNUNKNOWN00", "whatever",
                bucket, "doc.txt", Map.of(), List.of(), 300);
        assertRefused(send(new BrowserForm(unknownKey.fields()), unknownKey, "doc.txt", TEXT), bucket, 403, "InvalidAccessKeyId",
                "The AWS Access Key Id you provided does not exist in our records.");

        assertRefused(send(new BrowserForm(post.fields()).remove("x-amz-signature"), post, "doc.txt", TEXT), bucket, 400, "InvalidArgument",
                "Bucket POST must contain a field named 'X-Amz-Signature'.  If it is specified, please check the order of the fields.");
    }

    @Test
    void unsignedFormsNeedABucketPolicyThatAllowsAnonymousWrites()
            throws Exception
    {
        String bucket = bucket("anonymous");
        URI url = URI.create(server.endpoint() + "/" + bucket);
        BrowserForm form = new BrowserForm(Map.of("key", "drop/${filename}"));
        HttpResponse<String> denied = http.send(form.request(url, Optional.of("anon.txt"), TEXT), HttpResponse.BodyHandlers.ofString());
        assertRefused(denied, bucket, 403, "AccessDenied", "User: anonymous is not authorized to perform: s3:PutObject");

        s3.putBucketPolicy(request -> request.bucket(bucket).policy("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\","
                + "\"Action\":\"s3:PutObject\",\"Resource\":\"arn:aws:s3:::" + bucket + "/drop/*\"}]}"));
        HttpResponse<String> allowed = http.send(form.request(url, Optional.of("anon.txt"), TEXT), HttpResponse.BodyHandlers.ofString());
        assertThat(allowed.statusCode()).isEqualTo(204);
        assertThat(s3.getObjectAsBytes(request -> request.bucket(bucket).key("drop/anon.txt")).asByteArray()).isEqualTo(TEXT);
    }

    @Test
    void malformedFormsAreRefused()
            throws Exception
    {
        String bucket = bucket("malformed");
        URI url = URI.create(server.endpoint() + "/" + bucket);
        HttpResponse<String> notMultipart = http.send(HttpRequest.newBuilder(url).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("key=a.txt")).build(), HttpResponse.BodyHandlers.ofString());
        assertRefused(notMultipart, bucket, 412, "PreconditionFailed", "At least one of the pre-conditions you specified did not hold");

        PresignedPost post = presign(bucket, "doc.txt", Map.of(), List.of(), 300);
        BrowserForm form = new BrowserForm(post.fields());
        byte[] body = form.body(Optional.of("doc.txt"), TEXT);
        // the closing boundary cut off: the file cannot be told complete, so it is not stored
        byte[] cut = java.util.Arrays.copyOf(body, body.length - 30);
        HttpResponse<String> truncated = http.send(HttpRequest.newBuilder(post.url()).header("Content-Type", form.contentType())
                .POST(HttpRequest.BodyPublishers.ofByteArray(cut)).build(), HttpResponse.BodyHandlers.ofString());
        assertRefused(truncated, bucket, 400, "MalformedPOSTRequest", "The body of your POST request is not well-formed multipart/form-data.");
    }

    private static void assertRefused(HttpResponse<String> response, String bucket, int status, String code, String message)
    {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.body()).contains("<Code>" + code + "</Code>").contains("<Message>" + message.replace("\"", "&quot;").replace("'", "&apos;"));
        List<S3Object> stored = s3.listObjectsV2(request -> request.bucket(bucket)).contents();
        assertThat(stored).as("objects stored after a refused upload").isEmpty();
    }

    private static HttpResponse<String> send(BrowserForm form, PresignedPost post, String fileName, byte[] file)
            throws IOException, InterruptedException
    {
        return http.send(form.request(post.url(), Optional.of(fileName), file), HttpResponse.BodyHandlers.ofString());
    }

    private static PresignedPost presign(String bucket, String key, Map<String, String> fields, List<Object> conditions, long expiresIn)
    {
        AwsCredentials credentials = credentials();
        return PresignedPost.generate(server.endpoint(), TestServer.REGION.id(), credentials.accessKeyId(), credentials.secretAccessKey(), bucket, key,
                fields, conditions, expiresIn);
    }

    private static AwsCredentials credentials()
    {
        return server.credentials().resolveCredentials();
    }

    private static String bucket(String purpose)
    {
        String name = "post-" + purpose + "-" + UUID.randomUUID().toString().substring(0, 8);
        s3.createBucket(request -> request.bucket(name));
        return name;
    }

    private static String md5(byte[] bytes)
            throws NoSuchAlgorithmException
    {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
    }
}
