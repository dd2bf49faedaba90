package dev.ownstack.warehouse;

import java.util.List;

/**
 * Reads a single-quoted string literal back the way an engine's lexer does, as its documentation
 * describes it, so a test can check that a dialect's escaping gives back exactly the value and
 * nothing after the closing quote (where an injection would live).
 */
public record LiteralLexer(boolean backslashEscapes, boolean doubledQuotes, boolean rawLineBreaks) {
    /** Snowflake and Redshift: '' is a quote, a backslash starts an escape sequence. */
    public static final LiteralLexer BACKSLASH_AND_DOUBLED_QUOTES = new LiteralLexer(true, true, true);
    /** BigQuery: only backslash escapes; a quoted string cannot hold a line break. */
    public static final LiteralLexer BACKSLASH_ONLY = new LiteralLexer(true, false, false);

    /** Values that break naive quoting: quotes, backslashes, comment markers, statement ends, control characters, unicode. */
    public static final List<String> NASTY_VALUES = List.of("", "O'Brien", "''", "\\", "\\'", "'\\", "C:\\temp\\",
            "x'; DROP TABLE model.customers; --", "/* comment */ -- line", "line\nbreak\r\ttab", "\"double\" `back`",
            "Zoë 😀 日本語", "%_\\%", "\u0001\u001f\u007f", "\\\\'' OR 1=1 --");

    /** The value the engine reads from {@code literal}; fails if the literal does not end exactly at its closing quote. */
    public String read(String literal) {
        if (literal.isEmpty() || literal.charAt(0) != '\'') {
            throw new AssertionError("not a quoted literal: " + literal);
        }
        StringBuilder value = new StringBuilder();
        int i = 1;
        while (i < literal.length()) {
            char c = literal.charAt(i);
            if (c == '\\' && backslashEscapes) {
                i = escape(literal, i + 1, value);
            } else if (c == '\'') {
                if (doubledQuotes && i + 1 < literal.length() && literal.charAt(i + 1) == '\'') {
                    value.append('\'');
                    i += 2;
                } else if (i == literal.length() - 1) {
                    return value.toString();
                } else {
                    throw new AssertionError("literal ends at " + i + " and is followed by SQL: " + literal.substring(i + 1));
                }
            } else if ((c == '\n' || c == '\r') && !rawLineBreaks) {
                throw new AssertionError("raw line break in a literal: " + literal);
            } else {
                value.append(c);
                i++;
            }
        }
        throw new AssertionError("unterminated literal: " + literal);
    }

    private static int escape(String literal, int at, StringBuilder value) {
        if (at >= literal.length()) {
            throw new AssertionError("literal ends in a backslash: " + literal);
        }
        char c = literal.charAt(at);
        switch (c) {
            case '\\', '\'', '"' -> value.append(c);
            case 'n' -> value.append('\n');
            case 'r' -> value.append('\r');
            case 't' -> value.append('\t');
            case 'x' -> {
                value.append((char) Integer.parseInt(literal.substring(at + 1, at + 3), 16));
                return at + 3;
            }
            default -> throw new AssertionError("escape \\" + c + " is not produced by a dialect: " + literal);
        }
        return at + 1;
    }
}
