package dev.ownstack.activation.destination;

import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A batch (or check, or finish) the destination did not answer as a whole: its error class
 * tells the sync engine whether to stop, wait, or retry, and {@link #retryAfter()} how long the
 * destination asked to wait. The message names the destination and quotes its answer.
 */
public final class DestinationException extends OwnstackException {
    private final ErrorClass errorClass;
    private final Optional<Duration> retryAfter;

    public DestinationException(ErrorClass errorClass, String message, Optional<Duration> retryAfter, Throwable cause) {
        super(errorClass == ErrorClass.AUTH ? ErrorCode.UNAUTHORIZED : ErrorCode.IO_FAILED, message, cause);
        this.errorClass = Objects.requireNonNull(errorClass, "errorClass");
        this.retryAfter = Objects.requireNonNull(retryAfter, "retryAfter");
    }

    public DestinationException(ErrorClass errorClass, String message) {
        this(errorClass, message, Optional.empty(), null);
    }

    public ErrorClass errorClass() {
        return errorClass;
    }

    public Optional<Duration> retryAfter() {
        return retryAfter;
    }
}
