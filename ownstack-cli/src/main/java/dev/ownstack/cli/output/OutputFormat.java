package dev.ownstack.cli.output;

/** How a command prints a list or a table. */
public enum OutputFormat {
    /** Aligned columns for people. */
    TABLE,
    /** A header line, then one line per row, RFC 4180 quoting; nothing else on stdout. */
    CSV,
    /** One JSON array of objects. */
    JSON
}
