package dev.tarn.policy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The condition operators of the IAM policy language, without their {@code IfExists} suffix and
 * set qualifiers. A negated operator (StringNotEquals, NotIpAddress, ...) is evaluated as the
 * negation of its positive form, which gives AWS's documented semantics: several policy values
 * are NOR'ed, and a key missing from the request makes the condition true.
 */
enum ConditionOperator
{
    STRING_EQUALS("StringEquals", Family.STRING, false),
    STRING_NOT_EQUALS("StringNotEquals", Family.STRING, true),
    STRING_EQUALS_IGNORE_CASE("StringEqualsIgnoreCase", Family.STRING_IGNORE_CASE, false),
    STRING_NOT_EQUALS_IGNORE_CASE("StringNotEqualsIgnoreCase", Family.STRING_IGNORE_CASE, true),
    STRING_LIKE("StringLike", Family.STRING_LIKE, false),
    STRING_NOT_LIKE("StringNotLike", Family.STRING_LIKE, true),
    NUMERIC_EQUALS("NumericEquals", Family.NUMERIC, false, Comparison.EQUAL),
    NUMERIC_NOT_EQUALS("NumericNotEquals", Family.NUMERIC, true, Comparison.EQUAL),
    NUMERIC_LESS_THAN("NumericLessThan", Family.NUMERIC, false, Comparison.LESS),
    NUMERIC_LESS_THAN_EQUALS("NumericLessThanEquals", Family.NUMERIC, false, Comparison.LESS_OR_EQUAL),
    NUMERIC_GREATER_THAN("NumericGreaterThan", Family.NUMERIC, false, Comparison.GREATER),
    NUMERIC_GREATER_THAN_EQUALS("NumericGreaterThanEquals", Family.NUMERIC, false, Comparison.GREATER_OR_EQUAL),
    DATE_EQUALS("DateEquals", Family.DATE, false, Comparison.EQUAL),
    DATE_NOT_EQUALS("DateNotEquals", Family.DATE, true, Comparison.EQUAL),
    DATE_LESS_THAN("DateLessThan", Family.DATE, false, Comparison.LESS),
    DATE_LESS_THAN_EQUALS("DateLessThanEquals", Family.DATE, false, Comparison.LESS_OR_EQUAL),
    DATE_GREATER_THAN("DateGreaterThan", Family.DATE, false, Comparison.GREATER),
    DATE_GREATER_THAN_EQUALS("DateGreaterThanEquals", Family.DATE, false, Comparison.GREATER_OR_EQUAL),
    BOOL("Bool", Family.BOOL, false),
    BINARY_EQUALS("BinaryEquals", Family.BINARY, false),
    IP_ADDRESS("IpAddress", Family.IP_ADDRESS, false),
    NOT_IP_ADDRESS("NotIpAddress", Family.IP_ADDRESS, true),
    ARN_EQUALS("ArnEquals", Family.ARN, false),
    ARN_LIKE("ArnLike", Family.ARN, false),
    ARN_NOT_EQUALS("ArnNotEquals", Family.ARN, true),
    ARN_NOT_LIKE("ArnNotLike", Family.ARN, true),
    NULL("Null", Family.NULL, false);

    enum Family
    {
        STRING, STRING_IGNORE_CASE, STRING_LIKE, NUMERIC, DATE, BOOL, BINARY, IP_ADDRESS, ARN, NULL
    }

    enum Comparison
    {
        EQUAL, LESS, LESS_OR_EQUAL, GREATER, GREATER_OR_EQUAL;

        /** Whether {@code compare(context, policy)} satisfies this comparison. */
        boolean holds(int comparison)
        {
            return switch (this) {
                case EQUAL -> comparison == 0;
                case LESS -> comparison < 0;
                case LESS_OR_EQUAL -> comparison <= 0;
                case GREATER -> comparison > 0;
                case GREATER_OR_EQUAL -> comparison >= 0;
            };
        }
    }

    private final String awsName;
    private final Family family;
    private final boolean negated;
    private final Comparison comparison;

    ConditionOperator(String awsName, Family family, boolean negated)
    {
        this(awsName, family, negated, Comparison.EQUAL);
    }

    ConditionOperator(String awsName, Family family, boolean negated, Comparison comparison)
    {
        this.awsName = awsName;
        this.family = family;
        this.negated = negated;
        this.comparison = comparison;
    }

    String awsName()
    {
        return awsName;
    }

    Family family()
    {
        return family;
    }

    boolean isNegated()
    {
        return negated;
    }

    /** Policy variables are substituted only in string and ARN comparisons. */
    boolean supportsVariables()
    {
        return family == Family.STRING || family == Family.STRING_IGNORE_CASE || family == Family.STRING_LIKE || family == Family.ARN;
    }

    /** Operator names are matched without regard to case. */
    static Optional<ConditionOperator> fromName(String name)
    {
        for (ConditionOperator operator : values()) {
            if (operator.awsName.equalsIgnoreCase(name)) {
                return Optional.of(operator);
            }
        }
        return Optional.empty();
    }

