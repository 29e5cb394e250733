package dev.tarn.policy;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** A statement's Action (or, negated, NotAction) element: case-insensitive patterns such as {@code s3:Get*}. */
final class ActionSet
{
    private final List<String> texts;
    private final int[][] patterns;
    private final boolean negated;

    ActionSet(List<String> texts, boolean negated)
    {
        this.texts = List.copyOf(requireNonNull(texts, "texts is null"));
        this.patterns = this.texts.stream()
                .map(text -> PolicyString.parse(text.toLowerCase(Locale.ROOT), false).resolve(key -> Optional.empty()).orElseThrow())
                .toArray(int[][]::new);
        this.negated = negated;
    }

    List<String> texts()
    {
        return texts;
    }

    boolean negated()
    {
        return negated;
    }

    /** @param lowerCaseAction the requested action, already lower-cased */
    boolean matches(String lowerCaseAction)
    {
        for (int[] pattern : patterns) {
            if (Glob.matches(pattern, lowerCaseAction)) {
                return !negated;
            }
        }
        return negated;
    }
}
