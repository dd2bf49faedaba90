package dev.ownstack.destinations.braze;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * How {@link BrazeFake} validates one attributes object of {@code /users/track} as Braze does
 * (https://www.braze.com/docs/api/objects_filters/user_attributes_object/): one identifier,
 * a valid email and phone number, text for the profile fields, a {@code YYYY-MM-DD} dob, valid
 * subscription group states, no {@code $}-prefixed names, one-dimensional arrays.
 */
final class BrazeAttributesCheck {
    private static final Set<String> TEXT_FIELDS = Set.of("first_name", "last_name", "country", "home_city", "language", "gender",
            "time_zone", "dob", "email_subscribe", "push_subscribe");

    private BrazeAttributesCheck() {
    }

    /** Why Braze refuses this attributes object, or null. */
    static String problem(JsonNode object) {
        if (!object.isObject()) {
            return "attributes must be objects";
        }
        boolean identified = object.path("external_id").isTextual() || object.path("braze_id").isTextual()
                || object.path("email").isTextual() || object.path("phone").isTextual()
                || object.path("user_alias").path("alias_name").isTextual() && object.path("user_alias").path("alias_label").isTextual();
        if (!identified) {
            return BrazeFake.NO_IDENTIFIER;
        }
        if (object.has("_update_existing_only") && !object.get("_update_existing_only").isBoolean()) {
            return "The value provided for the '_update_existing_only' field is not a valid boolean.";
        }
        JsonNode email = object.path("email");
        if (!email.isMissingNode() && !email.isNull() && !(email.isTextual() && email.asText().matches("[^@\\s]+@[^@\\s.]+(\\.[^@\\s.]+)+"))) {
            return BrazeFake.INVALID_EMAIL;
        }
        JsonNode phone = object.path("phone");
        if (!phone.isMissingNode() && !phone.isNull() && !(phone.isTextual() && phone.asText().matches("\\+?[0-9 ().-]{7,20}")
                && phone.asText().replaceAll("[^0-9]", "").length() >= 7 && phone.asText().replaceAll("[^0-9]", "").length() <= 15)) {
            return "The value provided for the 'phone' field is not a valid phone number.";
        }
        for (String field : TEXT_FIELDS) {
            JsonNode value = object.path(field);
            if (!value.isMissingNode() && !value.isNull() && !value.isTextual()) {
                return "The value provided for the '" + field + "' field is not a valid string.";
            }
        }
        if (object.path("dob").isTextual() && !object.path("dob").asText().matches("\\d{4}-\\d{2}-\\d{2}")) {
            return "The value provided for the 'dob' field is not a valid date.";
        }
        for (JsonNode group : object.path("subscription_groups")) {
            if (!group.path("subscription_group_id").isTextual()
                    || !Set.of("subscribed", "unsubscribed").contains(group.path("subscription_state").asText())) {
                return "The value provided for the 'subscription_groups' field is not valid.";
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> fields = object.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (field.getKey().startsWith("$")) {
                return "Custom attribute names cannot start with '$': " + field.getKey();
            }
            if (field.getValue().isArray()) {
                for (JsonNode item : field.getValue()) {
                    if (item.isArray()) {
                        return "The value provided for the '" + field.getKey() + "' field is not valid: arrays are one-dimensional.";
                    }
                }
            }
        }
        return null;
    }
}
