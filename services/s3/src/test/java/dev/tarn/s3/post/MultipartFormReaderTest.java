package dev.tarn.s3.post;

import dev.tarn.spi.error.AwsException;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MultipartFormReaderTest
{
    private static final String BOUNDARY = "----formboundary7MA4YWxk";

    @Test
    void fieldsThenTheFileWhateverTheReadSizes()
            throws IOException
    {
        byte[] file = new byte[200_000];
        new Random(7).nextBytes(file);
        byte[] body = body("Content-Disposition: form-data; name=\"key\"\r\n\r\nuploads/${filename}",
                "Content-Disposition: form-data; name=\"X-Amz-Meta-Note\"\r\n\r\nline one\r\nline two");
        byte[] whole = concat(body, ("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a \\\"b\\\".bin\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8), file,
                ("\r\n--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"after\"\r\n\r\nignored\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));

        for (int readSize : new int[] {1, 7, 4096, 1 << 20}) {
            MultipartFormReader.Form form = MultipartFormReader.read(new Trickle(whole, readSize), BOUNDARY);
            assertThat(form.fields()).containsExactly(new FormField("key", "uploads/${filename}"), new FormField("X-Amz-Meta-Note", "line one\r\nline two"));
            assertThat(form.fileName()).contains("a \"b\".bin");
            assertThat(form.file().readAllBytes()).isEqualTo(file);
        }
    }

    @Test
    void aFormWithoutFileOrWithTooManyFieldBytesIsRefused()
    {
        byte[] noFile = concat(body("Content-Disposition: form-data; name=\"key\"\r\n\r\nk"), ("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> MultipartFormReader.read(new ByteArrayInputStream(noFile), BOUNDARY))
                .isInstanceOfSatisfying(AwsException.class, e -> assertThat(e.getMessage()).isEqualTo("POST requires exactly one file upload per request."));

        byte[] large = body("Content-Disposition: form-data; name=\"x-amz-meta-big\"\r\n\r\n" + "x".repeat(MultipartFormReader.MAX_FIELDS_BYTES));
        assertThatThrownBy(() -> MultipartFormReader.read(new ByteArrayInputStream(large), BOUNDARY))
                .isInstanceOfSatisfying(AwsException.class, e -> assertThat(e.code()).isEqualTo("MaxPostPreDataLengthExceeded"));
    }

    @Test
    void aFileCutShortIsMalformedNotShorter()
            throws IOException
    {
        byte[] whole = concat(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\n").getBytes(StandardCharsets.UTF_8), new byte[10_000]);
        MultipartFormReader.Form form = MultipartFormReader.read(new ByteArrayInputStream(whole), BOUNDARY);
        assertThat(form.fileName()).isEqualTo(Optional.empty());
        assertThatThrownBy(() -> form.file().readAllBytes())
                .isInstanceOfSatisfying(AwsException.class, e -> assertThat(e.code()).isEqualTo("MalformedPOSTRequest"));
    }

    private static byte[] body(String... parts)
    {
        StringBuilder out = new StringBuilder();
        for (String part : parts) {
            out.append("--").append(BOUNDARY).append("\r\n").append(part).append("\r\n");
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[]... arrays)
    {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] array : arrays) {
            out.writeBytes(array);
        }
        return out.toByteArray();
    }

    /** A body that arrives a few bytes at a time, as over a slow connection. */
    private static final class Trickle
            extends InputStream
    {
        private final ByteArrayInputStream bytes;
        private final int readSize;

        Trickle(byte[] bytes, int readSize)
        {
            this.bytes = new ByteArrayInputStream(bytes);
            this.readSize = readSize;
        }

        @Override
        public int read()
        {
            return bytes.read();
        }

        @Override
        public int read(byte[] buffer, int offset, int length)
        {
            return bytes.read(buffer, offset, Math.min(length, readSize));
        }
    }
}
