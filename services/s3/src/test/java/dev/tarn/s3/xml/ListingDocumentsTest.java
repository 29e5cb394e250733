package dev.tarn.s3.xml;

import dev.tarn.s3.S3Xml;
import dev.tarn.spi.http.ServiceResponse;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class ListingDocumentsTest
{
    private final S3Xml xml = new S3Xml();

    @Test
    void versionsAndDeleteMarkersKeepTheirListingOrder()
            throws IOException
    {
        Owner owner = Owner.of("123456789012");
        ListVersionsResult result = new ListVersionsResult("bucket", "", "", "", Optional.of("b"), Optional.of("v3"), 3, Optional.empty(), true,
                Optional.empty(),
                List.of(
                        new ListedDeleteMarker("a", "v9", true, "2026-01-01T12:00:00.000Z", owner),
                        new ListedVersion("a", "v8", false, "2026-01-01T11:00:00.000Z", "\"abc\"", List.of("CRC32"), Optional.empty(), 3, owner, "STANDARD"),
                        new ListedDeleteMarker("b", "v3", false, "2026-01-01T10:00:00.000Z", owner)),
                List.of(new CommonPrefix("c/")));

        String body = render(xml.ok(result));

        assertThat(body).containsOnlyOnce("xmlns=").contains("<ListVersionsResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">");
        assertThat(body).doesNotContain("xmlns=\"\"");
        assertThat(body.indexOf("<VersionId>v9</VersionId>")).isLessThan(body.indexOf("<VersionId>v8</VersionId>"));
        assertThat(body.indexOf("<VersionId>v8</VersionId>")).isLessThan(body.indexOf("<VersionId>v3</VersionId>"));
        assertThat(body).contains("<DeleteMarker><Key>a</Key><VersionId>v9</VersionId><IsLatest>true</IsLatest>");
        assertThat(body).contains("<ETag>\"abc\"</ETag><ChecksumAlgorithm>CRC32</ChecksumAlgorithm>");
        assertThat(body).contains("<NextKeyMarker>b</NextKeyMarker><NextVersionIdMarker>v3</NextVersionIdMarker>");
        assertThat(body).contains("<CommonPrefixes><Prefix>c/</Prefix></CommonPrefixes>");
        assertThat(body).doesNotContain("<Delimiter>").doesNotContain("<EncodingType>");
    }

    @Test
    void flattenedListsAndOptionalElements()
            throws IOException
    {
        ListBucketV2Result result = new ListBucketV2Result("bucket", "p/", 1000, 1, Optional.of("/"), false, Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.of("url"),
                List.of(new ListedObject("p/a%20b", "2026-01-01T12:00:00.000Z", "\"e\"", List.of(), Optional.empty(), 5, Optional.empty(), "STANDARD")),
                List.of());

        String body = render(xml.ok(result));

        assertThat(body).contains("<Contents><Key>p/a%20b</Key><LastModified>2026-01-01T12:00:00.000Z</LastModified><ETag>\"e\"</ETag><Size>5</Size><StorageClass>STANDARD</StorageClass></Contents>");
        assertThat(body).contains("<KeyCount>1</KeyCount>").contains("<EncodingType>url</EncodingType>");
        assertThat(body).doesNotContain("Owner").doesNotContain("ContinuationToken").doesNotContain("CommonPrefixes");
    }

    @Test
    void emptyBucketListAndEmptyLocation()
            throws IOException
    {
        String buckets = render(xml.ok(new ListAllMyBucketsResult(Owner.of("1"), new ListAllMyBucketsResult.Buckets(List.of()), Optional.empty(), Optional.empty())));
        assertThat(buckets).contains("<Buckets/>").contains("<Owner><ID>");
        assertThat(render(xml.ok(new LocationConstraint("")))).contains("<LocationConstraint xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"");
        assertThat(render(xml.ok(new VersioningConfiguration(Optional.empty(), Optional.empty()))))
                .contains("<VersioningConfiguration xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"/>");
    }

    @Test
    void timestampsAlwaysCarryMilliseconds()
    {
        assertThat(XmlTimestamp.format(Instant.parse("2026-01-01T12:00:00Z"))).isEqualTo("2026-01-01T12:00:00.000Z");
        assertThat(XmlTimestamp.format(Instant.parse("2026-01-01T12:00:00.123456Z"))).isEqualTo("2026-01-01T12:00:00.123Z");
    }

    @Test
    void readsTaggingAndCreateBucketConfiguration()
    {
        Tagging tagging = xml.read("<Tagging xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><TagSet><Tag><Key>a</Key><Value>1</Value></Tag><Tag><Key>b</Key><Value></Value></Tag></TagSet></Tagging>"
                .getBytes(StandardCharsets.UTF_8), Tagging.class);
        assertThat(tagging.tagSet().tags()).containsExactly(new Tag("a", "1"), new Tag("b", ""));

        CreateBucketConfiguration configuration = xml.read("<CreateBucketConfiguration><LocationConstraint>eu-west-1</LocationConstraint></CreateBucketConfiguration>"
                .getBytes(StandardCharsets.UTF_8), CreateBucketConfiguration.class);
        assertThat(configuration.locationConstraint()).contains("eu-west-1");
        assertThat(configuration.tags()).isEmpty();
    }

    private static String render(ServiceResponse response)
            throws IOException
    {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        response.body().orElseThrow().writeTo(out);
        return out.toString(StandardCharsets.UTF_8);
    }
}
