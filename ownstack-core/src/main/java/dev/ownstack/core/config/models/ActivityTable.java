package dev.ownstack.core.config.models;

import java.util.Locale;

/** The model tables a trait can be computed from; written in {@code ownstack.yml} in lower case. */
public enum ActivityTable {
    TRANSACTIONS,
    EVENTS;

    /** The name used in {@code ownstack.yml} and the model table's name: {@code transactions}. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
