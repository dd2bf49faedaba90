package dev.ownstack.ingest.jdbc;

import dev.ownstack.core.table.Column;
import dev.ownstack.core.table.ColumnType;
import dev.ownstack.core.table.Identifiers;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.Locale;
import java.util.Objects;

/**
 * A column of a source table: its name in the source, its name in the warehouse (the source name
 * when valid, else sanitised), the logical type it maps to, and the source's type name for messages.
 */
record SourceColumn(String sourceName, String targetName, ColumnType type, String sourceTypeName) {
    SourceColumn {
        Objects.requireNonNull(sourceName, "sourceName");
        Identifiers.requireValid(targetName, "column name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(sourceTypeName, "sourceTypeName");
    }

    static SourceColumn of(String sourceName, int jdbcType, String sourceTypeName) {
        String target = Identifiers.isValid(sourceName) ? sourceName : Identifiers.sanitize(sourceName);
        return new SourceColumn(sourceName, target, logicalType(jdbcType, sourceTypeName), sourceTypeName);
    }

    Column column() {
        return new Column(targetName, type);
    }

    /**
     * The logical type of a JDBC column. The type name decides where the JDBC type is ambiguous:
     * PostgreSQL reports {@code timestamptz} as TIMESTAMP, {@code boolean} as BIT and
     * {@code json}/{@code jsonb} as OTHER. Types without a counterpart (time, uuid, arrays, bytea)
     * load as their text.
     */
    static ColumnType logicalType(int jdbcType, String typeName) {
        String name = typeName == null ? "" : typeName.toLowerCase(Locale.ROOT);
        if (name.equals("timestamptz") || name.equals("timestamp with time zone")) {
            return ColumnType.TIMESTAMPTZ;
        }
        if (name.equals("json") || name.equals("jsonb")) {
            return ColumnType.JSON;
        }
        if (name.equals("bool") || name.equals("boolean")) {
            return ColumnType.BOOLEAN;
        }
        return switch (jdbcType) {
            case Types.BIGINT, Types.INTEGER, Types.SMALLINT, Types.TINYINT -> ColumnType.BIGINT;
            case Types.REAL, Types.FLOAT, Types.DOUBLE -> ColumnType.DOUBLE;
            case Types.NUMERIC, Types.DECIMAL -> ColumnType.DECIMAL;
            case Types.BOOLEAN -> ColumnType.BOOLEAN;
            case Types.DATE -> ColumnType.DATE;
            case Types.TIMESTAMP -> ColumnType.TIMESTAMP;
            case Types.TIMESTAMP_WITH_TIMEZONE -> ColumnType.TIMESTAMPTZ;
            default -> ColumnType.STRING;
        };
    }

    /** Reads this column's value at a 1-based position as one of the values a {@code RowWriter} takes. */
    Object read(ResultSet rows, int position) throws SQLException {
        Object value = switch (type) {
            case BIGINT -> {
                long number = rows.getLong(position);
                yield rows.wasNull() ? null : number;
            }
            case DOUBLE -> {
                double number = rows.getDouble(position);
                yield rows.wasNull() ? null : number;
            }
            case DECIMAL -> rows.getBigDecimal(position);
            case BOOLEAN -> {
                boolean bool = rows.getBoolean(position);
                yield rows.wasNull() ? null : bool;
            }
            case DATE -> rows.getObject(position, LocalDate.class);
            case TIMESTAMP -> rows.getObject(position, LocalDateTime.class);
            case TIMESTAMPTZ -> rows.getObject(position, OffsetDateTime.class);
            case STRING, JSON -> rows.getString(position);
        };
        return value;
    }
}
