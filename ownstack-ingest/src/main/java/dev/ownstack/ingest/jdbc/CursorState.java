package dev.ownstack.ingest.jdbc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import dev.ownstack.core.table.ColumnType;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Optional;

/**
 * The saved position of an incremental table: the cursor column, its type and the greatest value
 * loaded, stored in {@code ownstack.source_state} as
 * {@code {"cursor":"updated_at","type":"timestamptz","value":"2024-05-01T10:00:00Z"}}.
 */
record CursorState(String cursor, ColumnType type, Object value) {
    private static final ObjectMapper JSON = new ObjectMapper();

    CursorState {
        Objects.requireNonNull(cursor, "cursor");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(value, "value");
        if (!isCursorType(type)) {
            throw new OwnstackException(ErrorCode.INTERNAL, "cursor type " + type.configName() + " is not supported");
        }
    }

    /** Types whose values order rows and survive a trip through JSON exactly. */
    static boolean isCursorType(ColumnType type) {
        return switch (type) {
            case BIGINT, DECIMAL, DATE, TIMESTAMP, TIMESTAMPTZ, STRING -> true;
            case DOUBLE, BOOLEAN, JSON -> false;
        };
    }

    String toJson() {
        ObjectNode node = JSON.createObjectNode();
        node.put("cursor", cursor);
        node.put("type", type.configName());
        node.put("value", value.toString());
        return node.toString();
    }

    /** The saved state, or empty when it is unreadable: the table is then read in full and merged. */
    static Optional<CursorState> parse(String json) {
        try {
            JsonNode node = JSON.readTree(json);
            String cursor = node.path("cursor").asText(null);
            Optional<ColumnType> type = ColumnType.fromConfigName(node.path("type").asText(""));
            String text = node.path("value").asText(null);
            if (cursor == null || type.isEmpty() || text == null || !isCursorType(type.get())) {
                return Optional.empty();
            }
            return Optional.of(new CursorState(cursor, type.get(), valueOf(type.get(), text)));
        } catch (com.fasterxml.jackson.core.JsonProcessingException | DateTimeParseException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Object valueOf(ColumnType type, String text) {
        return switch (type) {
            case BIGINT -> Long.parseLong(text);
            case DECIMAL -> new BigDecimal(text);
            case DATE -> LocalDate.parse(text);
            case TIMESTAMP -> LocalDateTime.parse(text);
            case TIMESTAMPTZ -> OffsetDateTime.parse(text);
            case STRING -> text;
            case DOUBLE, BOOLEAN, JSON -> throw new IllegalArgumentException(type.configName());
        };
    }
}
