package dev.ownstack.core.error;

/**
 * Who has to act on an error. The CLI maps each kind to one exit code and the server to one
 * HTTP status, each in one place.
 */
public enum ErrorKind {
    /** Bad configuration, arguments, request or input data: the user fixes it. */
    USER,
    /** A warehouse, a source system or a vendor failed; retrying later may help. */
    EXTERNAL,
    /** A bug in ownstack. */
    INTERNAL
}
