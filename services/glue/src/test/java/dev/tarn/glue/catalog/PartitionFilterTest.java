package dev.tarn.glue.catalog;

import dev.tarn.glue.model.Column;
import dev.tarn.spi.error.AwsException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PartitionFilterTest
{
    private static final List<Column> KEYS = List.of(Column.of("year", "int"), Column.of("region", "string"));

    private static boolean test(String expression, String year, String region)
    {
        return PartitionFilter.parse(expression, KEYS).test(List.of(year, region));
    }

    @Test
    void comparesNumericKeysAsNumbers()
    {
        assertThat(test("year > 9", "10", "eu")).isTrue();
        assertThat(test("region > '9'", "10", "eu")).isTrue();
        assertThat(test("year BETWEEN 2020 AND 2022", "2021", "eu")).isTrue();
        assertThat(test("year NOT IN (2020, 2021)", "2021", "eu")).isFalse();
    }

    @Test
    void logicAndLike()
    {
        assertThat(test("(year = 2021 OR year = 2022) AND NOT region = 'us'", "2022", "eu")).isTrue();
        assertThat(test("region LIKE 'e_'", "1", "eu")).isTrue();
        assertThat(test("region <> 'eu'", "1", "eu")).isFalse();
        assertThat(test("region != 'us'", "1", "eu")).isTrue();
        assertThat(test("region = 'it''s'", "1", "it's")).isTrue();
        assertThat(test("year = 1 and region is not null", "1", "x")).isTrue();
    }

    @Test
    void rejectsInvalidExpressions()
    {
        for (String bad : List.of("year =", "nokey = 1", "year = 'x", "year == 1", "(year = 1")) {
            assertThatThrownBy(() -> PartitionFilter.parse(bad, KEYS)).as(bad).isInstanceOf(AwsException.class);
        }
    }
}
