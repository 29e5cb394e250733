package dev.tarn.s3.object;

import dev.tarn.s3.S3Xml;
import dev.tarn.s3.xml.ObjectDeleteRequest;
import dev.tarn.s3.xml.ObjectDeleteResult;
import dev.tarn.s3.xml.ObjectTagging;
import dev.tarn.spi.error.AwsException;
import dev.tarn.spi.http.ServiceResponse;
import dev.tarn.storage.blob.ChecksumAlgorithm;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The object operations' XML documents, in and out, in S3's element names and order. */
class ObjectXmlTest
{
    private final S3Xml xml = new S3Xml();

    @Test
    void deleteRequest()
    {
        String document = """
                <Delete xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Object><Key>a</Key></Object>
                <Object><Key>b</Key><VersionId>v1</VersionId></Object><Quiet>true</Quiet></Delete>""";
        ObjectDeleteRequest request = xml.read(document.getBytes(StandardCharsets.UTF_8), ObjectDeleteRequest.class);
        assertThat(request.objects()).containsExactly(new ObjectDeleteRequest.Entry("a", Optional.empty()), new ObjectDeleteRequest.Entry("b", Optional.of("v1")));
        assertThat(request.quiet()).contains(true);
        assertThatThrownBy(() -> xml.read("<Delete><Object>".getBytes(StandardCharsets.UTF_8), ObjectDeleteRequest.class))
                .isInstanceOfSatisfying(AwsException.class, e -> assertThat(e.code()).isEqualTo("MalformedXML"));
    }

    @Test
    void deleteResult()
            throws IOException
    {
        ObjectDeleteResult result = new ObjectDeleteResult(
                List.of(new ObjectDeleteResult.Deleted("a", Optional.empty(), Optional.of(true), Optional.of("m1"))),
                List.of(new ObjectDeleteResult.Failure("b", Optional.empty(), "AccessDenied", "Access Denied")));
        assertThat(text(xml.ok(result))).contains(
                "<DeleteResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><Deleted><Key>a</Key><DeleteMarker>true</DeleteMarker>"
                        + "<DeleteMarkerVersionId>m1</DeleteMarkerVersionId></Deleted>"
                        + "<Error><Key>b</Key><Code>AccessDenied</Code><Message>Access Denied</Message></Error></DeleteResult>");
    }

    @Test
    void taggingRoundTrip()
            throws IOException
    {
        ObjectTagging tagging = ObjectTagging.of(List.of(new ObjectTagging.Tag("k", "v"), new ObjectTagging.Tag("e", "")));
        String text = text(xml.ok(tagging));
        assertThat(text).contains("<Tagging xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><TagSet><Tag><Key>k</Key><Value>v</Value></Tag>");
        assertThat(xml.read(text.getBytes(StandardCharsets.UTF_8), ObjectTagging.class).tags()).hasSize(2);
    }

    @Test
    void copyResultNamesTheChecksumByAlgorithm()
            throws IOException
    {
        StoredChecksum checksum = new StoredChecksum(ChecksumAlgorithm.SHA1, "FULL_OBJECT", "abc=");
        String text = text(xml.ok(CopyObjectHandler.copyResult("\"e\"", "2024-01-01T00:00:00.000Z", checksum)));
        assertThat(text).contains("<CopyObjectResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><ETag>\"e\"</ETag>"
                + "<LastModified>2024-01-01T00:00:00.000Z</LastModified><ChecksumType>FULL_OBJECT</ChecksumType><ChecksumSHA1>abc=</ChecksumSHA1></CopyObjectResult>");
    }

    private static String text(ServiceResponse response)
            throws IOException
    {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        response.body().orElseThrow().writeTo(out);
        return out.toString(StandardCharsets.UTF_8);
    }
}
