package dev.ownstack.cli.output;

import java.io.PrintWriter;

/**
 * Progress of long work on stderr: a line rewritten in place on a terminal, otherwise a new line
 * at most every few seconds, so logs stay short. stdout stays clean for results.
 */
public final class Progress {
    private static final long TERMINAL_INTERVAL_NANOS = 200_000_000L;
    private static final long LOG_INTERVAL_NANOS = 5_000_000_000L;

    private final PrintWriter err;
    private final boolean terminal;
    private final long start = System.nanoTime();
    private long lastShown;
    private int lastLength;

    public Progress(PrintWriter err, boolean terminal) {
        this.err = err;
        this.terminal = terminal;
    }

    public static Progress onStderr(PrintWriter err) {
        return new Progress(err, System.console() != null);
    }

    /** Shows a status line if enough time has passed since the last one. */
    public void show(String status) {
        if (System.nanoTime() - lastShown < (terminal ? TERMINAL_INTERVAL_NANOS : LOG_INTERVAL_NANOS)) {
            return;
        }
        step(status);
    }

    /** Shows a status line now: the start of a step, whose time the next line's time then tells. */
    public void step(String status) {
        long now = System.nanoTime();
        lastShown = now;
        String line = String.format("[%6.1fs] %s", (now - start) / 1e9, status);
        if (terminal) {
            err.print("\r" + line + " ".repeat(Math.max(0, lastLength - line.length())));
            lastLength = line.length();
        } else {
            err.println(line);
        }
        err.flush();
    }

    /** Ends the progress line so the summary starts on a fresh line. */
    public void done() {
        if (terminal && lastLength > 0) {
            err.print("\r" + " ".repeat(lastLength) + "\r");
            err.flush();
            lastLength = 0;
        }
    }

    public double elapsedSeconds() {
        return (System.nanoTime() - start) / 1e9;
    }
}
