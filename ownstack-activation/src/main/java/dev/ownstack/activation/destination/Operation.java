package dev.ownstack.activation.destination;

/** What a batch asks the destination to do with its records. */
public enum Operation {
    /** Create the record, or update it when the destination has it (audience destinations: add the member). */
    UPSERT,
    /** Update the record only if the destination has it; a record it lacks is rejected, permanently. */
    UPDATE,
    /** Remove the record (audience destinations: remove the member). The record carries the fields last sent. */
    REMOVE
}
