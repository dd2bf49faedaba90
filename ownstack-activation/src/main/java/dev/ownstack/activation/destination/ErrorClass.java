package dev.ownstack.activation.destination;

/** Why a destination did not accept a batch or a record; decides what the sync engine does next. */
public enum ErrorClass {
    /** Credentials missing, wrong or expired beyond refresh: the run stops; retrying will not help. */
    AUTH,
    /** Over the destination's rate limit: wait (for {@code Retry-After} when given) and send again, without spending a retry. */
    THROTTLED,
    /** A transient failure (5xx, timeout, lock contention): send again with backoff, up to the retry limit. */
    RETRYABLE,
    /** The destination refused the record itself (validation): never resent unless the record changes, kept in {@code ownstack.sync_errors}. */
    PERMANENT
}
