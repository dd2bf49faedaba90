package dev.ownstack.model.identity.keys;

import dev.ownstack.core.config.identity.KeyKind;
import dev.ownstack.warehouse.SqlDialect;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The normalisers as SQL, for ASCII text only, where each Java step has an exact SQL
 * counterpart on DuckDB and PostgreSQL alike: {@code strip} is {@code trim} with the very
 * characters {@link Character#isWhitespace} accepts, lower- and upper-casing is {@code translate}
 * between A-Z and a-z (what {@code toLowerCase(Locale.ROOT)} does to ASCII, whatever the engine's
 * locale), character classes are the ASCII characters the Java patterns match, listed from those
 * patterns. Text with any other character, and phone numbers and dates always, are left to the
 * Java normalisers. {@code RecordExtractionTest} checks the two against each other on dirty data.
 * Stateless.
 */
public final class SqlNormalisers {
    /** The kinds this class normalises when the text is ASCII. */
    public static final Set<KeyKind> KINDS = Set.of(KeyKind.USER_ID, KeyKind.ANONYMOUS_ID, KeyKind.EMAIL, KeyKind.EMAIL_CANONICAL,
            KeyKind.NAME, KeyKind.POSTCODE);

    private static final String UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private static final String LOWER = UPPER.toLowerCase(Locale.ROOT);
    private static final String DIGITS = "0123456789";

    private final SqlDialect dialect;
    private final JavaTextSql text;

    public SqlNormalisers(SqlDialect dialect) {
        this.dialect = dialect;
        this.text = new JavaTextSql(dialect);
    }

    /**
     * The key of {@code kind} for the ASCII text {@code raw} (an SQL expression, not NULL), or NULL
     * where the Java normaliser gives none; empty for a kind left to Java.
     */
    public Optional<String> value(KeyKind kind, String raw) {
        return switch (kind) {
            case USER_ID, ANONYMOUS_ID -> Optional.of(text.stripToNull(raw));
            case EMAIL -> Optional.of(email(raw));
            case EMAIL_CANONICAL -> Optional.of(emailCanonical(raw));
            case NAME -> Optional.of(name(raw));
            case POSTCODE -> Optional.of(postcode(raw));
            case PHONE, DATE -> Optional.empty();
        };
    }

    /** {@link BlockedValues#isBlocked} for an ASCII value of a kind other than phone: its stripped, lower-cased form is blocked. */
    public String isBlocked(String value, Set<String> blockedComparable) {
        return text.in(text.lowerAscii(text.strip(value)), blockedComparable);
    }

    /** {@link EmailKey#normalise}: stripped and lower-cased, when it is an address. */
    private String email(String raw) {
        String email = lowered(raw);
        return "CASE WHEN " + isAddress(email) + " THEN " + email + " END";
    }

    /** {@link EmailKey#canonical}: provider rules on the local part, no key when nothing of it remains. */
    private String emailCanonical(String raw) {
        String email = lowered(raw);
        String at = "strpos(" + email + ", '@')";
        String local = "substr(" + email + ", 1, " + at + " - 1)";
        String domain = "substr(" + email + ", " + at + " + 1)";
        String gmail = text.in(domain, EmailKey.GMAIL_DOMAINS);
        String canonicalLocal = "CASE WHEN " + gmail + " THEN replace(" + withoutPlusTag(local) + ", '.', '') WHEN "
                + text.in(domain, EmailKey.PLUS_TAG_DOMAINS) + " THEN " + withoutPlusTag(local) + " ELSE " + local + " END";
        String canonicalDomain = "CASE WHEN " + gmail + " THEN " + dialect.stringLiteral(EmailKey.GMAIL) + " ELSE " + domain + " END";
        return "CASE WHEN " + isAddress(email) + " AND " + canonicalLocal + " <> '' THEN " + canonicalLocal + " || '@' || "
                + canonicalDomain + " END";
    }

    private String lowered(String raw) {
        return text.lowerAscii(text.strip(raw));
    }

    /** Exactly one @, not first; no whitespace; a domain with a dot, not at either end, and no two dots in a row. */
    private String isAddress(String email) {
        String at = "strpos(" + email + ", '@')";
        String domain = "substr(" + email + ", " + at + " + 1)";
        return "(" + at + " > 1 AND length(" + email + ") - length(replace(" + email + ", '@', '')) = 1 AND length(translate(" + email
                + ", " + dialect.stringLiteral(asciiWhitespace()) + ", '')) = length(" + email + ") AND strpos(" + domain + ", '.') > 0"
                + " AND substr(" + domain + ", 1, 1) <> '.' AND substr(" + domain + ", length(" + domain + "), 1) <> '.' AND strpos("
                + domain + ", '..') = 0)";
    }

    private static String withoutPlusTag(String local) {
        return "CASE WHEN strpos(" + local + ", '+') = 0 THEN " + local + " ELSE substr(" + local + ", 1, strpos(" + local + ", '+') - 1) END";
    }

    /**
     * {@link NameKey#normalise} of ASCII text: lower-cased with punctuation dropped (one
     * {@code translate}: A-Z to a-z, the punctuation characters to nothing), runs of the pattern's
     * whitespace to one space, stripped.
     */
    private String name(String raw) {
        String punctuation = AsciiClasses.characters(NameKey.ASCII_PUNCTUATION);
        String whitespace = AsciiClasses.characters(NameKey.ASCII_WHITESPACE);
        String lowered = "translate(" + raw + ", " + dialect.stringLiteral(UPPER + punctuation) + ", '" + LOWER + "')";
        String collapsed = "regexp_replace(" + lowered + ", " + dialect.stringLiteral("[" + whitespace + "]+") + ", ' ', 'g')";
        return text.stripToNull(collapsed);
    }

    /**
     * {@link PostcodeKey#normalise} of ASCII text: the pattern's whitespace dropped and a-z
     * upper-cased (one {@code translate}), no key without a letter or digit, a ZIP+4 cut to its ZIP.
     */
    private String postcode(String raw) {
        String whitespace = AsciiClasses.characters(PostcodeKey.ASCII_WHITESPACE);
        String postcode = "translate(" + raw + ", " + dialect.stringLiteral(LOWER + whitespace) + ", '" + UPPER + "')";
        String lettersAndDigits = AsciiClasses.characters(PostcodeKey.ASCII_LETTER_OR_DIGIT);
        String hasLetterOrDigit = "length(translate(" + postcode + ", '" + lettersAndDigits + "', '')) < length(" + postcode + ")";
        String zipPlusFour = "length(" + postcode + ") = 10 AND substr(" + postcode + ", 6, 1) = '-' AND translate(substr(" + postcode
                + ", 1, 5) || substr(" + postcode + ", 7, 4), '" + DIGITS + "', '') = ''";
        return "CASE WHEN " + hasLetterOrDigit + " THEN CASE WHEN " + zipPlusFour + " THEN substr(" + postcode + ", 1, 5) ELSE "
                + postcode + " END END";
    }

    private static String asciiWhitespace() {
        StringBuilder whitespace = new StringBuilder();
        for (char c = 0; c < 128; c++) {
            if (Character.isWhitespace(c)) {
                whitespace.append(c);
            }
        }
        return whitespace.toString();
    }
}
