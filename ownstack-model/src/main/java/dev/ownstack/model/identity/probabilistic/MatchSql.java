package dev.ownstack.model.identity.probabilistic;

import dev.ownstack.core.config.identity.ProbabilisticConfig;
import dev.ownstack.core.config.identity.ProbabilisticConfig.BlockingRule;
import dev.ownstack.core.config.identity.ProbabilisticConfig.BlockingTerm;
import dev.ownstack.core.config.identity.ProbabilisticConfig.Transform;
import dev.ownstack.core.table.ColumnType;
import dev.ownstack.core.table.TableName;
import dev.ownstack.warehouse.SqlDialect;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The SQL of probabilistic matching, the same text on DuckDB and PostgreSQL: a records table
 * (node, normalised fields {@code f0..}, blocking terms {@code t0..}), the candidate pairs of the
 * blocking rules numbered 0..n-1 (each rule excluding the pairs of the rules before it), the
 * queries that stream pairs and the u sample, and the output from the linked pair numbers.
 */
final class MatchSql {
    /** Salt of the hash that orders records for the u sample: a fixed order, the same on every engine. */
    private static final String SAMPLE_SALT = "ownstack-u-sample";
    private static final String LETTERS = "abcdefghijklmnopqrstuvwxyz";
    /** American Soundex digits for a..z, with h and w as separators (0) for the first letter. */
    private static final String DIGITS = "01230120022455012623010202";

    private final SqlDialect dialect;
    private final List<String> fields;
    private final List<BlockingRule> rules;
    private final List<BlockingTerm> terms = new ArrayList<>();
    private final String records;
    private final String pairs;
    private final String linked;

    /** Working tables: records, candidate pairs, linked pair numbers with their scores. */
    MatchSql(SqlDialect dialect, ProbabilisticConfig config, TableName records, TableName pairs, TableName linked) {
        this.dialect = dialect;
        this.fields = List.copyOf(config.fields());
        this.rules = config.blocking();
        for (BlockingRule rule : rules) {
            for (BlockingTerm term : rule.terms()) {
                if (!terms.contains(term)) {
                    terms.add(term);
                }
            }
        }
        this.records = dialect.table(records);
        this.pairs = dialect.table(pairs);
        this.linked = dialect.table(linked);
    }

    /** The fields in the order of the records table's columns {@code f0, f1, ...}. */
    List<String> fields() {
        return fields;
    }

    String countInput(TableName input) {
        return "SELECT COUNT(*), COUNT(DISTINCT " + dialect.quote("node") + ") FROM " + dialect.table(input)
                + " WHERE " + dialect.quote("node") + " IS NOT NULL";
    }

    /**
     * Normalised fields (lower case, trimmed, the stream's separator replaced by a space, empty as
     * null) and the blocking terms; Soundex codes are computed once per distinct value and joined.
     */
    String createRecords(TableName input) {
        List<String> normalised = new ArrayList<>();
        normalised.add(dialect.quote("node") + " AS node");
        List<String> columns = new ArrayList<>(List.of("s.node"));
        List<String> codes = new ArrayList<>();
        StringBuilder joins = new StringBuilder();
        for (int i = 0; i < fields.size(); i++) {
            normalised.add("NULLIF(TRIM(REPLACE(LOWER(CAST(" + dialect.quote(fields.get(i)) + " AS VARCHAR)), CHR(31), ' ')), '') AS f" + i);
            columns.add("s.f" + i);
            int field = i;
            if (terms.stream().anyMatch(term -> term.transform() == Transform.SOUNDEX && fields.indexOf(term.field()) == field)) {
                codes.add("x" + i + " AS (SELECT v, " + soundex("l") + " AS code FROM (SELECT v, " + letters("v")
                        + " AS l FROM (SELECT DISTINCT f" + i + " AS v FROM s WHERE f" + i + " IS NOT NULL) d) l)");
                joins.append(" LEFT JOIN x").append(i).append(" ON x").append(i).append(".v = s.f").append(i);
            }
        }
        for (int i = 0; i < terms.size(); i++) {
            columns.add(termExpression(terms.get(i)) + " AS t" + i);
        }
        return "CREATE TABLE " + records + " AS WITH s AS (SELECT " + String.join(", ", normalised) + " FROM " + dialect.table(input)
                + " WHERE " + dialect.quote("node") + " IS NOT NULL)" + codes.stream().map(code -> ", " + code).collect(Collectors.joining())
                + " SELECT " + String.join(", ", columns) + " FROM s" + joins;
    }

    private String termExpression(BlockingTerm term) {
        int field = fields.indexOf(term.field());
        return switch (term.transform()) {
            case NONE -> "s.f" + field;
            case FIRST -> "SUBSTR(s.f" + field + ", 1, " + term.length() + ")";
            case SOUNDEX -> "x" + field + ".code";
        };
    }

    /** The letters a-z of a lower-case value, null when there are none: what Soundex codes. */
    static String letters(String column) {
        return "NULLIF(REGEXP_REPLACE(" + column + ", '[^a-z]', '', 'g'), '')";
    }

