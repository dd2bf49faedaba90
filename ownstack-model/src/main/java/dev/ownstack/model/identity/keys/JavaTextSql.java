package dev.ownstack.model.identity.keys;

import dev.ownstack.warehouse.SqlDialect;
import java.util.Set;

/**
 * SQL that gives exactly what the Java string operations of the normalisers give, on DuckDB and
 * PostgreSQL alike, so that simple normalisation can run in the warehouse:
 * <ul>
 *   <li>{@link #strip}: {@link String#strip()} removes the code points for which
 *       {@link Character#isWhitespace(int)} holds from both ends; {@code trim(x, characters)}
 *       removes the characters of a set, and the set is built from that very predicate;</li>
 *   <li>{@link #isAscii}: a UTF-8 string is ASCII exactly when it has as many bytes as characters;</li>
 *   <li>{@link #lowerAscii}: on ASCII text {@code toLowerCase(Locale.ROOT)} maps A-Z to a-z and
 *       nothing else, which {@code translate} does whatever the engine's locale (PostgreSQL's
 *       {@code lower} follows the database locale, which may differ).</li>
 * </ul>
 * Stateless.
 */
public final class JavaTextSql {
    /** Every character {@link Character#isWhitespace(int)} accepts, all in the Basic Multilingual Plane. */
    public static final String WHITESPACE = whitespace();
    private static final String UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";

    private final SqlDialect dialect;

    public JavaTextSql(SqlDialect dialect) {
        this.dialect = dialect;
    }

    /** {@code expression.strip()}; NULL stays NULL. */
    public String strip(String expression) {
        return "trim(" + expression + ", " + dialect.stringLiteral(WHITESPACE) + ")";
    }

    /** {@code expression.strip()}, or NULL when that is empty (the value was NULL or blank). */
    public String stripToNull(String expression) {
        return "NULLIF(" + strip(expression) + ", '')";
    }

    /** True when every character of the (non-NULL) text is ASCII. */
    public String isAscii(String expression) {
        return "bit_length(" + expression + ") = 8 * length(" + expression + ")";
    }

    /** {@code expression.toLowerCase(Locale.ROOT)} for ASCII text. */
    public String lowerAscii(String expression) {
        return "translate(" + expression + ", '" + UPPER + "', '" + UPPER.toLowerCase(java.util.Locale.ROOT) + "')";
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
                if (!Character.isBmpCodePoint(codePoint)) {
                    throw new IllegalStateException("whitespace outside the Basic Multilingual Plane: " + codePoint);
                }
                characters.append((char) codePoint);
            }
        }
        return characters.toString();
    }
}
