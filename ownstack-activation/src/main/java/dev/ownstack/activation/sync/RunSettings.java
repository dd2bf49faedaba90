package dev.ownstack.activation.sync;

import java.time.Duration;

/**
 * How often a run writes what the destination accepted to the state: after this many results or
 * this long, whichever comes first, and at the end.
 */
record RunSettings(int flushRecords, Duration flushInterval) {
    static final RunSettings DEFAULT = new RunSettings(10_000, Duration.ofSeconds(1));
}
