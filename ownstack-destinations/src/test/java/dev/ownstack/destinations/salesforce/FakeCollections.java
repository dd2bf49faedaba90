package dev.ownstack.destinations.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * sObject Collections and SOQL lookups in a fake org, answering as Salesforce documents: a
 * malformed request is a 400 with {@code [{"message","errorCode"}]}; a well-formed one is a 200
 * with one result per record, in request order, {@code {id, success, errors[, created]}}.
 */
final class FakeCollections {
    /** An answer: status and JSON body. */
    record Answer(int status, Object body) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int LIMIT = 200;
    private static final Pattern LOOKUP = Pattern.compile("SELECT Id, (\\w+) FROM (\\w+) WHERE (\\w+) IN \\((.*)\\)", Pattern.DOTALL);

    private final FakeOrg org;

    FakeCollections(FakeOrg org) {
        this.org = org;
    }

    Answer upsert(String externalIdField, JsonNode body) {
        Answer malformed = malformed(body);
        if (malformed != null) {
            return malformed;
        }
        if (!externalIdField.equals(org.externalIdField())) {
            return error(400, "INVALID_FIELD", "Field name provided, " + externalIdField + " is not an External ID or indexed field for "
                    + org.object());
        }
        List<Map<String, Object>> results = new ArrayList<>();
        for (JsonNode record : body.path("records")) {
            if (record.has("Id") || record.has("id")) {
                results.add(failure("INVALID_FIELD", "Cannot specify Id in an upsert call", List.of("Id")));
                continue;
            }
            FakeOrg.Outcome outcome = org.upsert(record.path(externalIdField).asText(null), values(record));
            results.add(result(outcome, true));
        }
        return new Answer(200, results);
    }

    Answer update(JsonNode body) {
        Answer malformed = malformed(body);
        if (malformed != null) {
            return malformed;
        }
        List<Map<String, Object>> results = new ArrayList<>();
        for (JsonNode record : body.path("records")) {
            String id = record.path("id").asText(record.path("Id").asText(""));
            if (id.isEmpty()) {
                results.add(failure("MISSING_ARGUMENT", "Id not specified in an update call", List.of()));
                continue;
            }
            results.add(result(org.update(id, values(record)), false));
        }
        return new Answer(200, results);
    }

    Answer delete(String ids, String allOrNone) {
        if (ids.isEmpty()) {
            return error(400, "MISSING_ARGUMENT", "ids parameter not specified");
        }
        String[] each = ids.split(",");
        if (each.length > LIMIT) {
            return error(400, "EXCEEDED_ID_LIMIT", "record limit reached. cannot submit more than 200 records into this call");
        }
        List<Map<String, Object>> results = new ArrayList<>();
        for (String id : each) {
            results.add(result(org.delete(id), false));
        }
        return new Answer(200, results);
    }

    /** Only the lookup the connector makes: {@code SELECT Id, F FROM O WHERE F IN ('a', ...)}. */
    Answer query(String soql, String version) {
        Matcher lookup = LOOKUP.matcher(soql.strip());
        if (!lookup.matches() || !lookup.group(2).equals(org.object()) || !lookup.group(1).equals(lookup.group(3))) {
            return error(400, "MALFORMED_QUERY", "unexpected token: the fake only answers lookups by one field IN a list: " + soql);
        }
        String field = lookup.group(1);
        if (!org.hasField(field)) {
            return error(400, "INVALID_FIELD", "No such column '" + field + "' on entity '" + org.object() + "'.");
        }
        List<String> values = literals(lookup.group(4));
        if (values == null) {
            return error(400, "MALFORMED_QUERY", "unexpected token in the IN list: " + lookup.group(4));
        }
        List<Map<String, Object>> records = new ArrayList<>();
        for (String value : values) {
            String id = org.idOf(value);
            if (id != null) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("attributes", Map.of("type", org.object(), "url", "/services/data/" + version + "/sobjects/" + org.object() + "/" + id));
                row.put("Id", id);
                row.put(field, value);
                records.add(row);
            }
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("totalSize", records.size());
        answer.put("done", true);
        answer.put("records", records);
        return new Answer(200, answer);
    }

