package dev.tarn.s3.lifecycle;

import dev.tarn.s3.S3Errors;
import dev.tarn.s3.xml.Tag;
import dev.tarn.spi.error.AwsException;
import dev.tarn.spi.error.CommonErrors;

import java.time.Instant;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;

/**
 * Turns a lifecycle configuration document into rules, refusing what S3 refuses with its error:
 * MalformedXML for what breaks the schema (a missing Status, two filters, Days and Date
 * together), InvalidArgument and InvalidRequest with S3's messages for values out of range.
 */
public final class LifecycleRules
{
    private static final int MAX_RULES = 1000;
    private static final int MAX_ID_LENGTH = 255;
    private static final int MAX_NEWER_VERSIONS = 100;
    private static final Set<String> TRANSITION_CLASSES = Set.of("GLACIER", "STANDARD_IA", "ONEZONE_IA", "INTELLIGENT_TIERING", "DEEP_ARCHIVE", "GLACIER_IR");
    private static final Set<String> THIRTY_DAY_CLASSES = Set.of("STANDARD_IA", "ONEZONE_IA");

    private LifecycleRules() {}

    /** The document with an ID given to every rule that has none, as S3 stores it. */
    public static LifecycleConfigurationXml withIds(LifecycleConfigurationXml document)
    {
        return new LifecycleConfigurationXml(document.rules().stream()
                .map(rule -> rule.id().filter(id -> !id.isEmpty()).isPresent() ? rule : new LifecycleConfigurationXml.Rule(
                        Optional.of(UUID.randomUUID().toString()), rule.prefix(), rule.filter(), rule.status(), rule.expiration(), rule.transitions(),
                        rule.noncurrentVersionTransitions(), rule.noncurrentVersionExpiration(), rule.abortIncompleteMultipartUpload()))
                .toList());
    }

    public static List<LifecycleRule> validate(LifecycleConfigurationXml document)
    {
        if (document.rules().isEmpty() || document.rules().size() > MAX_RULES) {
            throw S3Errors.MALFORMED_XML.exception();
        }
        Set<String> ids = new HashSet<>();
        List<LifecycleRule> rules = new ArrayList<>();
        for (LifecycleConfigurationXml.Rule rule : document.rules()) {
            String id = rule.id().orElse("");
            if (id.length() > MAX_ID_LENGTH) {
                throw invalidArgument("ID length should not exceed allowed limit of " + MAX_ID_LENGTH);
            }
            if (!id.isEmpty() && !ids.add(id)) {
                throw invalidArgument("Rule ID must be unique. Found same ID for more than one rule");
            }
            rules.add(rule(id, rule));
        }
        return List.copyOf(rules);
    }

    private static LifecycleRule rule(String id, LifecycleConfigurationXml.Rule rule)
    {
        String status = rule.status().orElseThrow(S3Errors.MALFORMED_XML::exception);
        if (!status.equals("Enabled") && !status.equals("Disabled")) {
            throw S3Errors.MALFORMED_XML.exception();
        }
        if (rule.prefix().isPresent() && rule.filter().isPresent()) {
            throw S3Errors.MALFORMED_XML.exception();
        }
        RuleFilter filter = rule.filter().map(LifecycleRules::filter)
                .orElseGet(() -> new RuleFilter(rule.prefix().orElse(""), Map.of(), OptionalLong.empty(), OptionalLong.empty()));

        Optional<LifecycleRule.Expiration> expiration = rule.expiration().map(LifecycleRules::expiration);
        if (expiration.filter(LifecycleRule.Expiration::expiredObjectDeleteMarker).isPresent() && !filter.tags().isEmpty()) {
            throw CommonErrors.INVALID_REQUEST.exception("ExpiredObjectDeleteMarker cannot be specified with Tags.");
        }
        List<LifecycleRule.Transition> transitions = rule.transitions().stream().map(LifecycleRules::transition).toList();
        Optional<LifecycleRule.NoncurrentExpiration> noncurrentExpiration = rule.noncurrentVersionExpiration().map(value -> {
            int days = value.noncurrentDays().orElseThrow(S3Errors.MALFORMED_XML::exception);
            if (days <= 0) {
                throw invalidArgument("'NoncurrentDays' for NoncurrentVersionExpiration action must be a positive integer");
            }
            return new LifecycleRule.NoncurrentExpiration(days, newerVersions(value.newerNoncurrentVersions(), "NoncurrentVersionExpiration"));
        });
        List<LifecycleRule.NoncurrentTransition> noncurrentTransitions = rule.noncurrentVersionTransitions().stream().map(value -> {
            int days = value.noncurrentDays().orElseThrow(S3Errors.MALFORMED_XML::exception);
            String storageClass = transitionClass(value.storageClass());
            if (days < 0) {
                throw invalidArgument("'NoncurrentDays' for NoncurrentVersionTransition action must be nonnegative");
            }
            if (THIRTY_DAY_CLASSES.contains(storageClass) && days < 30) {
                throw invalidArgument("'NoncurrentDays' in NoncurrentVersionTransition action must be greater than or equal to 30 for storageClass '"
                        + storageClass + "'");
            }
            return new LifecycleRule.NoncurrentTransition(days, newerVersions(value.newerNoncurrentVersions(), "NoncurrentVersionTransition"), storageClass);
        }).toList();
        Optional<Integer> abortDays = rule.abortIncompleteMultipartUpload().map(value -> {
            int days = value.daysAfterInitiation().orElseThrow(S3Errors.MALFORMED_XML::exception);
            if (days <= 0) {
                throw invalidArgument("'DaysAfterInitiation' for AbortIncompleteMultipartUpload action must be a positive integer");
            }
            if (!filter.tags().isEmpty()) {
                throw CommonErrors.INVALID_REQUEST.exception("AbortIncompleteMultipartUpload cannot be specified with Tags.");
            }
            return days;
        });
        if (expiration.isEmpty() && transitions.isEmpty() && noncurrentExpiration.isEmpty() && noncurrentTransitions.isEmpty() && abortDays.isEmpty()) {
            throw CommonErrors.INVALID_REQUEST.exception("At least one action needs to be specified in a rule");
        }
        return new LifecycleRule(id, status.equals("Enabled"), filter, expiration, transitions, noncurrentExpiration, noncurrentTransitions, abortDays);
    }

