package dev.tarn.athena.engine.catalog;

import dev.tarn.gateway.http.UriCodec;
import dev.tarn.gateway.inprocess.InProcessInvoker;
import dev.tarn.gateway.inprocess.InProcessRequest;
import dev.tarn.spi.http.Headers;
import dev.tarn.spi.http.ResponseBody;
import dev.tarn.spi.http.ServiceResponse;
import dev.tarn.spi.security.RequestContext;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * S3 as one caller sees it: every listing, read and write goes through the S3 service in
 * process, so that caller's permissions (s3:ListBucket, s3:GetObject, s3:PutObject) apply.
 */
public final class S3Objects
{
    private final InProcessInvoker invoker;
    private final RequestContext caller;

    public S3Objects(InProcessInvoker invoker, RequestContext caller)
    {
        this.invoker = requireNonNull(invoker, "invoker is null");
        this.caller = requireNonNull(caller, "caller is null");
    }

    /**
     * The data files under a folder, recursively, in key order. As Hive and Athena do, objects whose
     * name starts with {@code _} or {@code .} (markers, manifests) and folder placeholders are skipped.
     */
    public List<S3ObjectSummary> listFiles(S3Location folder)
    {
        S3Location prefix = folder.asFolder();
        List<S3ObjectSummary> files = new ArrayList<>();
        Optional<String> token = Optional.empty();
        do {
            Map<String, List<String>> query = new LinkedHashMap<>();
            query.put("list-type", List.of("2"));
            if (!prefix.key().isEmpty()) {
                query.put("prefix", List.of(prefix.key()));
            }
            token.ifPresent(value -> query.put("continuation-token", List.of(value)));
            ListingPage page = ListingPage.parse(InProcessInvoker.bodyText(invoker.invoke(caller, "s3",
                    new InProcessRequest.Rest("GET", "/" + UriCodec.encode(prefix.bucket(), false), query, Headers.empty(), new byte[0]))));
            for (ListingPage.Entry entry : page.contents()) {
                if (isDataFile(prefix.key(), entry.key())) {
                    files.add(new S3ObjectSummary(prefix.bucket(), entry.key(), entry.size()));
                }
            }
            token = page.nextToken();
        }
        while (token.isPresent());
        return files;
    }

    /**
     * Opens the object (GetObject, so permission and encryption keys are checked now); its
     * plaintext streams when the returned body is written out.
     */
    public ResponseBody open(S3ObjectSummary object)
    {
        ServiceResponse response = invoker.invoke(caller, "s3",
                new InProcessRequest.Rest("GET", objectPath(object.bucket(), object.key()), Map.of(), Headers.empty(), new byte[0]));
        return response.body().orElseGet(() -> ResponseBody.bytes(new byte[0], "application/octet-stream"));
    }

    /** Opens the bytes {@code [first, last]} of the object (a ranged GetObject: only the chunks holding them are decrypted). */
    public ResponseBody openRange(S3ObjectSummary object, long first, long last)
    {
        return openVersionedRange(object, first, last, Optional.empty()).body();
    }

    /**
     * Opens the bytes {@code [first, last]} of the object (a ranged GetObject), with the version it
     * read: its ETag and whole size. With {@code ifMatch}, fails (PreconditionFailed) unless the
     * object still has that ETag, so ranges read apart come from one version.
     */
    public VersionedRange openVersionedRange(S3ObjectSummary object, long first, long last, Optional<String> ifMatch)
    {
        Headers.Builder headers = Headers.builder().set("range", "bytes=" + first + "-" + last);
        ifMatch.ifPresent(etag -> headers.set("if-match", etag));
        ServiceResponse response = invoker.invoke(caller, "s3", new InProcessRequest.Rest("GET", objectPath(object.bucket(), object.key()), Map.of(),
                headers.build(), new byte[0]));
        String etag = response.headers().first("etag").orElseThrow(() -> new IllegalStateException("GetObject gave no ETag"));
        // Content-Range: bytes first-last/size
        long size = response.headers().first("content-range").map(range -> Long.parseLong(range.substring(range.lastIndexOf('/') + 1).strip()))
                .orElse(object.size());
        return new VersionedRange(response.body().orElseGet(() -> ResponseBody.bytes(new byte[0], "application/octet-stream")), etag, size);
    }

    /** A range's bytes, and the ETag and size of the object version they are part of. */
    public record VersionedRange(ResponseBody body, String etag, long size)
    {
        public VersionedRange
        {
            requireNonNull(body, "body is null");
            requireNonNull(etag, "etag is null");
        }
    }

    /** Uploads a file as the object {@code location} (PutObject). */
    public void put(S3Location location, Path file, String contentType)
    {
        invoker.invoke(caller, "s3", new InProcessRequest.RestFile("PUT", objectPath(location.bucket(), location.key()), Map.of(),
                Headers.builder().set("content-type", contentType).build(), file));
    }

    /** Uploads a small text object (a manifest). */
    public void put(S3Location location, String text, String contentType)
    {
        invoker.invoke(caller, "s3", new InProcessRequest.Rest("PUT", objectPath(location.bucket(), location.key()), Map.of(),
                Headers.builder().set("content-type", contentType).build(), text.getBytes(StandardCharsets.UTF_8)));
    }

    private static String objectPath(String bucket, String key)
    {
        return "/" + UriCodec.encode(bucket, false) + "/" + UriCodec.encode(key, true);
    }

    private static boolean isDataFile(String prefix, String key)
    {
        if (key.endsWith("/")) {
            return false;
        }
        for (String segment : key.substring(prefix.length()).split("/")) {
            if (segment.startsWith("_") || segment.startsWith(".")) {
                return false;
            }
        }
        return !key.endsWith("_$folder$");
    }
}
