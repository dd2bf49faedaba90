package dev.ownstack.destinations.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ownstack.activation.destination.ErrorClass;
import dev.ownstack.destinations.http.VendorResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One error as Salesforce reports it: a request's {@code {"message","errorCode"}}, a record's
 * {@code {"statusCode","message","fields"}} in a collection result, or a Bulk API 2.0
 * {@code sf__Error} cell ({@code CODE:message:fields --}).
 *
 * @param code    Salesforce's code, such as {@code REQUIRED_FIELD_MISSING}
 * @param message its words
 * @param fields  the fields it names, if any
 */
record SalesforceError(String code, String message, List<String> fields) {
    /**
     * Codes that a resend can cure: row lock contention and transient platform errors
     * (https://developer.salesforce.com/docs/atlas.en-us.api.meta/api/sforce_api_calls_concepts_core_data_objects.htm#statuscode).
     */
    private static final Set<String> RETRYABLE = Set.of("UNABLE_TO_LOCK_ROW", "SERVER_UNAVAILABLE", "REQUEST_RUNNING_TOO_LONG",
            "QUERY_TIMEOUT", "TXN_SECURITY_METERING_ERROR");

    SalesforceError {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
        fields = List.copyOf(fields);
    }

    /** The first error of a failed request's body ({@code [{"message","errorCode"}]}), when it has that form. */
    static Optional<SalesforceError> firstOf(VendorResponse response) {
        try {
            JsonNode root = VendorResponse.JSON.readTree(response.body());
            JsonNode first = root != null && root.isArray() && root.size() > 0 ? root.get(0) : root;
            if (first != null && first.hasNonNull("errorCode")) {
                return Optional.of(new SalesforceError(first.path("errorCode").asText(), first.path("message").asText(""), List.of()));
            }
        } catch (IOException e) {
            // not Salesforce's JSON form: the caller quotes the body
        }
        return Optional.empty();
    }

    /** The errors of one collection result ({@code "errors":[{"statusCode","message","fields"}]}). */
    static List<SalesforceError> ofResult(JsonNode result) {
        List<SalesforceError> errors = new ArrayList<>();
        for (JsonNode error : result.path("errors")) {
            List<String> fields = new ArrayList<>();
            error.path("fields").forEach(field -> fields.add(field.asText()));
            errors.add(new SalesforceError(error.path("statusCode").asText("UNKNOWN_EXCEPTION"), error.path("message").asText(""), fields));
        }
        return errors;
    }

    /** A Bulk API 2.0 {@code sf__Error} cell, e.g. {@code REQUIRED_FIELD_MISSING:Required fields are missing: [LastName]:LastName --}. */
    static SalesforceError ofBulk(String cell) {
        String text = cell.strip();
        if (text.endsWith("--")) {
            text = text.substring(0, text.length() - 2).strip();
        }
        int colon = text.indexOf(':');
        if (colon <= 0) {
            return new SalesforceError("UNKNOWN_EXCEPTION", text, List.of());
        }
        String code = text.substring(0, colon);
        String rest = text.substring(colon + 1);
        int last = rest.lastIndexOf(':');
        List<String> fields = List.of();
        if (last >= 0 && rest.substring(last + 1).matches("[A-Za-z0-9_,]*")) {
            String named = rest.substring(last + 1);
            fields = named.isEmpty() ? List.of() : List.of(named.split(","));
            rest = rest.substring(0, last);
        }
        return new SalesforceError(code, rest, fields);
    }

    /** Whether resending may succeed: lock contention, also when a trigger reports it inside another code. */
    static boolean retryable(String code, String message) {
        return RETRYABLE.contains(code) || message.contains("UNABLE_TO_LOCK_ROW");
    }

    ErrorClass errorClass() {
        if (code.equals("REQUEST_LIMIT_EXCEEDED")) {
            return ErrorClass.THROTTLED;
        }
        return retryable(code, message) ? ErrorClass.RETRYABLE : ErrorClass.PERMANENT;
    }

    /** Several errors of one record as one rejection: its class is the first one's. */
    static String describe(List<SalesforceError> errors) {
        return String.join("; ", errors.stream().map(SalesforceError::toString).toList());
    }

    @Override
    public String toString() {
        return code + ": " + message + (fields.isEmpty() ? "" : " " + fields);
    }
}