    private static RuleFilter filter(LifecycleConfigurationXml.Filter filter)
    {
        int given = (filter.prefix().isPresent() ? 1 : 0) + (filter.tag().isPresent() ? 1 : 0) + (filter.objectSizeGreaterThan().isPresent() ? 1 : 0)
                + (filter.objectSizeLessThan().isPresent() ? 1 : 0) + (filter.and().isPresent() ? 1 : 0);
        if (given > 1) {
            throw S3Errors.MALFORMED_XML.exception();
        }
        if (filter.and().isPresent()) {
            LifecycleConfigurationXml.And and = filter.and().get();
            return sizes(and.prefix().orElse(""), tags(and.tags()), and.objectSizeGreaterThan(), and.objectSizeLessThan());
        }
        return sizes(filter.prefix().orElse(""), tags(filter.tag().stream().toList()), filter.objectSizeGreaterThan(), filter.objectSizeLessThan());
    }

    private static RuleFilter sizes(String prefix, Map<String, String> tags, Optional<Long> greaterThan, Optional<Long> lessThan)
    {
        if (greaterThan.filter(value -> value < 0).isPresent() || lessThan.filter(value -> value <= 0).isPresent()) {
            throw invalidArgument("Object size filters must be non-negative integers (ObjectSizeLessThan must be positive)");
        }
        if (greaterThan.isPresent() && lessThan.isPresent() && greaterThan.get() >= lessThan.get()) {
            throw invalidArgument("ObjectSizeGreaterThan must be less than ObjectSizeLessThan in and operator");
        }
        return new RuleFilter(prefix, tags,
                greaterThan.map(OptionalLong::of).orElse(OptionalLong.empty()),
                lessThan.map(OptionalLong::of).orElse(OptionalLong.empty()));
    }

    private static Map<String, String> tags(List<Tag> tags)
    {
        Map<String, String> result = new LinkedHashMap<>();
        for (Tag tag : tags) {
            if (tag.key() == null || tag.key().isEmpty()) {
                throw S3Errors.MALFORMED_XML.exception();
            }
            if (result.put(tag.key(), tag.value() == null ? "" : tag.value()) != null) {
                throw invalidArgument("Duplicate Tag Keys are not allowed.");
            }
        }
        return result;
    }

    private static LifecycleRule.Expiration expiration(LifecycleConfigurationXml.Expiration expiration)
    {
        int given = (expiration.days().isPresent() ? 1 : 0) + (expiration.date().isPresent() ? 1 : 0)
                + (expiration.expiredObjectDeleteMarker().isPresent() ? 1 : 0);
        if (given != 1) {
            throw S3Errors.MALFORMED_XML.exception();
        }
        if (expiration.days().filter(days -> days <= 0).isPresent()) {
            throw invalidArgument("'Days' for Expiration action must be a positive integer");
        }
        return new LifecycleRule.Expiration(expiration.days(), expiration.date().map(LifecycleRules::midnight),
                expiration.expiredObjectDeleteMarker().orElse(false));
    }

    private static LifecycleRule.Transition transition(LifecycleConfigurationXml.Transition transition)
    {
        if (transition.days().isPresent() == transition.date().isPresent()) {
            throw S3Errors.MALFORMED_XML.exception();
        }
        String storageClass = transitionClass(transition.storageClass());
        if (transition.days().filter(days -> days < 0).isPresent()) {
            throw invalidArgument("'Days' in Transition action must be nonnegative");
        }
        if (THIRTY_DAY_CLASSES.contains(storageClass) && transition.days().filter(days -> days < 30).isPresent()) {
            throw invalidArgument("'Days' in Transition action must be greater than or equal to 30 for storageClass '" + storageClass + "'");
        }
        return new LifecycleRule.Transition(transition.days(), transition.date().map(LifecycleRules::midnight), storageClass);
    }

    private static String transitionClass(Optional<String> storageClass)
    {
        return storageClass.filter(TRANSITION_CLASSES::contains).orElseThrow(S3Errors.MALFORMED_XML::exception);
    }

    private static Optional<Integer> newerVersions(Optional<Integer> value, String action)
    {
        if (value.filter(count -> count < 1 || count > MAX_NEWER_VERSIONS).isPresent()) {
            throw invalidArgument("'NewerNoncurrentVersions' for " + action + " action must be a positive integer up to " + MAX_NEWER_VERSIONS);
        }
        return value;
    }

    /** Dates in lifecycle rules are ISO 8601 and must be midnight UTC. */
    private static Instant midnight(String value)
    {
        OffsetDateTime date;
        try {
            date = OffsetDateTime.parse(value.strip());
        }
        catch (DateTimeParseException e) {
            throw S3Errors.MALFORMED_XML.exception();
        }
        if (!date.atZoneSameInstant(ZoneOffset.UTC).toLocalTime().equals(LocalTime.MIDNIGHT)) {
            throw invalidArgument("'Date' must be at midnight GMT");
        }
        return date.toInstant();
    }

    private static AwsException invalidArgument(String message)
    {
        return CommonErrors.INVALID_ARGUMENT.exception(message);
    }
}
