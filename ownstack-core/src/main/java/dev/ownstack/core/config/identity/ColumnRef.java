package dev.ownstack.core.config.identity;

import java.util.List;
import java.util.Objects;

/**
 * A value read from a source table: a column, or a field inside a JSON column
 * ({@code traits.email} is {@code column = traits}, {@code jsonPath = [email]}).
 */
public record ColumnRef(String column, List<String> jsonPath) {
    public ColumnRef {
        Objects.requireNonNull(column, "column");
        jsonPath = List.copyOf(jsonPath);
    }

    public static ColumnRef column(String column) {
        return new ColumnRef(column, List.of());
    }

    /** As written in {@code ownstack.yml}: {@code traits.email}. */
    @Override
    public String toString() {
        return jsonPath.isEmpty() ? column : column + "." + String.join(".", jsonPath);
    }
}
