package dev.ownstack.core.config;

import java.util.Objects;

/**
 * A secret value from the configuration. It prints as its reference ({@code ${env:NAME}}) or
 * as {@code ****}, never as its value: only code that sends it to a system calls
 * {@link #reveal()}.
 */
public final class Secret {
    private final String reference;
    private final String value;

    private Secret(String reference, String value) {
        this.reference = Objects.requireNonNull(reference, "reference");
        this.value = Objects.requireNonNull(value, "value");
    }

    /** A secret read from the environment variable {@code name}. */
    public static Secret fromEnvironment(String name, String value) {
        return new Secret("${env:" + name + "}", value);
    }

    /** A secret written literally in the configuration (allowed, but discouraged). */
    public static Secret literal(String value) {
        return new Secret("****", value);
    }

    public String reveal() {
        return value;
    }

    public boolean isEmpty() {
        return value.isEmpty();
    }

    @Override
    public String toString() {
        return reference;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Secret secret && secret.reference.equals(reference) && secret.value.equals(value);
    }

    @Override
    public int hashCode() {
        return reference.hashCode();
    }
}
