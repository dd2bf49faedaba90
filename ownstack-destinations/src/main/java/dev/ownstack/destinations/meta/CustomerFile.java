package dev.ownstack.destinations.meta;

import dev.ownstack.activation.destination.SyncRecord;
import dev.ownstack.destinations.pii.Pii;
import dev.ownstack.destinations.pii.PiiContext;
import dev.ownstack.destinations.pii.PiiProfile;
import dev.ownstack.destinations.pii.PiiResult;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Turns records into customer-file rows as Meta takes them: each field normalised and hashed by
 * Meta's rules ({@link Pii} with {@link PiiProfile#META}), a value that cannot match reported on
 * its record and never sent. Field names are the keys in lower case, plus {@code date_of_birth}
 * for DOBY, DOBM and DOBD at once (an explicit {@code doby}, {@code dobm} or {@code dobd} wins).
 * A record's own {@code country} decides the rules for its phone, state and postal code; the
 * destination's default country stands in when it has none. Stateless and thread-safe.
 */
final class CustomerFile {
    static final String DATE_OF_BIRTH = "date_of_birth";

    private final PiiContext context;

    CustomerFile(PiiContext context) {
        this.context = Objects.requireNonNull(context, "context");
    }

    /** A record's row: the value to send per key. */
    record Row(String key, Map<CustomerFileKey, String> values) {
        Row {
            Objects.requireNonNull(key, "key");
            values = Map.copyOf(values);
        }
    }

    /** A record that cannot be sent, and why. */
    record Rejection(String key, String message) {
        Rejection {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(message, "message");
        }
    }

    /** A batch's rows and rejections, in the batch's order. */
    record Prepared(List<Row> rows, List<Rejection> rejections) {
        Prepared {
            rows = List.copyOf(rows);
            rejections = List.copyOf(rejections);
        }
    }

    /** The field names no key answers to, sorted; empty when every name is known. */
    static List<String> unknownFields(Collection<String> fieldNames) {
        TreeSet<String> unknown = new TreeSet<>();
        for (String name : fieldNames) {
            if (!name.equals(DATE_OF_BIRTH) && CustomerFileKey.byFieldName(name).isEmpty()) {
                unknown.add(name);
            }
        }
        return List.copyOf(unknown);
    }

    /** Every field name understood, for messages. */
    static String knownFields() {
        List<String> names = new ArrayList<>();
        for (CustomerFileKey key : CustomerFileKey.values()) {
            names.add(key.fieldName());
        }
        names.add(DATE_OF_BIRTH);
        return String.join(", ", names);
    }

    Prepared prepare(List<SyncRecord> records) {
        List<Row> rows = new ArrayList<>();
        List<Rejection> rejections = new ArrayList<>();
        for (SyncRecord record : records) {
            List<String> problems = new ArrayList<>();
            Map<CustomerFileKey, String> values = new EnumMap<>(CustomerFileKey.class);
            PiiContext recordContext = context.forCountry(record.fields().get(CustomerFileKey.COUNTRY.fieldName()));
            Object birth = record.fields().get(DATE_OF_BIRTH);
            if (birth != null) {
                List<String> birthProblems = new ArrayList<>();
                for (CustomerFileKey part : List.of(CustomerFileKey.DOBY, CustomerFileKey.DOBM, CustomerFileKey.DOBD)) {
                    add(part, birth, recordContext, values, birthProblems);
                }
                if (!birthProblems.isEmpty()) {
                    problems.add(DATE_OF_BIRTH + ": " + birthProblems.get(0).substring(birthProblems.get(0).indexOf(": ") + 2));
                }
            }
            record.fields().forEach((name, raw) -> CustomerFileKey.byFieldName(name).ifPresent(key -> add(key, raw, recordContext, values, problems)));
            if (!problems.isEmpty()) {
                rejections.add(new Rejection(record.key(), String.join("; ", problems) + " (not sent to Meta)"));
            } else if (!identifies(values)) {
                rejections.add(new Rejection(record.key(), "no value Meta can match on: give email, phone, madid or extern_id,"
                        + " or fn and ln with zip, ct or doby (not sent to Meta)"));
            } else {
                rows.add(new Row(record.key(), values));
            }
        }
        return new Prepared(rows, rejections);
    }

    private static void add(CustomerFileKey key, Object raw, PiiContext context, Map<CustomerFileKey, String> values, List<String> problems) {
        PiiResult result = Pii.prepare(PiiProfile.META, key.piiField(), raw, context);
        result.problem().ifPresent(problem -> problems.add(key.fieldName() + ": " + problem));
        result.value().ifPresent(value -> values.put(key, value));
    }

    private static boolean identifies(Map<CustomerFileKey, String> values) {
        if (values.keySet().stream().anyMatch(CustomerFileKey::identifies)) {
            return true;
        }
        return values.containsKey(CustomerFileKey.FN) && values.containsKey(CustomerFileKey.LN)
                && (values.containsKey(CustomerFileKey.ZIP) || values.containsKey(CustomerFileKey.CT) || values.containsKey(CustomerFileKey.DOBY));
    }

    /**
     * The request's {@code payload}: the schema lists the keys any row has, in {@link CustomerFileKey}
     * order; a row without a key has an empty string there, as Meta asks.
     */
    static Map<String, Object> payload(List<Row> rows) {
        TreeSet<CustomerFileKey> keys = new TreeSet<>();
        rows.forEach(row -> keys.addAll(row.values().keySet()));
        List<String> schema = keys.stream().map(CustomerFileKey::name).toList();
        List<List<String>> data = new ArrayList<>(rows.size());
        for (Row row : rows) {
            List<String> cells = new ArrayList<>(keys.size());
            for (CustomerFileKey key : keys) {
                cells.add(row.values().getOrDefault(key, ""));
            }
            data.add(cells);
        }
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("schema", schema);
        payload.put("is_raw", true);
        payload.put("data", data);
        return payload;
    }
}
