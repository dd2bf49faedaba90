package dev.ownstack.model.traits;

import dev.ownstack.core.config.identity.ColumnRef;
import dev.ownstack.core.table.ColumnType;
import dev.ownstack.warehouse.SqlDialect;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * SQL expressions the master models are built from, spelled so that DuckDB and PostgreSQL give
 * the same values: identifiers quoted by the dialect, values as escaped literals, JSON fields read
 * with {@code ->} and {@code ->>} (which both engines have), times as {@code TIMESTAMP} at UTC
 * (both sessions run in UTC). Stateless.
 */
public final class Expressions {
    private static final DateTimeFormatter TIMESTAMP_LITERAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");

    private final SqlDialect dialect;

    public Expressions(SqlDialect dialect) {
        this.dialect = Objects.requireNonNull(dialect, "dialect");
    }

    public SqlDialect dialect() {
        return dialect;
    }

    public String quote(String identifier) {
        return dialect.quote(identifier);
    }

    /** {@code alias."column"}. */
    public String column(String alias, String column) {
        return alias + "." + dialect.quote(column);
    }

    /** A column, or the text of a field inside a JSON column (NULL when the field is missing). */
    public String value(String alias, ColumnRef ref) {
        String column = column(alias, ref.column());
        if (ref.jsonPath().isEmpty()) {
            return column;
        }
        StringBuilder expression = new StringBuilder("CAST(").append(column).append(" AS ").append(dialect.typeName(ColumnType.JSON))
                .append(')');
        List<String> path = ref.jsonPath();
        for (int i = 0; i < path.size(); i++) {
            expression.append(i == path.size() - 1 ? "->>" : "->").append(dialect.stringLiteral(path.get(i)));
        }
        return "(" + expression + ")";
    }

    /** The logical type of {@link #value}: the column's type, text for a JSON field. */
    public static ColumnType valueType(ColumnRef ref, ColumnType columnType) {
        return ref.jsonPath().isEmpty() ? columnType : ColumnType.STRING;
    }

    public String cast(String expression, ColumnType type) {
        return "CAST(" + expression + " AS " + dialect.typeName(type) + ")";
    }

    public String text(String expression) {
        return cast(expression, ColumnType.STRING);
    }

    /** Whether {@link #timestamp(String, ColumnType)} takes a value of this type. */
    public static boolean isTime(ColumnType type) {
        return type == ColumnType.TIMESTAMP || type == ColumnType.TIMESTAMPTZ || type == ColumnType.DATE || type == ColumnType.STRING;
    }

    /**
     * A value as {@code TIMESTAMP} at UTC: a TIMESTAMPTZ is converted (the session's zone is UTC),
     * a DATE is its midnight, text is read as an ISO-8601 time (with or without a zone; without
     * is UTC). Text that is not a time fails the statement.
     */
    public String timestamp(String expression, ColumnType type) {
        return switch (type) {
            case TIMESTAMP -> expression;
            case TIMESTAMPTZ, DATE -> cast(expression, ColumnType.TIMESTAMP);
            case STRING -> cast(cast(expression, ColumnType.TIMESTAMPTZ), ColumnType.TIMESTAMP);
            default -> throw new IllegalArgumentException("a " + type.configName() + " value is not a time");
        };
    }

    /** A TIMESTAMP literal. */
    public String timestamp(LocalDateTime value) {
        return "CAST(" + dialect.stringLiteral(TIMESTAMP_LITERAL.format(value)) + " AS " + dialect.typeName(ColumnType.TIMESTAMP) + ")";
    }

    public String literal(String value) {
        return dialect.stringLiteral(value);
    }

    /** {@code 'a', 'b'}: for {@code IN (...)}. */
    public String literals(List<String> values) {
        return values.stream().map(dialect::stringLiteral).collect(Collectors.joining(", "));
    }
}
