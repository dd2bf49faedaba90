package dev.ownstack.server.audiences;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ownstack.activation.audience.ModelCatalog;
import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import dev.ownstack.core.table.Column;
import dev.ownstack.core.table.TableName;
import dev.ownstack.server.api.ApiJson;
import dev.ownstack.warehouse.SqlDialect;
import dev.ownstack.warehouse.Warehouse;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A few frequent values of text columns and of event properties, offered by the audience
 * builder's pickers. Each comes from one bounded query that reads at most {@link #ROWS} rows
 * (the first the engine finds, not a random sample) and is counted here: one query for the text
 * columns of a table, one per event name for its properties. A value is offered when it is among
 * the {@link #VALUES} most frequent and was seen more than once, or when every value seen fits
 * (so unique values such as e-mail addresses are not listed from a large table).
 */
final class CatalogSamples {
    /** The most rows one query reads. */
    static final int ROWS = 2_000;
    /** The most values offered per column or property. */
    static final int VALUES = 5;
    /** Longer values are not offered. */
    private static final int LONGEST = 80;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Warehouse warehouse;
    private final SqlDialect dialect;

    CatalogSamples(Warehouse warehouse) {
        this.warehouse = warehouse;
        this.dialect = warehouse.dialect();
    }

    /** Column name to its frequent values, for the given text columns of a table: one query. */
    Map<String, List<JsonNode>> textValues(TableName table, List<Column> columns) {
        Map<String, List<JsonNode>> values = new LinkedHashMap<>();
        if (columns.isEmpty()) {
            return values;
        }
        List<String> quoted = columns.stream().map(column -> dialect.quote(column.name())).toList();
        List<Map<JsonNode, Long>> counts = new ArrayList<>();
        columns.forEach(column -> counts.add(new HashMap<>()));
        String sql = "SELECT " + String.join(", ", quoted) + " FROM " + dialect.table(table) + " LIMIT " + ROWS;
        for (Object[] row : warehouse.queryAll(sql).rows()) {
            for (int i = 0; i < columns.size(); i++) {
                if (row[i] != null && row[i].toString().length() <= LONGEST) {
                    counts.get(i).merge(ApiJson.NODES.textNode(row[i].toString()), 1L, Long::sum);
                }
            }
        }
        for (int i = 0; i < columns.size(); i++) {
            values.put(columns.get(i).name(), frequent(counts.get(i)));
        }
        return values;
    }

    /** Property key to its frequent scalar values, for the events of one name: one query. */
    Map<String, List<JsonNode>> propertyValues(String event) {
        Map<String, Map<JsonNode, Long>> counts = new LinkedHashMap<>();
        String sql = "SELECT " + dialect.quote("properties") + " FROM " + dialect.table(ModelCatalog.EVENTS) + " WHERE "
                + dialect.quote("event") + " = ? LIMIT " + ROWS;
        for (Object[] row : warehouse.queryAll(sql, event).rows()) {
            JsonNode properties = parse(row[0]);
            for (Iterator<Map.Entry<String, JsonNode>> fields = properties.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                JsonNode value = field.getValue();
                Map<JsonNode, Long> ofKey = counts.computeIfAbsent(field.getKey(), key -> new HashMap<>());
                if (value.isValueNode() && !value.isNull() && value.asText().length() <= LONGEST) {
                    ofKey.merge(value, 1L, Long::sum);
                }
            }
        }
        Map<String, List<JsonNode>> values = new LinkedHashMap<>();
        counts.forEach((key, ofKey) -> values.put(key, frequent(ofKey)));
        return values;
    }

    private static JsonNode parse(Object properties) {
        if (properties == null) {
            return JSON.createObjectNode();
        }
        try {
            JsonNode node = JSON.readTree(properties.toString());
            return node == null ? JSON.createObjectNode() : node;
        } catch (JsonProcessingException e) {
            throw new OwnstackException(ErrorCode.WAREHOUSE_FAILED, "model.events.properties holds text that is not JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** The most frequent values, most first, ties by their text. */
    static List<JsonNode> frequent(Map<JsonNode, Long> counts) {
        boolean allFit = counts.size() <= VALUES;
        return counts.entrySet().stream()
                .filter(entry -> allFit || entry.getValue() > 1)
                .sorted(Comparator.<Map.Entry<JsonNode, Long>>comparingLong(Map.Entry::getValue).reversed()
                        .thenComparing(entry -> entry.getKey().asText()))
                .limit(VALUES)
                .map(Map.Entry::getKey)
                .toList();
    }
}
