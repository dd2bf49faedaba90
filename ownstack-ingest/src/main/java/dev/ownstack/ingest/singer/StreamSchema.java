package dev.ownstack.ingest.singer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import dev.ownstack.core.table.Column;
import dev.ownstack.core.table.ColumnType;
import dev.ownstack.core.table.Identifiers;
import dev.ownstack.core.table.TableName;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A stream as its latest SCHEMA message describes it: the warehouse table it loads into
 * ({@code raw.<prefix><stream>}), one column per top-level property, and its key properties.
 */
record StreamSchema(String stream, TableName table, List<Property> properties, List<String> keyProperties) {
    StreamSchema {
        Objects.requireNonNull(stream, "stream");
        Objects.requireNonNull(table, "table");
        properties = List.copyOf(properties);
        keyProperties = List.copyOf(keyProperties);
    }

    /** A top-level property of the record and the column that holds it. */
    record Property(String name, Column column) {
        Property {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(column, "column");
        }
    }

    /** A record value that does not fit its column: the property, the expected type and the value as JSON. */
    record Mismatch(String property, String reason, String value) {
    }

    /** A record as a row in {@link #columns()} order, or why it cannot be one. */
    record Row(Object[] values, Optional<Mismatch> mismatch) {
    }

    static StreamSchema of(SingerMessage.Schema message, String tablePrefix, String source) {
        String tableName = tablePrefix + Identifiers.sanitize(message.stream());
        TableName table = new TableName(TableName.RAW_SCHEMA, tableName.length() > 63 ? tableName.substring(0, 63) : tableName);
        List<Property> properties = new ArrayList<>();
        Set<String> used = new HashSet<>();
        for (Map.Entry<String, JsonNode> field : message.schema().path("properties").properties()) {
            String column = unique(Identifiers.sanitize(field.getKey()), used);
            properties.add(new Property(field.getKey(), new Column(column, JsonSchemaTypes.columnType(field.getValue()))));
        }
        if (properties.isEmpty()) {
            throw new OwnstackException(ErrorCode.SOURCE_FAILED, "tap of source '" + source + "': the SCHEMA of stream '"
                    + message.stream() + "' declares no properties");
        }
        for (String key : message.keyProperties()) {
            if (properties.stream().noneMatch(property -> property.name().equals(key))) {
                throw new OwnstackException(ErrorCode.SOURCE_FAILED, "tap of source '" + source + "': key property '" + key
                        + "' of stream '" + message.stream() + "' is not among its properties "
                        + properties.stream().map(Property::name).toList());
            }
        }
        return new StreamSchema(message.stream(), table, properties, message.keyProperties());
    }

    private static String unique(String column, Set<String> used) {
        String candidate = column;
        for (int suffix = 2; !used.add(candidate.toLowerCase(Locale.ROOT)); suffix++) {
            String tail = "_" + suffix;
            candidate = (column.length() + tail.length() > 63 ? column.substring(0, 63 - tail.length()) : column) + tail;
        }
        return candidate;
    }

    /** The same stream with each column's type as the existing table has it (a table keeps its column types). */
    StreamSchema withTypes(List<Column> present) {
        List<Property> typed = properties.stream().map(property -> present.stream()
                .filter(column -> column.name().equalsIgnoreCase(property.column().name())).findFirst()
                .map(column -> new Property(property.name(), column))
                .orElse(property)).toList();
        return new StreamSchema(stream, table, typed, keyProperties);
    }

    List<Column> columns() {
        return properties.stream().map(Property::column).toList();
    }

    List<String> keyColumns() {
        return keyProperties.stream().map(key -> properties.stream().filter(property -> property.name().equals(key))
                .findFirst().orElseThrow().column().name()).toList();
    }

    Row convert(ObjectNode record) {
        Object[] values = new Object[properties.size()];
        Optional<Mismatch> mismatch = Optional.empty();
        for (int i = 0; i < values.length; i++) {
            Property property = properties.get(i);
            JsonNode node = record.get(property.name());
            Object value = JsonSchemaTypes.value(property.column().type(), node);
            if (value == JsonSchemaTypes.MISMATCH) {
                mismatch = mismatch.or(() -> Optional.of(new Mismatch(property.name(),
                        "expected " + describe(property.column().type()), node.toString())));
            } else if (value == null && keyProperties.contains(property.name())) {
                mismatch = mismatch.or(() -> Optional.of(new Mismatch(property.name(), "key property is missing or null",
                        String.valueOf(node))));
            }
            values[i] = value == JsonSchemaTypes.MISMATCH ? null : value;
        }
        return new Row(values, mismatch);
    }

    private static String describe(ColumnType type) {
        return switch (type) {
            case BIGINT -> "an integer";
            case DOUBLE, DECIMAL -> "a number";
            case BOOLEAN -> "a boolean";
            case DATE -> "a date (YYYY-MM-DD)";
            case TIMESTAMP, TIMESTAMPTZ -> "a date-time (ISO 8601)";
            case STRING, JSON -> "a string";
        };
    }
}
