package dev.tarn.s3.post;

import dev.tarn.gateway.auth.PostPolicyVerifier;
import dev.tarn.gateway.http.GatewayRequest;
import dev.tarn.gateway.http.UriCodec;
import dev.tarn.s3.S3Location;
import dev.tarn.s3.S3Xml;
import dev.tarn.s3.object.PutObjectHandler;
import dev.tarn.s3.object.TagSet;
import dev.tarn.s3.xml.ObjectTagging;
import dev.tarn.spi.error.CommonErrors;
import dev.tarn.spi.http.Headers;
import dev.tarn.spi.http.ServiceRequest;
import dev.tarn.spi.http.ServiceResponse;
import dev.tarn.spi.security.Caller;
import dev.tarn.spi.security.RequestContext;
import dev.tarn.spi.security.SigningCredential;
import org.eclipse.jetty.http.MultiPart;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * POST Object: an HTML form upload to the bucket URL. The fields are read first; a signed form's
 * policy signature is verified, the policy's expiration and every condition enforced and every
 * field checked to be named by one; the file is then written by PutObject's own path, as the
 * signer (or, unsigned, as the anonymous caller, which only a bucket policy can allow), with the
 * fields as its headers, so checksums, encryption, metadata and authorization are those of PutObject.
 */
public final class PostObjectHandler
{
    private static final String ALGORITHM = "AWS4-HMAC-SHA256";
    private static final Pattern BASIC_DATE_TIME = Pattern.compile("\\d{8}T\\d{6}Z");
    /** Fields that sign the form and are not object headers. */
    private static final Set<String> SIGNATURE_FIELDS = Set.of("x-amz-algorithm", "x-amz-credential", "x-amz-date", "x-amz-signature", "x-amz-security-token");
    /** Fields that become the object's standard headers. */
    private static final Set<String> HEADER_FIELDS = Set.of("cache-control", "content-type", "content-disposition", "content-encoding", "content-language",
            "expires", "content-md5");

    private final PutObjectHandler put;
    private final PostPolicyVerifier verifier;
    private final S3Xml xml;
    private final Clock clock;

