package dev.ownstack.destinations.google;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Error bodies as Google's APIs write them: a {@code google.rpc.Status} under {@code error}
 * (https://developers.google.com/data-manager/api/devguides/concepts/understand-errors), with
 * the Data Manager's {@code ErrorInfo} reasons and {@code BadRequest} field violations as in
 * https://developers.google.com/data-manager/api/get-started/quickstart/send-audience-members.
 */
final class DataManagerErrors {
    /** One field violation of a BadRequest detail. */
    record Violation(String field, String description, String reason) {
    }

    /** An error answer: HTTP status and body. */
    record Answer(int status, String body) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private DataManagerErrors() {
    }

    static Answer unauthenticated() {
        return status(401, "UNAUTHENTICATED", "Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie "
                + "or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.",
                null, List.of());
    }

    static Answer permissionDenied(String message) {
        return status(403, "PERMISSION_DENIED", message, "PERMISSION_DENIED", List.of());
    }

    static Answer resourceExhausted() {
        return status(429, "RESOURCE_EXHAUSTED", "Too many requests.", "RESOURCE_EXHAUSTED", List.of());
    }

    static Answer notFound(String message) {
        return status(404, "NOT_FOUND", message, "NOT_FOUND", List.of());
    }

    /** 400 INVALID_ARGUMENT with an ErrorInfo of {@code reason} and these field violations. */
    static Answer invalidArgument(String reason, List<Violation> violations) {
        return status(400, "INVALID_ARGUMENT", "There was a problem with the request.", reason, violations);
    }

    private static Answer status(int code, String status, String message, String reason, List<Violation> violations) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode error = root.putObject("error");
        error.put("code", code);
        error.put("message", message);
        error.put("status", status);
        if (reason != null) {
            ArrayNode details = error.putArray("details");
            details.addObject().put("@type", "type.googleapis.com/google.rpc.ErrorInfo").put("reason", reason)
                    .put("domain", "datamanager.googleapis.com");
            if (!violations.isEmpty()) {
                ArrayNode fieldViolations = details.addObject().put("@type", "type.googleapis.com/google.rpc.BadRequest")
                        .putArray("fieldViolations");
                for (Violation violation : violations) {
                    ObjectNode node = fieldViolations.addObject().put("field", violation.field());
                    if (!violation.description().isEmpty()) {
                        node.put("description", violation.description());
                    }
                    node.put("reason", violation.reason());
                }
            }
        }
        return new Answer(code, root.toString());
    }
}
