package dev.ownstack.core.error;

import java.util.List;
import java.util.Objects;

/**
 * The one exception type of ownstack. The message names the thing and the offending value;
 * {@link #details()} holds further lines (for example every configuration problem at once).
 * Messages never contain secret values: code that builds them only ever sees masked secrets.
 */
public class OwnstackException extends RuntimeException {
    private final ErrorCode code;
    private final List<String> details;

    public OwnstackException(ErrorCode code, String message) {
        this(code, message, List.of(), null);
    }

    public OwnstackException(ErrorCode code, String message, Throwable cause) {
        this(code, message, List.of(), cause);
    }

    public OwnstackException(ErrorCode code, String message, List<String> details, Throwable cause) {
        super(Objects.requireNonNull(message, "message"), cause);
        this.code = Objects.requireNonNull(code, "code");
        this.details = List.copyOf(details);
    }

    public static OwnstackException user(String message) {
        return new OwnstackException(ErrorCode.ARGUMENT_INVALID, message);
    }

    public ErrorCode code() {
        return code;
    }

    public ErrorKind kind() {
        return code.kind();
    }

    public List<String> details() {
        return details;
    }
}
