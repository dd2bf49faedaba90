package dev.ownstack.core.config;

/** What a source does with a row it cannot read. */
public enum OnError {
    /** Stop the load with an error naming file, line and column; nothing of the failing file is kept. */
    FAIL,
    /** Keep going; the row and the reason go to {@code ownstack.load_rejects}. */
    SKIP
}
