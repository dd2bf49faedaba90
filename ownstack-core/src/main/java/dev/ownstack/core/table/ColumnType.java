package dev.ownstack.core.table;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The logical column types ownstack reads, writes and infers. Each {@code SqlDialect} maps them
 * to its engine's types.
 */
public enum ColumnType {
    STRING,
    BIGINT,
    DOUBLE,
    DECIMAL,
    BOOLEAN,
    DATE,
    TIMESTAMP,
    TIMESTAMPTZ,
    JSON;

    /** The spelling used in {@code ownstack.yml}: lower case. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<ColumnType> fromConfigName(String name) {
        return Arrays.stream(values()).filter(type -> type.configName().equals(name)).findFirst();
    }

    public static String configNames() {
        return Arrays.stream(values()).map(ColumnType::configName).collect(Collectors.joining(", "));
    }

    /** The narrowest type that holds values of both types. */
    public ColumnType widen(ColumnType other) {
        if (this == other) {
            return this;
        }
        if (isNumeric() && other.isNumeric()) {
            return (this == DOUBLE || other == DOUBLE) ? DOUBLE : DECIMAL;
        }
        if ((this == DATE && other == TIMESTAMP) || (this == TIMESTAMP && other == DATE)) {
            return TIMESTAMP;
        }
        if ((this == TIMESTAMP && other == TIMESTAMPTZ) || (this == TIMESTAMPTZ && other == TIMESTAMP)) {
            return TIMESTAMPTZ;
        }
        return STRING;
    }

    public boolean isNumeric() {
        return this == BIGINT || this == DOUBLE || this == DECIMAL;
    }
}