    /**
     * Compiles the policy's values for this operator.
     *
     * @throws IllegalArgumentException naming the value that this operator can't use
     */
    ValueMatcher compile(List<String> values, boolean variables)
    {
        boolean substitute = variables && supportsVariables();
        return switch (family) {
            case STRING -> exactStrings(values, substitute, false);
            case STRING_IGNORE_CASE -> exactStrings(values, substitute, true);
            case STRING_LIKE -> {
                List<PolicyString> patterns = policyStrings(values, substitute);
                yield (value, resolver) -> {
                    for (PolicyString pattern : patterns) {
                        if (!pattern.mayMatch(value)) {
                            continue;
                        }
                        Optional<int[]> tokens = pattern.resolve(resolver);
                        if (tokens.isPresent() && Glob.matches(tokens.get(), value)) {
                            return true;
                        }
                    }
                    return false;
                };
            }
            case ARN -> {
                List<PolicyString> patterns = policyStrings(values, substitute);
                yield (value, resolver) -> {
                    for (PolicyString pattern : patterns) {
                        if (!pattern.mayMatch(value)) {
                            continue;
                        }
                        Optional<int[]> tokens = pattern.resolve(resolver);
                        if (tokens.isPresent() && ArnMatching.matches(tokens.get(), value)) {
                            return true;
                        }
                    }
                    return false;
                };
            }
            case NUMERIC -> {
                BigDecimal[] numbers = values.stream().map(value -> parseNumber(value)
                        .orElseThrow(() -> new IllegalArgumentException("not a number: " + value))).toArray(BigDecimal[]::new);
                yield (value, resolver) -> {
                    Optional<BigDecimal> number = parseNumber(value);
                    if (number.isEmpty()) {
                        return false;
                    }
                    for (BigDecimal policyNumber : numbers) {
                        if (comparison.holds(number.get().compareTo(policyNumber))) {
                            return true;
                        }
                    }
                    return false;
                };
            }
            case DATE -> {
                Instant[] instants = values.stream().map(value -> PolicyDates.parse(value)
                        .orElseThrow(() -> new IllegalArgumentException("not a date: " + value))).toArray(Instant[]::new);
                yield (value, resolver) -> {
                    Optional<Instant> instant = PolicyDates.parse(value);
                    if (instant.isEmpty()) {
                        return false;
                    }
                    for (Instant policyInstant : instants) {
                        if (comparison.holds(instant.get().compareTo(policyInstant))) {
                            return true;
                        }
                    }
                    return false;
                };
            }
            case BOOL -> {
                List<String> booleans = booleans(values);
                yield (value, resolver) -> booleans.contains(value.toLowerCase(Locale.ROOT));
            }
            case BINARY -> {
                List<byte[]> binaries = new ArrayList<>();
                for (String value : values) {
                    binaries.add(decodeBase64(value).orElseThrow(() -> new IllegalArgumentException("not base64: " + value)));
                }
                yield (value, resolver) -> {
                    Optional<byte[]> bytes = decodeBase64(value);
                    return bytes.isPresent() && binaries.stream().anyMatch(binary -> Arrays.equals(binary, bytes.get()));
                };
            }
            case IP_ADDRESS -> {
                List<IpRange> ranges = values.stream().map(value -> IpRange.parse(value)
                        .orElseThrow(() -> new IllegalArgumentException("not an IP address or CIDR block: " + value))).toList();
                yield (value, resolver) -> {
                    Optional<byte[]> address = IpRange.parseAddress(value);
                    return address.isPresent() && ranges.stream().anyMatch(range -> range.contains(address.get()));
                };
            }
            case NULL -> {
                // evaluated on the key's presence, in Condition; the matcher tells which answer is wanted
                List<String> booleans = booleans(values);
                yield (value, resolver) -> booleans.contains(value);
            }
        };
    }

    private static ValueMatcher exactStrings(List<String> values, boolean substitute, boolean ignoreCase)
    {
        List<PolicyString> strings = policyStrings(values, substitute);
        if (strings.stream().noneMatch(PolicyString::hasVariables)) {
            List<String> literals = strings.stream().map(string -> Glob.literal(string.resolve(key -> Optional.empty()).orElseThrow())).toList();
            return ignoreCase
                    ? (value, resolver) -> literals.stream().anyMatch(value::equalsIgnoreCase)
                    : (value, resolver) -> literals.contains(value);
        }
        return (value, resolver) -> {
            for (PolicyString string : strings) {
                Optional<int[]> tokens = string.resolve(resolver);
                if (tokens.isPresent()) {
                    String literal = Glob.literal(tokens.get());
                    if (ignoreCase ? literal.equalsIgnoreCase(value) : literal.equals(value)) {
                        return true;
                    }
                }
            }
            return false;
        };
    }

    private static List<PolicyString> policyStrings(List<String> values, boolean substitute)
    {
        return values.stream().map(value -> PolicyString.parse(value, substitute)).toList();
    }

    private static List<String> booleans(List<String> values)
    {
        List<String> booleans = new ArrayList<>();
        for (String value : values) {
            String lower = value.toLowerCase(Locale.ROOT);
            if (!lower.equals("true") && !lower.equals("false")) {
                throw new IllegalArgumentException("not true or false: " + value);
            }
            booleans.add(lower);
        }
        return List.copyOf(booleans);
    }

    private static Optional<BigDecimal> parseNumber(String text)
    {
        try {
            return Optional.of(new BigDecimal(text.strip()));
        }
        catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Optional<byte[]> decodeBase64(String text)
    {
        try {
            return Optional.of(Base64.getDecoder().decode(text.strip()));
        }
        catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
