package dev.ownstack.destinations.hubspot;

import dev.ownstack.activation.destination.SyncRecord;
import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One record as a HubSpot contact input.
 *
 * @param key        the record's key (ours, never sent)
 * @param id         how the call names the contact: the id property's value for upserts and
 *                   reads, HubSpot's contact id for updates
 * @param properties the record's fields as HubSpot property values (text)
 */
record ContactInput(String key, String id, Map<String, String> properties) {
    ContactInput {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(id, "id");
        properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
    }

    /** The record's value of the id property, trimmed; empty when missing or blank. */
    static Optional<String> idValue(SyncRecord record, String idProperty) {
        Object value = record.fields().get(idProperty);
        if (value == null) {
            return Optional.empty();
        }
        String text = text(value).strip();
        return text.isEmpty() ? Optional.empty() : Optional.of(text);
    }

    /** Every field as a property value; a null clears the property, as HubSpot documents for an empty string. */
    static Map<String, String> properties(Map<String, Object> fields) {
        Map<String, String> properties = new LinkedHashMap<>();
        fields.forEach((name, value) -> properties.put(name, value == null ? "" : text(value)));
        return properties;
    }

    /**
     * A field value as HubSpot reads property values
     * (https://developers.hubspot.com/docs/guides/api/crm/properties#property-type-and-fieldtype-values):
     * numbers in plain notation, booleans as true/false, datetimes in ISO 8601 (UTC), dates as
     * YYYY-MM-DD, text as is.
     */
    static String text(Object value) {
        if (value instanceof Double number && Double.isFinite(number)) {
            return BigDecimal.valueOf(number).stripTrailingZeros().toPlainString();
        }
        if (value instanceof BigDecimal number) {
            return number.toPlainString();
        }
        return String.valueOf(value);
    }
}
