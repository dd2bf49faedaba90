package dev.ownstack.destinations.salesforce;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The records of one sObject in a fake org, with the validation Salesforce applies to each
 * record: the fields must exist, a required field must have a value, an email field must hold an
 * email address, the external id must be given. Errors are {@code {statusCode, message, fields}}
 * as in a collection result. Thread-safe: every method is synchronized.
 */
final class FakeOrg {
    /** A per-record error, as Salesforce reports it inside a 200. */
    record Problem(String statusCode, String message, List<String> fields) {
        Map<String, Object> json() {
            Map<String, Object> error = new LinkedHashMap<>();
            error.put("statusCode", statusCode);
            error.put("message", message);
            error.put("fields", fields);
            return error;
        }

        /** As a Bulk API 2.0 {@code sf__Error} cell. */
        String bulk() {
            return statusCode + ":" + message + ":" + String.join(",", fields) + " --";
        }
    }

    /** The outcome of writing one record: its id and whether it was created, or its problem. */
    record Outcome(String id, boolean created, Problem problem) {
        boolean success() {
            return problem == null;
        }
    }

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    private final String object;
    private final String externalIdField;
    private final String keyPrefix;
    private final Set<String> fields;
    private final Set<String> required;
    private final Set<String> emailFields;
    private final Map<String, Map<String, Object>> byId = new HashMap<>();
    private final Map<String, String> idByKey = new HashMap<>();
    private final Set<String> deleted = new java.util.HashSet<>();
    private final Set<String> locked = new java.util.HashSet<>();
    private long nextId = 1;

    FakeOrg(String object, String externalIdField, String keyPrefix, Set<String> fields, Set<String> required, Set<String> emailFields) {
        this.object = object;
        this.externalIdField = externalIdField;
        this.keyPrefix = keyPrefix;
        this.fields = Set.copyOf(fields);
        this.required = Set.copyOf(required);
        this.emailFields = Set.copyOf(emailFields);
    }

    String object() {
        return object;
    }

    String externalIdField() {
        return externalIdField;
    }

    /** Whether the object has the field (by API name, case-insensitive as in Salesforce). */
    synchronized boolean hasField(String name) {
        return canonical(name) != null;
    }

    /** The next write of the record with this key fails with UNABLE_TO_LOCK_ROW. */
    synchronized void lock(String key) {
        locked.add(key);
    }

    /** Upserts by external id; {@code values} already checked to name known fields. */
    synchronized Outcome upsert(String key, Map<String, Object> values) {
        if (key == null || key.isEmpty()) {
            return failed(new Problem("MISSING_ARGUMENT", externalIdField + " not specified", List.of()));
        }
        if (locked.remove(key)) {
            return failed(new Problem("UNABLE_TO_LOCK_ROW", "unable to obtain exclusive access to this record", List.of()));
        }
        String id = idByKey.get(key);
        Map<String, Object> merged = new LinkedHashMap<>(id == null ? Map.of() : byId.get(id));
        merge(merged, values);
        Problem problem = validate(merged);
        if (problem != null) {
            return failed(problem);
        }
        boolean created = id == null;
        if (created) {
            id = newId();
            idByKey.put(key, id);
        }
        merged.put("Id", id);
        merged.put(externalIdField, key);
        byId.put(id, merged);
        return new Outcome(id, created, null);
    }

    /** Updates by Salesforce id; never creates. */
    synchronized Outcome update(String id, Map<String, Object> values) {
        Map<String, Object> current = byId.get(id);
        if (current == null) {
            return failed(deleted.contains(id) ? new Problem("ENTITY_IS_DELETED", "entity is deleted", List.of())
                    : new Problem("INVALID_CROSS_REFERENCE_KEY", "invalid cross reference id", List.of()));
        }
        Map<String, Object> merged = new LinkedHashMap<>(current);
        merge(merged, values);
        Problem problem = validate(merged);
        if (problem != null) {
            return failed(problem);
        }
        byId.put(id, merged);
        return new Outcome(id, false, null);
    }

    synchronized Outcome delete(String id) {
        Map<String, Object> removed = byId.remove(id);
        if (removed == null) {
            return failed(deleted.contains(id) ? new Problem("ENTITY_IS_DELETED", "entity is deleted", List.of())
                    : new Problem("INVALID_CROSS_REFERENCE_KEY", "invalid cross reference id", List.of()));
        }
        idByKey.remove(String.valueOf(removed.get(externalIdField)));
        deleted.add(id);
        return new Outcome(id, false, null);
    }

    /** The id of the record with this external id, or null. */
    synchronized String idOf(String key) {
        return idByKey.get(key);
    }

    /** The describe result's fields: the Id, the external id and the rest. */
    synchronized List<Map<String, Object>> describeFields() {
        List<Map<String, Object>> described = new ArrayList<>();
        for (String field : new java.util.TreeSet<>(fields)) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("name", field);
            json.put("type", field.equals("Id") ? "id" : emailFields.contains(field) ? "email" : "string");
            json.put("externalId", field.equals(externalIdField));
            json.put("idLookup", field.equals("Id") || field.equals(externalIdField));
            json.put("nillable", !required.contains(field) && !field.equals("Id"));
            json.put("createable", !field.equals("Id"));
            json.put("updateable", !field.equals("Id"));
            described.add(json);
        }
        return described;
    }

    /** Key to fields (without Id and the external id) of every record held. */
    synchronized Map<String, Map<String, Object>> held() {
        Map<String, Map<String, Object>> held = new TreeMap<>();
        for (Map<String, Object> record : byId.values()) {
            Map<String, Object> fields = new LinkedHashMap<>(record);
            fields.remove("Id");
            Object key = fields.remove(externalIdField);
            held.put(String.valueOf(key), fields);
        }
        return held;
    }

    /** The field's name as the object spells it, or null when it has no such field. */
    String canonical(String name) {
        for (String field : fields) {
            if (field.equalsIgnoreCase(name)) {
                return field;
            }
        }
        return null;
    }

    private void merge(Map<String, Object> record, Map<String, Object> values) {
        values.forEach((name, value) -> record.put(canonical(name), value));
    }

    private Problem validate(Map<String, Object> record) {
        for (String field : emailFields) {
            Object value = record.get(field);
            if (value != null && !EMAIL.matcher(String.valueOf(value)).matches()) {
                return new Problem("INVALID_EMAIL_ADDRESS", field + ": invalid email address: " + value, List.of(field));
            }
        }
        List<String> missing = new ArrayList<>();
        for (String field : required) {
            Object value = record.get(field);
            if (value == null || String.valueOf(value).isBlank()) {
                missing.add(field);
            }
        }
        if (!missing.isEmpty()) {
            return new Problem("REQUIRED_FIELD_MISSING", "Required fields are missing: " + missing, missing);
        }
        return null;
    }

    private String newId() {
        String number = Long.toString(nextId++, 36).toUpperCase(java.util.Locale.ROOT);
        return keyPrefix + "Fk" + "0".repeat(Math.max(0, 15 - keyPrefix.length() - 2 - number.length())) + number + "AAA";
    }

    private static Outcome failed(Problem problem) {
        return new Outcome(null, false, problem);
    }
}
