package dev.tarn.s3.select;

import dev.tarn.spi.error.AwsException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class SelectParserTest
{
    private static String translate(String sql, InputSchema schema)
    {
        return DuckDbTranslator.translate(SelectParser.parse(sql), schema, "src").sql();
    }

    @Test
    void csvColumnsAreStringsComparedAsStrings()
    {
        InputSchema.Csv csv = new InputSchema.Csv(3, List.of("Name", "age", "city"));
        assertThat(translate("SELECT s.name, _3 FROM S3Object s WHERE s.age > 10 LIMIT 2", csv))
                .isEqualTo("SELECT c1, c3 FROM src WHERE (c2 > CAST(10 AS VARCHAR)) LIMIT 2");
        assertThat(translate("SELECT \"Name\" FROM s3object WHERE \"name\" = 'x'", csv))
                .isEqualTo("SELECT c1 FROM src WHERE (CAST(NULL AS VARCHAR) = 'x')");
    }

    @Test
    void jsonPathsAreZeroBasedAndMissingIsSqlNull()
    {
        assertThat(translate("SELECT s.a.b[0] FROM S3Object[*].items s WHERE s.x IS MISSING", new InputSchema.Json()))
                .contains("json_extract(doc, '$.\"a\".\"b\"[0]')")
                .contains("json_extract(doc, '$.\"items\"')")
                .endsWith("WHERE (json_extract(doc, '$.\"x\"') IS NULL)");
    }

    @Test
    void eachElementOfTheArrayInFrom()
    {
        SelectQuery topLevel = SelectParser.parse("SELECT s.id FROM S3Object[*][*] s");
        assertThat(topLevel.fromPath()).containsExactly(new Expression.Each());
        assertThat(topLevel.alias()).contains("s");
        assertThat(translate("SELECT s.id FROM S3Object[*][*] s", new InputSchema.Json()))
                .contains("json_extract(doc, '$')")
                .contains("unnest(CASE WHEN json_type(selected) = 'ARRAY'");

        SelectQuery member = SelectParser.parse("SELECT s.id FROM S3Object[*].items[*] s");
        assertThat(member.fromPath()).containsExactly(new Expression.Field("items", false), new Expression.Each());
        // [*] at the end reads the array element by element, which a path to an array in FROM already does
        assertThat(translate("SELECT s.id FROM S3Object[*].items[*] s", new InputSchema.Json()))
                .isEqualTo(translate("SELECT s.id FROM S3Object[*].items s", new InputSchema.Json()));

        assertThat(SelectParser.parse("SELECT * FROM S3Object[*].a[0].b[*]").fromPath())
                .containsExactly(new Expression.Field("a", false), new Expression.Index(0), new Expression.Field("b", false), new Expression.Each());
    }

    @Test
    void eachOnlyAsTheLastStepOfTheFromPath()
    {
        assertThat(catchThrowableOfType(AwsException.class, () -> SelectParser.parse("SELECT * FROM S3Object[*][*].a")).code())
                .isEqualTo("ParseUnsupportedSyntax");
        assertThat(catchThrowableOfType(AwsException.class, () -> SelectParser.parse("SELECT * FROM S3Object[*].a[*][*]")).code())
                .isEqualTo("ParseUnsupportedSyntax");
        assertThat(SelectParser.parse("SELECT * FROM S3Object[*][0][*]").fromPath()).containsExactly(new Expression.Index(0), new Expression.Each());
    }

    @Test
    void errorsCarryCodeAndPosition()
    {
        AwsException error = catchThrowableOfType(AwsException.class, () -> SelectParser.parse("SELECT a\nFROM s3object WHERE a BETWEEN 1"));
        assertThat(error.code()).isEqualTo("ParseExpectedKeyword");
        assertThat(error.details()).containsEntry("Line", "2").containsEntry("Column", "32");
        assertThat(catchThrowableOfType(AwsException.class, () -> SelectParser.parse("SELECT COUNT(*) FROM s3object LIMIT -1")).code())
                .isEqualTo("EvaluatorNegativeLimit");
        assertThat(catchThrowableOfType(AwsException.class, () -> SelectParser.parse("SELECT SUM(*) FROM s3object")).code())
                .isEqualTo("ParseUnsupportedCallWithStar");
        assertThat(catchThrowableOfType(AwsException.class, () -> SelectParser.parse("SELECT UPPER(a, b) FROM s3object")).code())
                .isEqualTo("EvaluatorInvalidArguments");
    }

    @Test
    void timestampPatterns()
    {
        assertThat(TimestampFormat.toStrftime("yyyy-MM-dd'T'HH:mm:ss")).isEqualTo("%Y-%m-%dT%H:%M:%S");
        assertThat(TimestampFormat.toStrftime("MMMM d, y h:m a")).isEqualTo("%B %-d, %Y %-I:%-M %p");
    }
}
