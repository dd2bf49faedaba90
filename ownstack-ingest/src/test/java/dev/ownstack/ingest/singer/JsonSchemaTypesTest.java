package dev.ownstack.ingest.singer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ownstack.core.table.ColumnType;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;

class JsonSchemaTypesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void maps_json_schema_types_to_columns() throws Exception {
        assertEquals(ColumnType.BIGINT, type("{\"type\": [\"null\", \"integer\"]}"));
        assertEquals(ColumnType.DOUBLE, type("{\"type\": \"number\"}"));
        assertEquals(ColumnType.DOUBLE, type("{\"type\": [\"integer\", \"number\"]}"));
        assertEquals(ColumnType.BOOLEAN, type("{\"type\": \"boolean\"}"));
        assertEquals(ColumnType.TIMESTAMPTZ, type("{\"type\": [\"null\", \"string\"], \"format\": \"date-time\"}"));
        assertEquals(ColumnType.TIMESTAMPTZ, type("{\"anyOf\": [{\"type\": \"string\", \"format\": \"date-time\"}, {\"type\": \"null\"}]}"));
        assertEquals(ColumnType.DATE, type("{\"type\": \"string\", \"format\": \"date\"}"));
        assertEquals(ColumnType.STRING, type("{\"type\": \"string\"}"));
        assertEquals(ColumnType.JSON, type("{\"type\": [\"null\", \"object\"]}"));
        assertEquals(ColumnType.JSON, type("{\"type\": \"array\"}"));
        assertEquals(ColumnType.JSON, type("{}"));
        assertEquals(ColumnType.STRING, type("{\"type\": [\"string\", \"integer\"]}"));
    }

    @Test
    void converts_values_and_flags_those_that_do_not_fit() throws Exception {
        assertEquals(42L, JsonSchemaTypes.value(ColumnType.BIGINT, JSON.readTree("42")));
        assertEquals(42L, JsonSchemaTypes.value(ColumnType.BIGINT, JSON.readTree("42.0")));
        assertSame(JsonSchemaTypes.MISMATCH, JsonSchemaTypes.value(ColumnType.BIGINT, JSON.readTree("42.5")));
        assertSame(JsonSchemaTypes.MISMATCH, JsonSchemaTypes.value(ColumnType.BIGINT, JSON.readTree("\"42\"")));
        assertSame(JsonSchemaTypes.MISMATCH, JsonSchemaTypes.value(ColumnType.BOOLEAN, JSON.readTree("\"yes\"")));
        assertEquals(OffsetDateTime.parse("2024-05-01T10:00Z"), JsonSchemaTypes.value(ColumnType.TIMESTAMPTZ, JSON.readTree("\"2024-05-01 10:00:00\"")));
        assertEquals(OffsetDateTime.parse("2024-05-01T10:00:00.5+02:00"),
                JsonSchemaTypes.value(ColumnType.TIMESTAMPTZ, JSON.readTree("\"2024-05-01T10:00:00.500000+02:00\"")));
        assertSame(JsonSchemaTypes.MISMATCH, JsonSchemaTypes.value(ColumnType.TIMESTAMPTZ, JSON.readTree("\"yesterday\"")));
        assertEquals(LocalDate.parse("2024-05-01"), JsonSchemaTypes.value(ColumnType.DATE, JSON.readTree("\"2024-05-01\"")));
        assertEquals("12", JsonSchemaTypes.value(ColumnType.STRING, JSON.readTree("12")));
        assertEquals("{\"a\":1}", JsonSchemaTypes.value(ColumnType.JSON, JSON.readTree("{\"a\": 1}")));
        assertEquals(null, JsonSchemaTypes.value(ColumnType.BIGINT, JSON.readTree("null")));
    }

    private static ColumnType type(String schema) throws Exception {
        JsonNode node = JSON.readTree(schema);
        return JsonSchemaTypes.columnType(node);
    }
}
