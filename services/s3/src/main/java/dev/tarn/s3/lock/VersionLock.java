package dev.tarn.s3.lock;

import dev.tarn.storage.meta.ObjectVersion;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * The object lock state of one version, kept in its attributes: a retention (mode and date) and
 * a legal hold (absent when never set, else ON or OFF).
 */
public record VersionLock(Optional<Retention> retention, Optional<Boolean> legalHold)
{
    static final String MODE = "lock-mode";
    static final String RETAIN_UNTIL = "lock-retain-until";
    static final String LEGAL_HOLD = "lock-legal-hold";

    public VersionLock
    {
        requireNonNull(retention, "retention is null");
        requireNonNull(legalHold, "legalHold is null");
    }

    public static VersionLock of(ObjectVersion version)
    {
        return of(version.attributes());
    }

    public static VersionLock of(Map<String, String> attributes)
    {
        Optional<Retention> retention = Optional.ofNullable(attributes.get(MODE))
                .flatMap(RetentionMode::parse)
                .map(mode -> new Retention(mode, Instant.parse(attributes.get(RETAIN_UNTIL))));
        Optional<Boolean> legalHold = Optional.ofNullable(attributes.get(LEGAL_HOLD)).map("ON"::equals);
        return new VersionLock(retention, legalHold);
    }

    public boolean isEmpty()
    {
        return retention.isEmpty() && legalHold.isEmpty();
    }

    /** Whether the version may not be deleted at {@code now}; {@code bypassGovernance} when the caller may and did ask to bypass. */
    public boolean blocksDeletion(Instant now, boolean bypassGovernance)
    {
        if (legalHold.orElse(false)) {
            return true;
        }
        return retention.filter(value -> value.activeAt(now))
                .map(value -> value.mode() == RetentionMode.COMPLIANCE || !bypassGovernance)
                .orElse(false);
    }

    public VersionLock withRetention(Optional<Retention> value)
    {
        return new VersionLock(value, legalHold);
    }

    public VersionLock withLegalHold(boolean on)
    {
        return new VersionLock(retention, Optional.of(on));
    }

    /** {@code attributes} with this lock state in place of whatever they held. */
    public Map<String, String> applyTo(Map<String, String> attributes)
    {
        Map<String, String> result = new HashMap<>(attributes);
        result.remove(MODE);
        result.remove(RETAIN_UNTIL);
        result.remove(LEGAL_HOLD);
        retention.ifPresent(value -> {
            result.put(MODE, value.mode().name());
            result.put(RETAIN_UNTIL, value.retainUntil().toString());
        });
        legalHold.ifPresent(on -> result.put(LEGAL_HOLD, on ? "ON" : "OFF"));
        return result;
    }
}