    /**
     * American Soundex, in lower case ({@code r163}), of a column holding {@link #letters(String)};
     * null when it is null. Built from functions both engines have:
     * TRANSLATE codes the letters (h and w after the first letter vanish, so equal codes around
     * them merge), REGEXP_REPLACE merges runs of equal digits, then the first letter's digit and
     * the vowels' zeros go and the result is padded to four characters.
     */
    static String soundex(String letters) {
        StringBuilder restFrom = new StringBuilder();
        StringBuilder restTo = new StringBuilder();
        for (int i = 0; i < LETTERS.length(); i++) {
            char letter = LETTERS.charAt(i);
            if (letter != 'h' && letter != 'w') {
                restFrom.append(letter);
                restTo.append(DIGITS.charAt(i));
            }
        }
        String coded = "TRANSLATE(SUBSTR(" + letters + ", 1, 1), '" + LETTERS + "', '" + DIGITS + "') || TRANSLATE(SUBSTR("
                + letters + ", 2), '" + restFrom + "hw', '" + restTo + "')";
        String merged = coded;
        for (char digit = '1'; digit <= '6'; digit++) {
            merged = "REGEXP_REPLACE(" + merged + ", '" + digit + "+', '" + digit + "', 'g')";
        }
        String code = "SUBSTR(" + letters + ", 1, 1) || REPLACE(SUBSTR(" + merged + ", 2), '0', '') || '000'";
        return "SUBSTR(" + code + ", 1, 4)";
    }

    /**
     * The most pairs rule {@code k} can give before excluding earlier rules' pairs: the sum over
     * its groups of n(n-1)/2, counted without joining.
     */
    String ruleUpperBound(int rule) {
        List<String> columns = termColumns(rules.get(rule), "");
        String notNull = columns.stream().map(column -> column + " IS NOT NULL").collect(Collectors.joining(" AND "));
        return "SELECT CAST(COALESCE(SUM(c * (c - 1) / 2), 0) AS BIGINT) FROM (SELECT COUNT(*) AS c FROM " + records
                + " WHERE " + notNull + " GROUP BY " + String.join(", ", columns) + ") g";
    }

    /** Pairs of each rule that no earlier rule gave, numbered 0..n-1, with node_a < node_b and the rule's index. */
    String createPairs() {
        List<String> selects = new ArrayList<>();
        for (int k = 0; k < rules.size(); k++) {
            StringBuilder select = new StringBuilder("SELECT a.node AS node_a, b.node AS node_b, " + k + " AS rule FROM "
                    + records + " a JOIN " + records + " b ON " + holds(rules.get(k)) + " AND a.node < b.node");
            for (int earlier = 0; earlier < k; earlier++) {
                select.append(earlier == 0 ? " WHERE " : " AND ").append("NOT COALESCE(").append(holds(rules.get(earlier))).append(", FALSE)");
            }
            selects.add(select.toString());
        }
        return "CREATE TABLE " + pairs + " AS SELECT ROW_NUMBER() OVER () - 1 AS pair_id, node_a, node_b, rule FROM ("
                + String.join(" UNION ALL ", selects) + ") u";
    }

    String countPairsByRule() {
        return "SELECT rule, COUNT(*) FROM " + pairs + " GROUP BY rule";
    }

    /**
     * Every candidate pair: its number, the bit mask of every rule it meets, and one text holding
     * both records' values of each compared field in {@code compared} order, separated by U+001F
     * (a missing value is empty): engines hand over one text far faster than many.
     */
    String streamPairs(List<String> compared) {
        List<String> bits = new ArrayList<>();
        for (int k = 0; k < rules.size(); k++) {
            bits.add("CASE WHEN COALESCE(" + holds(rules.get(k)) + ", FALSE) THEN " + (1 << k) + " ELSE 0 END");
        }
        List<String> values = new ArrayList<>();
        for (String field : compared) {
            int i = fields.indexOf(field);
            values.add("COALESCE(a.f" + i + ", '')");
            values.add("COALESCE(b.f" + i + ", '')");
        }
        return "SELECT p.pair_id, " + String.join(" + ", bits) + " AS rules, " + String.join(" || CHR(31) || ", values)
                + " AS pair_values FROM " + pairs + " p JOIN " + records + " a ON a.node = p.node_a JOIN " + records
                + " b ON b.node = p.node_b";
    }

    /** The first {@code size} records in a fixed pseudo-random order (an MD5 of the node), their fields only. */
    String sample(int size) {
        List<String> columns = new ArrayList<>();
        for (int i = 0; i < fields.size(); i++) {
            columns.add("f" + i);
        }
        return "SELECT " + String.join(", ", columns) + " FROM " + records + " ORDER BY MD5(CAST(node AS VARCHAR) || "
                + dialect.stringLiteral(SAMPLE_SALT) + "), node LIMIT " + size;
    }

    /** The linked pairs' numbers and scores, written by the JVM. */
    String createLinked() {
        return "CREATE TABLE " + linked + " (pair_id " + dialect.typeName(ColumnType.BIGINT) + ", match_weight "
                + dialect.typeName(ColumnType.DOUBLE) + ", probability " + dialect.typeName(ColumnType.DOUBLE) + ")";
    }

    String insertOutput(TableName output) {
        return "INSERT INTO " + dialect.table(output) + " (node_a, node_b, match_weight, probability)"
                + " SELECT p.node_a, p.node_b, l.match_weight, l.probability FROM " + linked + " l JOIN " + pairs
                + " p ON p.pair_id = l.pair_id";
    }

    String countLinkedByRule() {
        return "SELECT p.rule, COUNT(*) FROM " + linked + " l JOIN " + pairs + " p ON p.pair_id = l.pair_id GROUP BY p.rule";
    }

    String drop(TableName table) {
        return "DROP TABLE IF EXISTS " + dialect.table(table);
    }

    private String holds(BlockingRule rule) {
        List<String> a = termColumns(rule, "a.");
        List<String> b = termColumns(rule, "b.");
        List<String> equal = new ArrayList<>();
        for (int i = 0; i < a.size(); i++) {
            equal.add(a.get(i) + " = " + b.get(i));
        }
        return "(" + String.join(" AND ", equal) + ")";
    }

    private List<String> termColumns(BlockingRule rule, String prefix) {
        return rule.terms().stream().map(term -> prefix + "t" + terms.indexOf(term)).toList();
    }
}
