package dev.ownstack.destinations.salesforce;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ownstack.activation.destination.SyncRecord;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Records in Salesforce's shapes: sObject JSON for collections and CSV rows for Bulk API 2.0.
 * Field names pass through as the object's field API names. A null clears the field: JSON null
 * in REST (https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/dome_update_fields.htm),
 * {@code #N/A} in Bulk API CSV, where an empty cell leaves the field as it is
 * (https://developer.salesforce.com/docs/atlas.en-us.api_asynch.meta/api_asynch/datafiles_csv_valid_record_rows.htm).
 */
final class SalesforceRecords {
    static final String CSV_NULL = "#N/A";

    private final String object;
    private final String externalIdField;

    SalesforceRecords(String object, String externalIdField) {
        this.object = object;
        this.externalIdField = externalIdField;
    }

    String object() {
        return object;
    }

    String externalIdField() {
        return externalIdField;
    }

    /** Why the record cannot be sent at all, if so: fields the connector sets itself. */
    Optional<String> problem(SyncRecord record) {
        for (String field : record.fields().keySet()) {
            if (field.equalsIgnoreCase("Id") || field.equalsIgnoreCase("attributes")) {
                return Optional.of("INVALID_FIELD: field '" + field + "' cannot be mapped; the record id is Salesforce's own");
            }
            if (field.equalsIgnoreCase(externalIdField) && !String.valueOf(record.fields().get(field)).equals(record.key())) {
                return Optional.of("INVALID_FIELD: field '" + field + "' is the external id field, which holds the record key '"
                        + record.key() + "'; it cannot be mapped to another value");
            }
        }
        return Optional.empty();
    }

    /** {@code {"attributes":{"type":object}, externalIdField: key, fields...}} for a collection upsert. */
    ObjectNode upsert(SyncRecord record) {
        ObjectNode node = base();
        node.put(externalIdField, record.key());
        putFields(node, record.fields());
        return node;
    }

    /** {@code {"attributes":{"type":object}, "id": id, fields...}} for a collection update. */
    ObjectNode update(SyncRecord record, String id) {
        ObjectNode node = base();
        node.put("id", id);
        putFields(node, record.fields());
        return node;
    }

    /** The header and rows of a Bulk API 2.0 upsert: the external id column, then every field any record has. */
    List<List<String>> upsertRows(List<SyncRecord> records) {
        Set<String> columns = new LinkedHashSet<>();
        for (SyncRecord record : records) {
            for (String field : record.fields().keySet()) {
                if (!field.equalsIgnoreCase(externalIdField)) {
                    columns.add(field);
                }
            }
        }
        List<List<String>> rows = new ArrayList<>(records.size() + 1);
        List<String> header = new ArrayList<>();
        header.add(externalIdField);
        header.addAll(columns);
        rows.add(header);
        for (SyncRecord record : records) {
            List<String> row = new ArrayList<>(header.size());
            row.add(record.key());
            for (String column : columns) {
                // a field the record does not map stays as it is in Salesforce: an empty cell
                row.add(record.fields().containsKey(column) ? csv(record.fields().get(column)) : "");
            }
            rows.add(row);
        }
        return rows;
    }

    private ObjectNode base() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.putObject("attributes").put("type", object);
        return node;
    }

    private void putFields(ObjectNode node, Map<String, Object> fields) {
        fields.forEach((name, value) -> {
            if (!name.equalsIgnoreCase(externalIdField)) {
                put(node, name, value);
            }
        });
    }

    static void put(ObjectNode node, String name, Object value) {
        if (value == null) {
            node.putNull(name);
        } else if (value instanceof Boolean bool) {
            node.put(name, bool);
        } else if (value instanceof Long || value instanceof Integer || value instanceof Short) {
            node.put(name, ((Number) value).longValue());
        } else if (value instanceof BigDecimal decimal) {
            node.put(name, decimal);
        } else if (value instanceof Double || value instanceof Float) {
            node.put(name, ((Number) value).doubleValue());
        } else {
            node.put(name, text(value));
        }
    }

    /** A value as a Bulk API CSV cell: {@code #N/A} for null, dates in ISO 8601, numbers without exponents. */
    static String csv(Object value) {
        if (value == null) {
            return CSV_NULL;
        }
        if (value instanceof Double || value instanceof Float) {
            return BigDecimal.valueOf(((Number) value).doubleValue()).stripTrailingZeros().toPlainString();
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        }
        return text(value);
    }

    /** Dates as yyyy-MM-dd and times as ISO 8601 UTC, which both APIs read. */
    private static String text(Object value) {
        if (value instanceof Instant instant) {
            return instant.toString();
        }
        if (value instanceof LocalDate date) {
            return date.toString();
        }
        return String.valueOf(value);
    }
}