    /** The values of {@code 'a', 'b\'c'}, escapes read as SOQL reads them; null when malformed. */
    static List<String> literals(String list) {
        List<String> values = new ArrayList<>();
        int i = 0;
        while (i < list.length()) {
            char c = list.charAt(i);
            if (c == ' ' || c == ',') {
                i++;
                continue;
            }
            if (c != '\'') {
                return null;
            }
            StringBuilder value = new StringBuilder();
            i++;
            while (i < list.length() && list.charAt(i) != '\'') {
                char d = list.charAt(i);
                if (d == '\\' && i + 1 < list.length()) {
                    char e = list.charAt(++i);
                    value.append(switch (e) {
                        case 'n' -> '\n';
                        case 'r' -> '\r';
                        case 't' -> '\t';
                        case 'b' -> '\b';
                        case 'f' -> '\f';
                        default -> e;
                    });
                } else if (d == '\n' || d == '\r') {
                    return null;
                } else {
                    value.append(d);
                }
                i++;
            }
            if (i >= list.length()) {
                return null;
            }
            values.add(value.toString());
            i++;
        }
        return values;
    }

    /** The request-level checks: a records list of at most 200, each with attributes.type of this object and known fields. */
    private Answer malformed(JsonNode body) {
        JsonNode records = body.path("records");
        if (!records.isArray()) {
            return error(400, "JSON_PARSER_ERROR", "Cannot deserialize instance of list from " + records.getNodeType());
        }
        if (records.size() > LIMIT) {
            return error(400, "EXCEEDED_ID_LIMIT", "record limit reached. cannot submit more than 200 records into this call");
        }
        if (body.path("allOrNone").asBoolean(false)) {
            return error(400, "INVALID_FIELD", "the fake answers allOrNone:false requests only");
        }
        for (JsonNode record : records) {
            String type = record.path("attributes").path("type").asText("");
            if (type.isEmpty()) {
                return error(400, "INVALID_TYPE", "Must send a concrete entity type.");
            }
            if (!type.equals(org.object())) {
                return error(400, "INVALID_TYPE", "Record type " + type + " does not match the object " + org.object() + " of this request");
            }
            for (Iterator<String> names = record.fieldNames(); names.hasNext();) {
                String name = names.next();
                if (!name.equals("attributes") && !name.equalsIgnoreCase("id") && !org.hasField(name)) {
                    return error(400, "INVALID_FIELD", "No such column '" + name + "' on sobject of type " + org.object());
                }
            }
        }
        return null;
    }

    private Map<String, Object> values(JsonNode record) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> fields = record.fields(); fields.hasNext();) {
            Map.Entry<String, JsonNode> field = fields.next();
            String name = field.getKey();
            if (!name.equals("attributes") && !name.equalsIgnoreCase("id") && !name.equals(org.externalIdField())) {
                values.put(name, JSON.convertValue(field.getValue(), Object.class));
            }
        }
        return values;
    }

    private static Map<String, Object> result(FakeOrg.Outcome outcome, boolean upsert) {
        if (!outcome.success()) {
            return failure(outcome.problem().statusCode(), outcome.problem().message(), outcome.problem().fields());
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("id", outcome.id());
        result.put("success", true);
        result.put("errors", List.of());
        if (upsert) {
            result.put("created", outcome.created());
        }
        return result;
    }

    private static Map<String, Object> failure(String code, String message, List<String> fields) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("success", false);
        result.put("errors", List.of(new FakeOrg.Problem(code, message, fields).json()));
        return result;
    }

    private static Answer error(int status, String code, String message) {
        return new Answer(status, List.of(Map.of("message", message, "errorCode", code)));
    }
}
