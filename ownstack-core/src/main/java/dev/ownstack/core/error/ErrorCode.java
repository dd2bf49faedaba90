package dev.ownstack.core.error;

/** Every error ownstack reports carries one of these codes. */
public enum ErrorCode {
    CONFIG_INVALID(ErrorKind.USER),
    ARGUMENT_INVALID(ErrorKind.USER),
    INPUT_INVALID(ErrorKind.USER),
    NOT_FOUND(ErrorKind.USER),
    /** The request contradicts what exists: a name already taken, a thing defined elsewhere or still in use (HTTP 409). */
    CONFLICT(ErrorKind.USER),
    /** SQL the warehouse refused as malformed or naming unknown tables or columns. */
    QUERY_INVALID(ErrorKind.USER),
    WAREHOUSE_FAILED(ErrorKind.EXTERNAL),
    WAREHOUSE_BUSY(ErrorKind.EXTERNAL),
    SOURCE_FAILED(ErrorKind.EXTERNAL),
    IO_FAILED(ErrorKind.EXTERNAL),
    /** A queue or backlog is full; the caller should retry later (HTTP 429/503 with Retry-After). */
    OVERLOADED(ErrorKind.EXTERNAL),
    /** A request without valid credentials (HTTP 401). */
    UNAUTHORIZED(ErrorKind.USER),
    /** Valid credentials without the right to do this: a role too low, or a missing or wrong CSRF token (HTTP 403). */
    FORBIDDEN(ErrorKind.USER),
    /** A request or body over a configured limit (HTTP 413). */
    TOO_LARGE(ErrorKind.USER),
    INTERNAL(ErrorKind.INTERNAL);

    private final ErrorKind kind;

    ErrorCode(ErrorKind kind) {
        this.kind = kind;
    }

    public ErrorKind kind() {
        return kind;
    }
}
