package dev.tarn.glue.crawler;

import dev.tarn.spi.error.AwsException;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AwsCronTest
{
    @Test
    void firesAsAwsDocuments()
    {
        assertThat(AwsCron.parse("cron(15 12 * * ? *)").nextAfter(Instant.parse("2024-03-01T12:20:00Z")))
                .contains(Instant.parse("2024-03-02T12:15:00Z"));
        assertThat(AwsCron.parse("cron(0/5 * * * ? *)").nextAfter(Instant.parse("2024-03-01T12:21:00Z")))
                .contains(Instant.parse("2024-03-01T12:25:00Z"));
        // 6#1: the first Friday (Quartz numbering, 1 = Sunday)
        assertThat(AwsCron.parse("cron(0 8 ? * 6#1 *)").nextAfter(Instant.parse("2024-03-02T00:00:00Z")))
                .contains(Instant.parse("2024-04-05T08:00:00Z"));
        assertThat(AwsCron.parse("cron(0 0 L * ? 2024)").nextAfter(Instant.parse("2024-02-01T00:00:00Z")))
                .contains(Instant.parse("2024-02-29T00:00:00Z"));
    }

    @Test
    void rejectsInvalidSchedules()
    {
        for (String bad : new String[] {"rate(5 minutes)", "cron(61 * * * ? *)", "cron(* * * *)", "0 * * * ? *"}) {
            assertThatThrownBy(() -> AwsCron.parse(bad)).as(bad).isInstanceOf(AwsException.class);
        }
    }
}
