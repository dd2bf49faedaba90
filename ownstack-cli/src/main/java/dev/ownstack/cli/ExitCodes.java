package dev.ownstack.cli;

import dev.ownstack.core.error.ErrorKind;

/** The one place where error kinds become process exit codes. */
public final class ExitCodes {
    public static final int OK = 0;
    /** Bad arguments, configuration or input: the user fixes it. Same as picocli's usage error. */
    public static final int USER_ERROR = 2;
    /** A warehouse, source system or vendor failed; retrying later may help. */
    public static final int EXTERNAL_FAILURE = 3;
    /** A bug in ownstack. */
    public static final int INTERNAL_ERROR = 4;
    /** A sync run stopped before sending, for approval (ownstack sync approve RUN). */
    public static final int AWAITING_APPROVAL = 5;

    private ExitCodes() {
    }

    public static int of(ErrorKind kind) {
        return switch (kind) {
            case USER -> USER_ERROR;
            case EXTERNAL -> EXTERNAL_FAILURE;
            case INTERNAL -> INTERNAL_ERROR;
        };
    }

    /** The text for the help footer. */
    public static final String HELP = "%nExit codes:%n"
            + "  0  success%n"
            + "  2  user error: bad arguments, configuration or input (the message says which and where)%n"
            + "  3  external failure: the warehouse or a source system failed; retrying may help%n"
            + "  4  internal error: a bug in ownstack; please report it with the message%n"
            + "  5  a sync run stopped for approval (a guardrail); ownstack sync approve RUN sends it%n";
}
