package dev.ownstack.model.identity.keys;

import dev.ownstack.core.config.identity.KeyKind;
import dev.ownstack.warehouse.SqlDialect;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The normalisers as SQL, for ASCII text only, where each Java step has an exact SQL
 * counterpart on DuckDB and PostgreSQL alike: {@code strip} is {@code trim} with the very
 * characters {@link Character#isWhitespace} accepts ({@link JavaTextSql}), case changes are
 * {@link SqlDialect#lowerAscii} and {@link SqlDialect#upperAscii}, character classes are the ASCII
 * characters the Java patterns match, listed from those patterns. Text with any other character,
 * and phone numbers and dates always, are left to the Java normalisers.
 * {@code RecordExtractionTest} checks the two against each other on dirty data.
 *
 * <p>A normaliser is a few levels of named columns, each level computed from the ones before it
 * ({@link Stages}), so that no expression is written, or evaluated, twice. Stateless.
 */
public final class SqlNormalisers {
    /** The kinds this class normalises when the text is ASCII. */
    public static final Set<KeyKind> KINDS = Set.of(KeyKind.USER_ID, KeyKind.ANONYMOUS_ID, KeyKind.EMAIL, KeyKind.EMAIL_CANONICAL,
            KeyKind.NAME, KeyKind.POSTCODE);

    private final SqlDialect dialect;
    private final JavaTextSql text;

    public SqlNormalisers(SqlDialect dialect) {
        this.dialect = dialect;
        this.text = new JavaTextSql(dialect);
    }

    /**
     * Columns computed level by level, each level a list of {@code expression AS name} that may use
     * the columns of earlier levels: {@code <prefix>value} is the key (NULL when the text is not
     * ASCII or gives no key) and {@code <prefix>blocked} whether the value is blocked.
     */
    public record Stages(List<List<String>> levels, String value, String blocked) {
        public Stages {
            levels = levels.stream().map(List::copyOf).toList();
        }
    }

    /**
     * The stages that normalise the text column {@code input} as {@code kind} when it is ASCII,
     * with columns named {@code <prefix>...}; empty for a kind left to Java. {@code blocked} are the
     * values blocked for the kind, stripped and lower-cased ({@link BlockedValues#of}).
     */
    public Optional<Stages> stages(KeyKind kind, String input, String prefix, Set<String> blocked) {
        if (!KINDS.contains(kind)) {
            return Optional.empty();
        }
        Builder stages = new Builder(prefix);
        stages.level("CASE WHEN " + text.isAscii(input) + " THEN " + input + " END AS " + prefix + "ascii");
        String ascii = prefix + "ascii";
        switch (kind) {
            case USER_ID, ANONYMOUS_ID -> stages.level(text.stripToNull(ascii) + " AS " + prefix + "value");
            case EMAIL, EMAIL_CANONICAL -> email(stages, ascii, kind == KeyKind.EMAIL_CANONICAL);
            case NAME -> name(stages, ascii);
            case POSTCODE -> postcode(stages, ascii);
            default -> throw new IllegalStateException("no SQL normaliser for " + kind);
        }
        // BlockedValues compares the stripped, lower-cased value
        stages.level(text.in(dialect.lowerAscii(text.strip(prefix + "value")), blocked) + " AS " + prefix + "blocked");
        return Optional.of(stages.build());
    }

    /**
     * {@link EmailKey#normalise}: stripped and lower-cased, when it is an address: exactly one @,
     * not first; no whitespace; a domain with a dot, not at either end, and no two dots in a row.
     * {@link EmailKey#canonical} then applies the provider rules to the local part, and gives no
     * key when nothing of it remains.
     */
    private void email(Builder stages, String ascii, boolean canonical) {
        String p = stages.prefix;
        stages.level(dialect.lowerAscii(text.strip(ascii)) + " AS " + p + "email");
        String email = p + "email";
        stages.level("strpos(" + email + ", '@') AS " + p + "at");
        String at = p + "at";
        // no local part without an @ (PostgreSQL rejects a negative length)
        stages.level("CASE WHEN " + at + " > 0 THEN substr(" + email + ", 1, " + at + " - 1) END AS " + p + "local",
                "substr(" + email + ", " + at + " + 1) AS " + p + "domain");
        String local = p + "local";
        String domain = p + "domain";
        String whitespace = characterClass(asciiWhitespace());
        stages.level("(" + at + " > 1 AND length(" + email + ") - length(replace(" + email + ", '@', '')) = 1 AND NOT "
                + dialect.regexpFinds(email, dialect.stringLiteral(whitespace)) + " AND strpos(" + domain + ", '.') > 0 AND substr("
                + domain + ", 1, 1) <> '.' AND substr(" + domain + ", length(" + domain + "), 1) <> '.' AND strpos(" + domain
                + ", '..') = 0) AS " + p + "address", "strpos(" + local + ", '+') AS " + p + "plus");
        if (!canonical) {
            stages.level("CASE WHEN " + p + "address THEN " + email + " END AS " + p + "value");
            return;
        }
        String plus = p + "plus";
        stages.level("CASE WHEN " + plus + " = 0 THEN " + local + " ELSE substr(" + local + ", 1, " + plus + " - 1) END AS " + p + "untagged",
                text.in(domain, EmailKey.GMAIL_DOMAINS) + " AS " + p + "gmail", text.in(domain, EmailKey.PLUS_TAG_DOMAINS) + " AS " + p + "tagged");
        stages.level("CASE WHEN " + p + "gmail THEN replace(" + p + "untagged, '.', '') WHEN " + p + "tagged THEN " + p + "untagged ELSE "
                + local + " END AS " + p + "rules_local", "CASE WHEN " + p + "gmail THEN " + dialect.stringLiteral(EmailKey.GMAIL) + " ELSE "
                + domain + " END AS " + p + "rules_domain");
        stages.level("CASE WHEN " + p + "address AND " + p + "rules_local <> '' THEN " + p + "rules_local || '@' || " + p
                + "rules_domain END AS " + p + "value");
    }

    /** {@link NameKey#normalise} of ASCII text: lower-cased, punctuation dropped, runs of the pattern's whitespace to one space, stripped. */
    private void name(Builder stages, String ascii) {
        String p = stages.prefix;
        String punctuation = characterClass(AsciiClasses.characters(NameKey.ASCII_PUNCTUATION));
        String whitespace = characterClass(AsciiClasses.characters(NameKey.ASCII_WHITESPACE));
        stages.level("regexp_replace(" + dialect.lowerAscii(ascii) + ", " + dialect.stringLiteral(punctuation) + ", '', 'g') AS " + p + "bare");
        stages.level("regexp_replace(" + p + "bare, " + dialect.stringLiteral(whitespace + "+") + ", ' ', 'g') AS " + p + "collapsed");
        // strip names its argument several times: a column, never an expression
        stages.level(text.stripToNull(p + "collapsed") + " AS " + p + "value");
    }

    /**
     * {@link PostcodeKey#normalise} of ASCII text, where the only line terminators are whitespace:
     * the pattern's whitespace dropped, upper-cased, no key without a letter or digit, a ZIP+4 cut
     * to its ZIP.
     */
    private void postcode(Builder stages, String ascii) {
        String p = stages.prefix;
        String whitespace = characterClass(AsciiClasses.characters(PostcodeKey.ASCII_WHITESPACE));
        String lettersAndDigits = characterClass(AsciiClasses.characters(PostcodeKey.ASCII_LETTER_OR_DIGIT));
        stages.level(dialect.upperAscii("regexp_replace(" + ascii + ", " + dialect.stringLiteral(whitespace) + ", '', 'g')") + " AS "
                + p + "postcode");
        String postcode = p + "postcode";
        String zipPlusFour = dialect.regexpFinds(postcode, "'^[0-9][0-9][0-9][0-9][0-9]-[0-9][0-9][0-9][0-9]$'");
        stages.level("CASE WHEN " + dialect.regexpFinds(postcode, dialect.stringLiteral(lettersAndDigits)) + " THEN CASE WHEN " + zipPlusFour
                + " THEN substr(" + postcode + ", 1, 5) ELSE " + postcode + " END END AS " + p + "value");
    }

    /**
     * The query with the stages' columns added, level after level, each level a subquery the
     * planner may not flatten ({@link SqlDialect#subqueryFence}).
     */
    public String apply(String query, List<Stages> stages) {
        String staged = query;
        int level = 0;
        for (Stages part : stages) {
            for (List<String> columns : part.levels()) {
                staged = "SELECT *, " + String.join(", ", columns) + " FROM (" + staged + dialect.subqueryFence() + ") l" + level++;
            }
        }
        return staged;
    }

    /** A bracket expression matching exactly these characters, in the syntax RE2 and PostgreSQL share. */
    private static String characterClass(String characters) {
        StringBuilder bracket = new StringBuilder("[");
        for (char c : characters.toCharArray()) {
            if ("\\]-[^".indexOf(c) >= 0) {
                bracket.append('\\');
            }
            bracket.append(c);
        }
        return bracket.append(']').toString();
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

    private static final class Builder {
        final String prefix;
        final List<List<String>> levels = new ArrayList<>();

        Builder(String prefix) {
            this.prefix = prefix;
        }

        void level(String... columns) {
            levels.add(List.of(columns));
        }

        Stages build() {
            return new Stages(levels, prefix + "value", prefix + "blocked");
        }
    }
}
