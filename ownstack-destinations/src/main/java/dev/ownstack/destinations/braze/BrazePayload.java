package dev.ownstack.destinations.braze;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ownstack.activation.destination.ErrorClass;
import dev.ownstack.activation.destination.Operation;
import dev.ownstack.activation.destination.RecordResult;
import dev.ownstack.activation.destination.SyncRecord;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The user attributes objects of a {@code /users/track} request
 * (https://www.braze.com/docs/api/objects_filters/user_attributes_object/), one per record:
 * the identifier from the record's key, the record's fields as Braze attributes (a null removes
 * the attribute), the audience attribute ({@code true} while in the audience, {@code false}
 * once removed) and, when configured, the subscription group. Records the connector refuses
 * before sending (a reserved field name, an empty key) are answered here.
 */
final class BrazePayload {
    /** Keys of an attributes object that are identifiers or switches, never a mapped field. */
    static final Set<String> RESERVED = Set.of("external_id", "braze_id", "user_alias", "_update_existing_only", "push_token_import",
            "subscription_groups");

    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

    /** One record and its attributes object. */
    record Entry(SyncRecord record, ObjectNode attributes) {
        Entry {
            Objects.requireNonNull(record, "record");
            Objects.requireNonNull(attributes, "attributes");
        }
    }

    /** The objects to send, in request order, and the records refused before sending. */
    record Prepared(List<Entry> entries, List<RecordResult> refused) {
        Prepared {
            entries = List.copyOf(entries);
            refused = List.copyOf(refused);
        }

        /** Only the entries whose key is not in {@code keys}. */
        Prepared without(Set<String> keys) {
            return new Prepared(entries.stream().filter(entry -> !keys.contains(entry.record().key())).toList(), refused);
        }

        ArrayNode attributes() {
            ArrayNode array = NODES.arrayNode();
            entries.forEach(entry -> array.add(entry.attributes()));
            return array;
        }
    }

    private BrazePayload() {
    }

    static Prepared build(BrazeSettings settings, String audienceAttribute, Operation operation, List<SyncRecord> records) {
        List<Entry> entries = new ArrayList<>();
        List<RecordResult> refused = new ArrayList<>();
        for (SyncRecord record : records) {
            String problem = problem(settings, audienceAttribute, operation, record);
            if (problem != null) {
                refused.add(RecordResult.rejected(record.key(), ErrorClass.PERMANENT, problem));
            } else {
                entries.add(new Entry(record, attributes(settings, audienceAttribute, operation, record)));
            }
        }
        return new Prepared(entries, refused);
    }

    private static ObjectNode attributes(BrazeSettings settings, String audienceAttribute, Operation operation, SyncRecord record) {
        ObjectNode object = NODES.objectNode();
        switch (settings.identifier()) {
            case EXTERNAL_ID -> object.put("external_id", record.key());
            case EMAIL -> object.put("email", record.key());
            case USER_ALIAS -> object.putObject("user_alias").put("alias_name", record.key())
                    .put("alias_label", settings.aliasLabel().orElseThrow());
        }
        switch (operation) {
            // Braze only creates an alias-only profile when told to; external ids and emails create profiles by default.
            case UPSERT -> {
                if (settings.identifier() == BrazeSettings.Identifier.USER_ALIAS) {
                    object.put("_update_existing_only", false);
                }
            }
            // An update or a removal never creates a profile.
            case UPDATE, REMOVE -> object.put("_update_existing_only", true);
        }
        if (operation != Operation.REMOVE) {
            for (Map.Entry<String, Object> field : record.fields().entrySet()) {
                if (!field.getKey().equals(identifierField(settings))) {
                    object.set(field.getKey(), value(field.getValue()));
                }
            }
        }
        object.put(audienceAttribute, operation != Operation.REMOVE);
        settings.subscriptionGroupId().ifPresent(group -> {
            BrazeSettings.SubscriptionState state = settings.subscriptionState();
            if (operation == Operation.REMOVE) {
                // Leaving the audience takes a member out of the group; it never subscribes anyone.
                if (state != BrazeSettings.SubscriptionState.SUBSCRIBED) {
                    return;
                }
                state = BrazeSettings.SubscriptionState.UNSUBSCRIBED;
            }
            object.putArray("subscription_groups").addObject().put("subscription_group_id", group)
                    .put("subscription_state", state.configName());
        });
        return object;
    }

    /** Why the record cannot be sent, or null. */
    private static String problem(BrazeSettings settings, String audienceAttribute, Operation operation, SyncRecord record) {
        if (record.key().isBlank()) {
            return "the record's key is empty: Braze needs a " + settings.identifier().configName() + " for every user";
        }
        if (operation == Operation.REMOVE) {
            return null;
        }
        String identifierField = identifierField(settings);
        for (Map.Entry<String, Object> field : record.fields().entrySet()) {
            String name = field.getKey();
            if (name.equals(identifierField)) {
                if (field.getValue() != null && !record.key().equals(String.valueOf(field.getValue()))) {
                    return "field " + name + " differs from the record's key, which is the user's " + identifierField
                            + "; map it to another attribute";
                }
            } else if (RESERVED.contains(name) || name.equals(audienceAttribute)) {
                return "field " + name + " is set by the braze destination itself; map it to another attribute";
            } else if (name.isBlank() || name.startsWith("$")) {
                return "field '" + name + "' is not a Braze attribute name (empty, or starts with $, which Braze reserves)";
            }
        }
        return null;
    }

    /** The attribute that carries the key, which a mapped field of the same name must agree with. */
    private static String identifierField(BrazeSettings settings) {
        return switch (settings.identifier()) {
            case EXTERNAL_ID -> "external_id";
            case EMAIL -> "email";
            case USER_ALIAS -> "user_alias";
        };
    }

    /** A field value as Braze takes it: dates as ISO 8601 text (date-only values as YYYY-MM-DD, the form of dob). */
    static com.fasterxml.jackson.databind.JsonNode value(Object value) {
        if (value == null) {
            return NODES.nullNode();
        }
        if (value instanceof String text) {
            return NODES.textNode(text);
        }
        if (value instanceof Boolean bool) {
            return NODES.booleanNode(bool);
        }
        if (value instanceof Long || value instanceof Integer || value instanceof Short) {
            return NODES.numberNode(((Number) value).longValue());
        }
        if (value instanceof Double || value instanceof Float) {
            return NODES.numberNode(((Number) value).doubleValue());
        }
        if (value instanceof BigDecimal decimal) {
            return NODES.numberNode(decimal);
        }
        if (value instanceof Instant instant) {
            return NODES.textNode(instant.toString());
        }
        if (value instanceof LocalDate date) {
            return NODES.textNode(date.toString());
        }
        return NODES.textNode(String.valueOf(value));
    }
}
