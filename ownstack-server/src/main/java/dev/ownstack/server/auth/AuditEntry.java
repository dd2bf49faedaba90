package dev.ownstack.server.auth;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Objects;

/**
 * One row of {@code ownstack.audit_log}: who ({@code actor}: a user name, {@code api-key} for a key
 * of {@code server.api-keys}, {@code scheduler}, or the name given at sign-in), did what
 * ({@code action}, such as {@code audience.update}), to what ({@code target}, empty when nothing
 * in particular), when, with which outcome ({@code success} or the error code), and details that
 * never hold a secret or a password.
 */
public record AuditEntry(Instant at, String actor, String action, String target, ObjectNode detail, String outcome) {
    public static final String SUCCESS = "success";

    public AuditEntry {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(outcome, "outcome");
    }
}
