package dev.tarn.s3.select;

import dev.tarn.spi.error.AwsException;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class SelectCsvRecordDelimitersTest
{
    private static SelectRequest.CsvInput csv(String recordDelimiter, boolean allowQuoted)
    {
        return new SelectRequest.CsvInput(SelectRequest.FileHeaderInfo.NONE, ",", recordDelimiter, "\"", "\"", Optional.of("#"), allowQuoted);
    }

    private static String read(String data, SelectRequest.CsvInput csv)
            throws IOException
    {
        try (InputStream in = CsvRecordDelimiters.of(new ByteArrayInputStream(data.getBytes(StandardCharsets.UTF_8)), csv)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void anotherDelimiterEndsRecordsAsNewLines()
            throws IOException
    {
        assertThat(read("a,b;c,d;", csv(";", false))).isEqualTo("a,b\nc,d\n");
        assertThat(read("a,b||c,d", csv("||", false))).isEqualTo("a,b\nc,d");
        assertThat(read("a|b||c|", csv("||", false))).isEqualTo("a|b\nc|");
        assertThat(read("a¶b¶", csv("¶", false))).isEqualTo("a\nb\n");
        assertThat(CsvRecordDelimiters.nativeFormat(csv("||", false)).recordDelimiter()).isEqualTo("\n");
        assertThat(CsvRecordDelimiters.nativeFormat(csv("\r\n", false)).recordDelimiter()).isEqualTo("\r\n");
    }

    @Test
    void quotedDelimiterStaysDataWhenAllowed()
            throws IOException
    {
        assertThat(read("\"a;b\",c;d;", csv(";", true))).isEqualTo("\"a;b\",c\nd\n");
        assertThat(read("\"say \"\"hi;\"\"\";x;", csv(";", true))).isEqualTo("\"say \"\"hi;\"\"\"\nx\n");
        String multiline = "a,\"one\ntwo\"\nb,c\n";
        assertThat(read(multiline, csv("\n", true))).isEqualTo(multiline);
    }

    @Test
    void quotedDelimiterIsAParsingErrorWhenNotAllowed()
            throws IOException
    {
        assertThat(catchThrowableOfType(AwsException.class, () -> read("a,\"one\ntwo\"\n", csv("\n", false))).code()).isEqualTo("CSVParsingError");
        assertThat(catchThrowableOfType(AwsException.class, () -> read("\"a;b\";", csv(";", false))).code()).isEqualTo("CSVParsingError");
        // a quote inside an unquoted field, or in a comment line, opens nothing
        assertThat(read("a\"b,c\n#\"x\nd\n", csv("\n", false))).isEqualTo("a\"b,c\n#\"x\nd\n");
        assertThat(read("\"a\",\"\"\nb\n", csv("\n", false))).isEqualTo("\"a\",\"\"\nb\n");
    }
}