    public PostObjectHandler(PutObjectHandler put, PostPolicyVerifier verifier, S3Xml xml, Clock clock)
    {
        this.put = requireNonNull(put, "put is null");
        this.verifier = requireNonNull(verifier, "verifier is null");
        this.xml = requireNonNull(xml, "xml is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    public ServiceResponse handle(ServiceRequest request)
    {
        String bucket = S3Location.of(request).requireBucket();
        String contentType = request.header("Content-Type").orElse("");
        if (!contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
            throw PostErrors.PRECONDITION_FAILED.exception().with("Condition", "Bucket POST must be of the enclosure-type multipart/form-data");
        }
        String boundary = MultiPart.extractBoundary(contentType);
        if (boundary == null || boundary.isEmpty()) {
            throw PostErrors.MALFORMED_POST_REQUEST.exception();
        }
        MultipartFormReader.Form form = MultipartFormReader.read(request.body(), boundary);
        Map<String, String> fields = new LinkedHashMap<>();
        form.fields().forEach(field -> fields.putIfAbsent(field.normalizedName(), field.value()));

        String submittedKey = Optional.ofNullable(fields.get("key")).orElseThrow(() -> PostErrors.missingField("key"));
        Caller caller = caller(fields);
        SizeRange size = SizeRange.ANY;
        if (fields.containsKey("policy")) {
            size = PolicyCheck.check(PostPolicy.parse(fields.get("policy")), form.fields(), bucket, clock.instant());
        }
        String key = form.fileName().map(name -> submittedKey.replace("${filename}", name)).orElse(submittedKey);
        if (key.isEmpty()) {
            throw CommonErrors.INVALID_ARGUMENT.exception("User key must have a length greater than 0.").with("ArgumentName", "key").with("ArgumentValue", "");
        }

        RequestContext asCaller = new RequestContext(request.context().requestId(), caller, request.context().region(), request.context().sourceIp(),
                request.context().secureTransport(), request.context().receivedAt());
        GatewayRequest upload = new GatewayRequest(asCaller, "PUT", "/" + UriCodec.encode(bucket, false) + "/" + UriCodec.encode(key, true), Optional.empty(),
                Map.of(), objectHeaders(request, fields), new SizeLimitedInputStream(form.file(), size), OptionalLong.empty(), Headers::empty);
        ServiceResponse stored = put.handleUnknownLength(upload);
        return PostAnswer.of(fields, bucket, key, objectUrl(request, bucket, key), stored);
    }

    /**
     * Who uploads: the signer of the policy (every SigV4 field present, the signature verified
     * before the policy is read), or the anonymous caller for a form with none of them.
     */
    private Caller caller(Map<String, String> fields)
    {
        boolean signed = fields.containsKey("policy") || SIGNATURE_FIELDS.stream().anyMatch(fields::containsKey);
        if (!signed) {
            return Caller.anonymous();
        }
        String algorithm = required(fields, "x-amz-algorithm", "X-Amz-Algorithm");
        String credential = required(fields, "x-amz-credential", "X-Amz-Credential");
        String date = required(fields, "x-amz-date", "X-Amz-Date");
        String signature = required(fields, "x-amz-signature", "X-Amz-Signature");
        String policy = required(fields, "policy", "Policy");
        if (!algorithm.equals(ALGORITHM)) {
            throw CommonErrors.INVALID_ARGUMENT.exception("X-Amz-Algorithm only supports \"" + ALGORITHM + "\"")
                    .with("ArgumentName", "X-Amz-Algorithm")
                    .with("ArgumentValue", algorithm);
        }
        if (!BASIC_DATE_TIME.matcher(date).matches()) {
            throw CommonErrors.INVALID_ARGUMENT.exception("X-Amz-Date must be formated via ISO8601 Long format")
                    .with("ArgumentName", "X-Amz-Date")
                    .with("ArgumentValue", date);
        }
        SigningCredential signer = verifier.verify(credential, policy, signature, Optional.ofNullable(fields.get("x-amz-security-token")));
        return signer.caller();
    }

    private static String required(Map<String, String> fields, String name, String spelling)
    {
        return Optional.ofNullable(fields.get(name)).orElseThrow(() -> PostErrors.missingField(spelling));
    }

    /** The fields PutObject reads as headers: standard object headers, acl, tagging (as x-amz-tagging) and x-amz-* ones. */
    private Headers objectHeaders(ServiceRequest request, Map<String, String> fields)
    {
        Headers.Builder headers = Headers.builder();
        request.header("host").ifPresent(host -> headers.set("host", host));
        fields.forEach((name, value) -> {
            if (HEADER_FIELDS.contains(name)) {
                headers.set(name, value);
            }
            else if (name.equals("acl")) {
                headers.set("x-amz-acl", value);
            }
            else if (name.equals("tagging")) {
                headers.set("x-amz-tagging", tagging(value));
            }
            else if (name.startsWith("x-amz-") && !SIGNATURE_FIELDS.contains(name)) {
                headers.set(name, value);
            }
        });
        return headers.build();
    }

    /** The tagging field is a Tagging document; PutObject takes tags in the x-amz-tagging header form. */
    private String tagging(String document)
    {
        ObjectTagging tagging = xml.read(document.getBytes(StandardCharsets.UTF_8), ObjectTagging.class);
        if (tagging.tagSet() == null || tagging.tagSet().tags() == null) {
            return "";
        }
        List<TagSet.Tag> tags = tagging.tags().stream().map(tag -> new TagSet.Tag(tag.key(), tag.value())).toList();
        return TagSet.validated(tags).encode();
    }

    /** The object's URL as S3 reports it in Location: the key's '/' too percent-encoded. */
    private static String objectUrl(ServiceRequest request, String bucket, String key)
    {
        String scheme = request.context().secureTransport() ? "https" : "http";
        String host = request.header("host").orElse("localhost");
        String path = request.virtualHostBucket().isPresent() ? "" : "/" + UriCodec.encode(bucket, false);
        return scheme + "://" + host + path + "/" + UriCodec.encode(key, false);
    }
}
