package dev.ownstack.activation.destination.contract;

import java.util.Map;

/**
 * Reads what a destination now holds, by the destination's own means (a fake's state, the files
 * in a folder), never through the connector under test.
 */
@FunctionalInterface
public interface DestinationProbe {
    /**
     * Every record the destination holds: key → fields. Values may come back in the
     * destination's own types (text for CSV); the contract compares them by their text form.
     */
    Map<String, Map<String, Object>> readBack();
}
