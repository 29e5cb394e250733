package dev.tarn.s3.lifecycle;

import dev.tarn.s3.S3Xml;
import dev.tarn.spi.error.AwsException;
import dev.tarn.storage.meta.ObjectVersion;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LifecycleRulesTest
{
    private final S3Xml xml = new S3Xml();

    @Test
    void readsFiltersAndActions()
    {
        List<LifecycleRule> rules = parse("""
                <Rule><ID>raw</ID><Status>Enabled</Status><Filter><Prefix>raw/</Prefix></Filter><Expiration><Days>7</Days></Expiration></Rule>
                <Rule><ID>tagged</ID><Status>Disabled</Status>
                  <Filter><And><Prefix>logs/</Prefix><Tag><Key>tier</Key><Value>cold</Value></Tag><ObjectSizeGreaterThan>10</ObjectSizeGreaterThan>
                  <ObjectSizeLessThan>100</ObjectSizeLessThan></And></Filter>
                  <Transition><Days>30</Days><StorageClass>GLACIER</StorageClass></Transition>
                  <NoncurrentVersionExpiration><NoncurrentDays>5</NoncurrentDays><NewerNoncurrentVersions>2</NewerNoncurrentVersions></NoncurrentVersionExpiration>
                </Rule>
                <Rule><ID>legacy</ID><Prefix>old/</Prefix><Status>Enabled</Status>
                  <AbortIncompleteMultipartUpload><DaysAfterInitiation>1</DaysAfterInitiation></AbortIncompleteMultipartUpload></Rule>
                """);
        assertThat(rules).extracting(LifecycleRule::id).containsExactly("raw", "tagged", "legacy");
        assertThat(rules.get(0).filter().prefix()).isEqualTo("raw/");
        assertThat(rules.get(0).expiration().orElseThrow().days()).contains(7);
        LifecycleRule tagged = rules.get(1);
        assertThat(tagged.enabled()).isFalse();
        assertThat(tagged.filter().tags()).isEqualTo(Map.of("tier", "cold"));
        assertThat(tagged.filter().matches("logs/a", Map.of("tier", "cold", "other", "x"), 50)).isTrue();
        assertThat(tagged.filter().matches("logs/a", Map.of("tier", "hot"), 50)).isFalse();
        assertThat(tagged.filter().matches("logs/a", Map.of("tier", "cold"), 10)).isFalse();
        assertThat(tagged.filter().matches("logs/a", Map.of("tier", "cold"), 100)).isFalse();
        assertThat(tagged.filter().matches("raw/a", Map.of("tier", "cold"), 50)).isFalse();
        assertThat(tagged.filter().matchesKeyOnly("logs/a")).isFalse();
        assertThat(tagged.transitions()).extracting(LifecycleRule.Transition::storageClass).containsExactly("GLACIER");
        assertThat(tagged.noncurrentExpiration().orElseThrow().newerVersions()).contains(2);
        assertThat(rules.get(2).filter().prefix()).isEqualTo("old/");
        assertThat(rules.get(2).abortIncompleteUploadDays()).contains(1);
    }

    @Test
    void refusesWhatS3Refuses()
    {
        assertRefused("<Rule><ID>a</ID><Filter/><Expiration><Days>1</Days></Expiration></Rule>", "MalformedXML", null);
        assertRefused("<Rule><ID>a</ID><Status>On</Status><Expiration><Days>1</Days></Expiration></Rule>", "MalformedXML", null);
        assertRefused("<Rule><ID>a</ID><Status>Enabled</Status><Filter><Prefix>x</Prefix></Filter><Expiration><Days>0</Days></Expiration></Rule>",
                "InvalidArgument", "'Days' for Expiration action must be a positive integer");
        assertRefused("<Rule><ID>a</ID><Status>Enabled</Status><Filter><Prefix>x</Prefix></Filter><Expiration><Date>2030-01-01T10:00:00Z</Date></Expiration></Rule>",
                "InvalidArgument", "'Date' must be at midnight GMT");
        assertRefused("<Rule><ID>a</ID><Status>Enabled</Status><Filter><Prefix>x</Prefix></Filter><Expiration><Days>1</Days><Date>2030-01-01T00:00:00Z</Date></Expiration></Rule>",
                "MalformedXML", null);
        assertRefused("<Rule><ID>a</ID><Status>Enabled</Status><Filter><Prefix>x</Prefix></Filter></Rule>",
                "InvalidRequest", "At least one action needs to be specified in a rule");
        assertRefused("""
                <Rule><ID>a</ID><Status>Enabled</Status><Filter><Prefix>x</Prefix></Filter><Expiration><Days>1</Days></Expiration></Rule>
                <Rule><ID>a</ID><Status>Enabled</Status><Filter><Prefix>y</Prefix></Filter><Expiration><Days>1</Days></Expiration></Rule>
                """, "InvalidArgument", "Rule ID must be unique. Found same ID for more than one rule");
        assertRefused("<Rule><ID>a</ID><Status>Enabled</Status><Filter><Prefix>x</Prefix><Tag><Key>k</Key><Value>v</Value></Tag></Filter>"
                + "<Expiration><Days>1</Days></Expiration></Rule>", "MalformedXML", null);
        assertRefused("<Rule><ID>a</ID><Status>Enabled</Status><Prefix>x</Prefix><Filter><Prefix>x</Prefix></Filter><Expiration><Days>1</Days></Expiration></Rule>",
                "MalformedXML", null);
        assertRefused("<Rule><ID>a</ID><Status>Enabled</Status><Filter><Prefix>x</Prefix></Filter>"
                + "<Transition><Days>10</Days><StorageClass>STANDARD_IA</StorageClass></Transition></Rule>",
                "InvalidArgument", "'Days' in Transition action must be greater than or equal to 30 for storageClass 'STANDARD_IA'");
        assertRefused("<Rule><ID>a</ID><Status>Enabled</Status><Filter><Prefix>x</Prefix></Filter>"
                + "<Transition><Days>10</Days><StorageClass>FROZEN</StorageClass></Transition></Rule>", "MalformedXML", null);
        assertRefused("<Rule><ID>a</ID><Status>Enabled</Status><Filter><Tag><Key>k</Key><Value>v</Value></Tag></Filter>"
                + "<AbortIncompleteMultipartUpload><DaysAfterInitiation>1</DaysAfterInitiation></AbortIncompleteMultipartUpload></Rule>",
                "InvalidRequest", "AbortIncompleteMultipartUpload cannot be specified with Tags.");
        assertRefused("<Rule><ID>a</ID><Status>Enabled</Status><Filter><Prefix>x</Prefix></Filter>"
                + "<NoncurrentVersionExpiration><NoncurrentDays>0</NoncurrentDays></NoncurrentVersionExpiration></Rule>",
                "InvalidArgument", "'NoncurrentDays' for NoncurrentVersionExpiration action must be a positive integer");
        assertRefused("<Rule><ID>" + "x".repeat(256) + "</ID><Status>Enabled</Status><Filter><Prefix>x</Prefix></Filter><Expiration><Days>1</Days></Expiration></Rule>",
                "InvalidArgument", "ID length should not exceed allowed limit of 255");
        assertRefused("", "MalformedXML", null);
    }

    @Test
    void rulesWithoutIdGetOne()
    {
        LifecycleConfigurationXml document = LifecycleRules.withIds(document(
                "<Rule><Status>Enabled</Status><Filter><Prefix>x</Prefix></Filter><Expiration><Days>1</Days></Expiration></Rule>"));
        assertThat(document.rules().get(0).id()).hasValueSatisfying(id -> assertThat(id).isNotBlank());
    }

    @Test
    void daysRoundUpToTheNextDayBoundary()
    {
        // S3's example: written 2014-01-15 10:30 UTC, expiring after 3 days, goes at 2014-01-19 00:00 UTC
        assertThat(LifecycleDay.STANDARD.due(Instant.parse("2014-01-15T10:30:00Z"), 3)).isEqualTo(Instant.parse("2014-01-19T00:00:00Z"));
        assertThat(LifecycleDay.STANDARD.due(Instant.parse("2014-01-15T00:00:00Z"), 1)).isEqualTo(Instant.parse("2014-01-16T00:00:00Z"));
        LifecycleDay tenSeconds = new LifecycleDay(Duration.ofSeconds(10));
        assertThat(tenSeconds.due(Instant.parse("2026-01-01T00:00:03Z"), 2)).isEqualTo(Instant.parse("2026-01-01T00:00:30Z"));
        assertThat(tenSeconds.scanInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(LifecycleDay.STANDARD.scanInterval()).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void plansNoncurrentExpirationKeepingNewerVersionsAndThenTheLoneDeleteMarker()
    {
        List<LifecycleRule> rules = parse("""
                <Rule><ID>versions</ID><Status>Enabled</Status><Filter><Prefix></Prefix></Filter>
                  <Expiration><ExpiredObjectDeleteMarker>true</ExpiredObjectDeleteMarker></Expiration>
                  <NoncurrentVersionExpiration><NoncurrentDays>1</NoncurrentDays><NewerNoncurrentVersions>1</NewerNoncurrentVersions></NoncurrentVersionExpiration>
                </Rule>
                """);
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        // newest first: a delete marker, then three versions written a day apart
        List<ObjectVersion> versions = List.of(
                version("k", "m", 4, true, start.plus(Duration.ofDays(3))),
                version("k", "v3", 3, false, start.plus(Duration.ofDays(2))),
                version("k", "v2", 2, false, start.plus(Duration.ofDays(1))),
                version("k", "v1", 1, false, start));
        List<LifecycleAction> actions = new ArrayList<>();
        LifecycleExecutor.planKey(rules, versions, start.plus(Duration.ofDays(10)), LifecycleDay.STANDARD, actions);
        // v3 is the one newer noncurrent version kept; v2 and v1 go; the marker stays while v3 does
        assertThat(actions).extracting(LifecycleAction::toString).hasSize(2);
        assertThat(actions).allMatch(LifecycleAction.RemoveNoncurrent.class::isInstance);
        assertThat(actions).extracting(action -> ((LifecycleAction.RemoveNoncurrent) action).versionId()).containsExactly("v2", "v1");

        List<LifecycleAction> lone = new ArrayList<>();
        LifecycleExecutor.planKey(rules, List.of(version("k", "m", 4, true, start)), start.plus(Duration.ofDays(1)), LifecycleDay.STANDARD, lone);
        assertThat(lone).singleElement().isInstanceOf(LifecycleAction.RemoveExpiredMarker.class);

        // not yet due: nothing
        List<LifecycleAction> early = new ArrayList<>();
        LifecycleExecutor.planKey(rules, versions, start.plus(Duration.ofDays(1)).plusSeconds(60), LifecycleDay.STANDARD, early);
        assertThat(early).isEmpty();
    }

    @Test
    void plansCurrentExpirationBeforeTransitions()
    {
        List<LifecycleRule> rules = parse("""
                <Rule><ID>archive</ID><Status>Enabled</Status><Filter><Prefix>data/</Prefix></Filter>
                  <Transition><Days>1</Days><StorageClass>GLACIER</StorageClass></Transition>
                  <Transition><Days>2</Days><StorageClass>DEEP_ARCHIVE</StorageClass></Transition>
                  <Expiration><Days>10</Days></Expiration>
                </Rule>
                """);
        Instant start = Instant.parse("2026-01-01T12:00:00Z");
        List<ObjectVersion> versions = List.of(version("data/x", "null", 1, false, start));
        List<LifecycleAction> actions = new ArrayList<>();
        LifecycleExecutor.planKey(rules, versions, start.plus(Duration.ofDays(4)), LifecycleDay.STANDARD, actions);
        assertThat(actions).singleElement().isEqualTo(new LifecycleAction.Transition("data/x", "null", 1, "DEEP_ARCHIVE", "archive"));
        actions.clear();
        LifecycleExecutor.planKey(rules, versions, start.plus(Duration.ofDays(11)), LifecycleDay.STANDARD, actions);
        assertThat(actions).singleElement().isEqualTo(new LifecycleAction.ExpireCurrent("data/x", "null", 1, "archive"));
        actions.clear();
        LifecycleExecutor.planKey(rules, List.of(version("other/x", "null", 1, false, start)), start.plus(Duration.ofDays(11)), LifecycleDay.STANDARD, actions);
        assertThat(actions).isEmpty();
    }

    private static ObjectVersion version(String key, String id, long sequence, boolean deleteMarker, Instant written)
    {
        return new ObjectVersion("b", key, id, sequence, sequence == 4 || id.equals("null") || id.equals("m"), deleteMarker, deleteMarker ? 0 : 10, "e",
                written, "STANDARD", "123456789012", List.of(), Map.of());
    }

    private List<LifecycleRule> parse(String rules)
    {
        return LifecycleRules.validate(document(rules));
    }

    private LifecycleConfigurationXml document(String rules)
    {
        String text = "<LifecycleConfiguration xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">" + rules + "</LifecycleConfiguration>";
        return xml.read(text.getBytes(StandardCharsets.UTF_8), LifecycleConfigurationXml.class);
    }

    private void assertRefused(String rules, String code, String message)
    {
        assertThatThrownBy(() -> parse(rules)).isInstanceOfSatisfying(AwsException.class, e -> {
            assertThat(e.code()).isEqualTo(code);
            if (message != null) {
                assertThat(e.getMessage()).isEqualTo(message);
            }
        });
    }
}
