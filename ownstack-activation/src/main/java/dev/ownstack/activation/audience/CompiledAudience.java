package dev.ownstack.activation.audience;

import dev.ownstack.warehouse.SqlDialect;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * An audience compiled for one engine: {@code sql} is one query,
 * {@code SELECT c."customer_id" FROM <from> WHERE <predicate>}, whose {@code ?} placeholders take
 * {@code parameters} in order; run it with {@code Warehouse.query(sql, parameters, handler)}.
 * {@code from} ({@code model.customers AS c}, with LEFT JOINs for conditions under OR or NOT) and
 * {@code predicate} are its two parts, for queries that read other columns of the members in the
 * same pass: {@code "SELECT c.country, count(*) FROM " + from + " WHERE " + predicate + " GROUP BY 1"}
 * takes the same parameters.
 *
 * @param audience   the audience's name
 * @param dialect    the engine's dialect name ({@code duckdb}, {@code postgres})
 * @param sql        the members query
 * @param from       what the members query reads: {@code model.customers AS c} and its joins
 * @param predicate  the members condition
 * @param parameters the values of the placeholders, in order: those of {@code from}, then those of {@code predicate}
 * @param joinsScores whether {@code from} LEFT JOINs {@code model.customer_scores} (as {@value #SCORES_ALIAS}): the rule compares a score trait
 */
public record CompiledAudience(String audience, String dialect, String sql, String from, String predicate, List<Object> parameters,
                               boolean joinsScores) {
    /** The alias {@code model.customers} has in {@link #sql()} and that {@link #predicate()} refers to. */
    public static final String CUSTOMERS_ALIAS = "c";
    /** The alias of {@code model.customer_scores} when {@link #from()} joins it. */
    public static final String SCORES_ALIAS = "s";

    public CompiledAudience {
        Objects.requireNonNull(audience, "audience");
        Objects.requireNonNull(dialect, "dialect");
        Objects.requireNonNull(sql, "sql");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(predicate, "predicate");
        parameters = Collections.unmodifiableList(new ArrayList<>(parameters));
    }

    /**
     * The LEFT JOIN of {@code model.customer_scores} (alias {@value #SCORES_ALIAS}) on the customer id,
     * as {@link #from()} has it: one row per customer, NULL scores for a customer without a row.
     */
    public static String scoresJoin(SqlDialect dialect) {
        String id = dialect.quote("customer_id");
        return " LEFT JOIN " + dialect.table(ModelCatalog.CUSTOMER_SCORES) + " AS " + SCORES_ALIAS + " ON " + SCORES_ALIAS + "." + id + " = "
                + CUSTOMERS_ALIAS + "." + id;
    }

    /** {@link #from()} with {@code model.customer_scores} joined (once), for queries that read score traits of the members. */
    public String fromWithScores(SqlDialect dialect) {
        return joinsScores ? from : from + scoresJoin(dialect);
    }

    /** {@code SELECT count(*)} of the members, with the same parameters. */
    public String countSql() {
        return "SELECT count(*) FROM (" + sql + ") AS members";
    }
}
