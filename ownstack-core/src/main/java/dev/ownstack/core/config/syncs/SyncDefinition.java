package dev.ownstack.core.config.syncs;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A sync: keeps one destination in step with one source.
 *
 * @param name        letters, digits, {@code _} and {@code -}, starting with a letter
 * @param source      the records to send
 * @param destination the name of a configured destination
 * @param identifier  the source column that identifies a record (its key in the destination)
 * @param mapping     destination field name → source column, in order; the identifier is sent
 *                    only when mapped
 * @param mode        what is sent of the changes
 * @param trigger     when the server runs it by itself
 * @param guardrails  when a run stops for approval
 * @param retryWindow how long a record the destination rejected is retried on later runs
 *                    (from its first rejection); default 7 days
 */
public record SyncDefinition(String name, SyncSource source, String destination, String identifier, Map<String, String> mapping,
                             SyncMode mode, SyncTrigger trigger, SyncGuardrails guardrails, Duration retryWindow) {
    public static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_-]{0,62}");
    public static final Duration DEFAULT_RETRY_WINDOW = Duration.ofDays(7);

    public SyncDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(identifier, "identifier");
        Objects.requireNonNull(mapping, "mapping");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(trigger, "trigger");
        Objects.requireNonNull(guardrails, "guardrails");
        Objects.requireNonNull(retryWindow, "retryWindow");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("sync name '" + name + "' must use letters, digits, _ and -, start with a letter"
                    + " and be at most 63 characters");
        }
        if (identifier.isBlank()) {
            throw new IllegalArgumentException("sync " + name + ": identifier must name a source column");
        }
        if (retryWindow.isNegative()) {
            throw new IllegalArgumentException("sync " + name + ": retry-window must not be negative, got " + retryWindow);
        }
        mapping = Collections.unmodifiableMap(new LinkedHashMap<>(mapping));
    }
}
