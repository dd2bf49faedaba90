package dev.ownstack.activation.audience;

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
 */
public record CompiledAudience(String audience, String dialect, String sql, String from, String predicate, List<Object> parameters) {
    /** The alias {@code model.customers} has in {@link #sql()} and that {@link #predicate()} refers to. */
    public static final String CUSTOMERS_ALIAS = "c";

    public CompiledAudience {
        Objects.requireNonNull(audience, "audience");
        Objects.requireNonNull(dialect, "dialect");
        Objects.requireNonNull(sql, "sql");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(predicate, "predicate");
        parameters = Collections.unmodifiableList(new ArrayList<>(parameters));
    }

    /** {@code SELECT count(*)} of the members, with the same parameters. */
    public String countSql() {
        return "SELECT count(*) FROM (" + sql + ") AS members";
    }
}
