package dev.tarn.cloudformation.template;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import static java.util.Objects.requireNonNull;

/** One entry of a template's Parameters section. */
public record ParameterDeclaration(String name, String type, Optional<String> defaultValue, List<String> allowedValues, Optional<String> allowedPattern,
        OptionalInt minLength, OptionalInt maxLength, Optional<BigDecimal> minValue, Optional<BigDecimal> maxValue, boolean noEcho,
        Optional<String> description, Optional<String> constraintDescription)
{
    public ParameterDeclaration
    {
        requireNonNull(name, "name is null");
        requireNonNull(type, "type is null");
        requireNonNull(defaultValue, "defaultValue is null");
        allowedValues = List.copyOf(allowedValues);
        requireNonNull(allowedPattern, "allowedPattern is null");
        requireNonNull(minLength, "minLength is null");
        requireNonNull(maxLength, "maxLength is null");
        requireNonNull(minValue, "minValue is null");
        requireNonNull(maxValue, "maxValue is null");
        requireNonNull(description, "description is null");
        requireNonNull(constraintDescription, "constraintDescription is null");
    }

    /** Whether a value of this parameter is a list (CommaDelimitedList, List&lt;...&gt;). */
    public boolean isList()
    {
        return type.equals("CommaDelimitedList") || type.startsWith("List<");
    }

    /** Whether each value (or each element of a list) must be a number. */
    public boolean isNumeric()
    {
        return type.equals("Number") || type.equals("List<Number>");
    }
}
