package dev.ownstack.model.identity.keys;

import dev.ownstack.warehouse.SqlDialect;
import java.util.Set;

/**
 * SQL that gives exactly what Java string operations give, on DuckDB and PostgreSQL alike:
 * <ul>
 *   <li>{@link #strip}: {@link String#strip()} removes the code points for which
 *       {@link Character#isWhitespace(int)} holds from both ends; {@code trim(x, characters)}
 *       removes the characters of a set, and the set is built from that very predicate. All of
 *       them are below U+0021 or at U+1680 and above, so text whose first and last characters lie
 *       between skips the (slow) {@code trim};</li>
 *   <li>{@link #isAscii}: a UTF-8 string is ASCII exactly when it has as many bytes as characters;</li>
 *   <li>lower-casing ASCII: {@link SqlDialect#lowerAscii}.</li>
 * </ul>
 * Stateless.
 */
public final class JavaTextSql {
    /** Every character {@link Character#isWhitespace(int)} accepts, all in the Basic Multilingual Plane. */
    public static final String WHITESPACE = whitespace();
    /** Characters below this and at {@link #HIGH_WHITESPACE} or above may be whitespace. */
    private static final int LOW_NON_WHITESPACE = '!';
    private static final int HIGH_WHITESPACE = 0x1680;

    private final SqlDialect dialect;

    public JavaTextSql(SqlDialect dialect) {
        this.dialect = dialect;
    }

    /** {@code expression.strip()}; NULL stays NULL. The expression appears several times: pass a column or something cheap. */
    public String strip(String expression) {
        String first = "ascii(" + expression + ")";
        String last = "ascii(right(" + expression + ", 1))";
        return "CASE WHEN " + first + " < " + LOW_NON_WHITESPACE + " OR " + first + " >= " + HIGH_WHITESPACE + " OR " + last + " < "
                + LOW_NON_WHITESPACE + " OR " + last + " >= " + HIGH_WHITESPACE + " THEN trim(" + expression + ", "
                + dialect.stringLiteral(WHITESPACE) + ") ELSE " + expression + " END";
    }

    /** {@code expression.strip()}, or NULL when that is empty (the value was NULL or blank). */
    public String stripToNull(String expression) {
        return "NULLIF(" + strip(expression) + ", '')";
    }

    /** True when every character of the (non-NULL) text is ASCII. */
    public String isAscii(String expression) {
        return "bit_length(" + expression + ") = 8 * length(" + expression + ")";
    }

    /** {@code expression IN (values)}, or FALSE for no values. */
    public String in(String expression, Set<String> values) {
        if (values.isEmpty()) {
            return "FALSE";
        }
        return expression + " IN (" + String.join(", ", values.stream().sorted().map(dialect::stringLiteral).toList()) + ")";
    }

    private static String whitespace() {
        StringBuilder characters = new StringBuilder();
        for (int codePoint = 0; codePoint <= Character.MAX_CODE_POINT; codePoint++) {
            if (Character.isWhitespace(codePoint)) {
                if (codePoint >= LOW_NON_WHITESPACE && codePoint < HIGH_WHITESPACE || !Character.isBmpCodePoint(codePoint)) {
                    throw new IllegalStateException("whitespace where the strip shortcut does not look: " + codePoint);
                }
                characters.append((char) codePoint);
            }
        }
        return characters.toString();
    }
}
