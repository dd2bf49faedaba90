package dev.ownstack.activation.audience;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A piece of SQL text with the values of its {@code ?} placeholders, in order. Pieces are only
 * ever joined, so placeholders and values stay in step.
 */
record Sql(String text, List<Object> parameters) {
    Sql {
        Objects.requireNonNull(text, "text");
        parameters = java.util.Collections.unmodifiableList(new ArrayList<>(parameters));
        int placeholders = placeholders(text);
        if (placeholders != parameters.size()) {
            throw new IllegalStateException(placeholders + " placeholders but " + parameters.size() + " values in: " + text);
        }
    }

    /** The {@code ?} outside quoted literals and identifiers. */
    private static int placeholders(String text) {
        int count = 0;
        char quote = 0;
        for (int i = 0; i < text.length(); i++) {
            char character = text.charAt(i);
            if (quote != 0) {
                quote = character == quote ? 0 : quote; // a doubled quote closes and reopens: same count
            } else if (character == '\'' || character == '"') {
                quote = character;
            } else if (character == '?') {
                count++;
            }
        }
        return count;
    }

    /** Text whose placeholders take these values; the text must come from code, never from a rule. */
    static Sql of(String text, Object... parameters) {
        return new Sql(text, Arrays.asList(parameters));
    }

    Sql append(Sql other) {
        List<Object> all = new ArrayList<>(parameters);
        all.addAll(other.parameters);
        return new Sql(text + other.text, all);
    }

    Sql append(String more) {
        return new Sql(text + more, parameters);
    }

    Sql prepend(String before) {
        return new Sql(before + text, parameters);
    }

    Sql wrap(String before, String after) {
        return new Sql(before + text + after, parameters);
    }

    static Sql join(String separator, List<Sql> pieces) {
        Sql joined = Sql.of("");
        for (int i = 0; i < pieces.size(); i++) {
            joined = i == 0 ? joined.append(pieces.get(i)) : joined.append(separator).append(pieces.get(i));
        }
        return joined;
    }

    /** {@code ?, ?, ?} for the values. */
    static Sql list(List<?> values) {
        return new Sql(String.join(", ", java.util.Collections.nCopies(values.size(), "?")), new ArrayList<>(values));
    }
}
