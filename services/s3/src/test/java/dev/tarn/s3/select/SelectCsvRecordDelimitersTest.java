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

    @Test
    void resultDoesNotDependOnHowTheInputArrives()
            throws IOException
    {
        // runs between quotes, comments and delimiters are copied in bulk: every split of the input must give the same result
        String[] inputs = {
                "a,\"b\nc\"\n#\"q\nd,\"e\"\"f\"\ng\n",
                "x;\"y;z\";w;;",
                "p||\"q||r\"|||s||",
                "a,b\r\n\"c\r\nd\"\r\ne\r\n",
        };
        String[] delimiters = {"\n", ";", "||", "\r\n"};
        for (int i = 0; i < inputs.length; i++) {
            for (boolean allowQuoted : new boolean[] {true, false}) {
                SelectRequest.CsvInput format = csv(delimiters[i], allowQuoted);
                String whole = outcome(inputs[i], format, inputs[i].length());
                for (int chunk = 1; chunk < inputs[i].length(); chunk++) {
                    assertThat(outcome(inputs[i], format, chunk)).as("%s in chunks of %d", inputs[i], chunk).isEqualTo(whole);
                }
            }
        }
        assertThat(outcome(inputs[0], csv("\n", true), 3)).isEqualTo(inputs[0]);
        assertThat(outcome(inputs[0], csv("\n", false), 3)).isEqualTo("CSVParsingError");
        assertThat(outcome(inputs[1], csv(";", true), 2)).isEqualTo("x\n\"y;z\"\nw\n\n");
        assertThat(outcome(inputs[2], csv("||", true), 5)).isEqualTo("p\n\"q||r\"\n|s\n");
        assertThat(outcome(inputs[3], csv("\r\n", false), 4)).isEqualTo("CSVParsingError");
    }

    /** What reading {@code data} gives when the source returns at most {@code chunk} bytes per read: the records, or the error code. */
    private static String outcome(String data, SelectRequest.CsvInput format, int chunk)
            throws IOException
    {
        InputStream source = new ByteArrayInputStream(data.getBytes(StandardCharsets.UTF_8))
        {
            @Override
            public synchronized int read(byte[] buffer, int offset, int length)
            {
                return super.read(buffer, offset, Math.min(length, chunk));
            }
        };
        try (InputStream in = CsvRecordDelimiters.of(source, format)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        catch (AwsException e) {
            return e.code();
        }
    }
}
