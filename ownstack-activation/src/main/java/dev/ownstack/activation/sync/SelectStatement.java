package dev.ownstack.activation.sync;

import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import java.util.Locale;
import java.util.Set;

/**
 * Checks that a sync's query is one read-only statement, a SELECT or a WITH ... SELECT, so that it
 * can be used as a subquery: quoted text, quoted names and comments are skipped, and a statement
 * separator or a keyword that changes data outside them is refused.
 */
final class SelectStatement {
    private static final Set<String> WRITING = Set.of("insert", "update", "delete", "merge", "drop", "alter", "create", "truncate", "copy",
            "grant", "revoke", "attach", "detach", "vacuum", "call", "install", "load", "pragma", "export", "import");

    private SelectStatement() {
    }

    /**
     * The query without trailing semicolons, ready to be wrapped as {@code (query) AS src}.
     *
     * @throws OwnstackException {@code CONFIG_INVALID} naming the sync and what is wrong
     */
    static String check(String sync, String sql) {
        String body = stripTrailingSemicolons(sql);
        String first = null;
        int i = 0;
        while (i < body.length()) {
            char c = body.charAt(i);
            if (c == '\'' || c == '"') {
                i = skipQuoted(sync, body, i, c);
            } else if (c == '-' && i + 1 < body.length() && body.charAt(i + 1) == '-') {
                int end = body.indexOf('\n', i);
                i = end < 0 ? body.length() : end + 1;
            } else if (c == '/' && i + 1 < body.length() && body.charAt(i + 1) == '*') {
                int end = body.indexOf("*/", i + 2);
                if (end < 0) {
                    throw invalid(sync, "a comment is not closed");
                }
                i = end + 2;
            } else if (c == '$' && dollarTag(body, i) != null) {
                String tag = dollarTag(body, i);
                int end = body.indexOf(tag, i + tag.length());
                if (end < 0) {
                    throw invalid(sync, "a " + tag + " quoted text is not closed");
                }
                i = end + tag.length();
            } else if (c == ';') {
                throw invalid(sync, "it holds more than one statement (a ';' before its end)");
            } else if (Character.isLetter(c) || c == '_') {
                int start = i;
                while (i < body.length() && (Character.isLetterOrDigit(body.charAt(i)) || body.charAt(i) == '_')) {
                    i++;
                }
                String word = body.substring(start, i).toLowerCase(Locale.ROOT);
                if (first == null) {
                    first = word;
                }
                if (WRITING.contains(word)) {
                    throw invalid(sync, "it uses " + word.toUpperCase(Locale.ROOT) + "; a sync reads with one SELECT (or WITH ... SELECT)");
                }
            } else {
                i++;
            }
        }
        if (first == null || !(first.equals("select") || first.equals("with"))) {
            throw invalid(sync, "it must start with SELECT or WITH, got " + (first == null ? "nothing" : first.toUpperCase(Locale.ROOT)));
        }
        return body;
    }

    private static String stripTrailingSemicolons(String sql) {
        String body = sql.strip();
        while (body.endsWith(";")) {
            body = body.substring(0, body.length() - 1).strip();
        }
        return body;
    }

    private static int skipQuoted(String sync, String body, int start, char quote) {
        int i = start + 1;
        while (i < body.length()) {
            if (body.charAt(i) == quote) {
                if (i + 1 < body.length() && body.charAt(i + 1) == quote) {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        throw invalid(sync, "a " + (quote == '\'' ? "quoted text" : "quoted name") + " is not closed");
    }

    /** PostgreSQL's {@code $tag$} quoting, or null when the dollar sign starts none. */
    private static String dollarTag(String body, int start) {
        int i = start + 1;
        while (i < body.length() && (Character.isLetterOrDigit(body.charAt(i)) || body.charAt(i) == '_')) {
            i++;
        }
        if (i < body.length() && body.charAt(i) == '$' && (i == start + 1 || !Character.isDigit(body.charAt(start + 1)))) {
            return body.substring(start, i + 1);
        }
        return null;
    }

    private static OwnstackException invalid(String sync, String problem) {
        return new OwnstackException(ErrorCode.CONFIG_INVALID, "syncs." + sync + ".source.query: " + problem);
    }
}
