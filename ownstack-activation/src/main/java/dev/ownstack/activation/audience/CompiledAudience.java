package dev.ownstack.activation.audience;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * An audience compiled for one engine: {@code sql} is one SELECT of {@code customer_id} from
 * {@code model.customers} (alias {@code c}) whose {@code ?} placeholders take {@code parameters}
 * in order; run it with {@code Warehouse.query(sql, parameters, handler)}. {@code predicate} is
 * its WHERE condition on its own, over the same alias and parameters, for queries that read other
 * columns of the members in the same pass ({@code SELECT c.country, count(*) FROM model.customers
 * AS c WHERE <predicate> GROUP BY 1}).
 *
 * @param audience   the audience's name
 * @param dialect    the engine's dialect name ({@code duckdb}, {@code postgres})
 * @param sql        the members query
 * @param predicate  the members condition over {@code model.customers AS c}
 * @param parameters the values of the placeholders, in order, for {@code sql} and {@code predicate} alike
 */
public record CompiledAudience(String audience, String dialect, String sql, String predicate, List<Object> parameters) {
    /** The alias {@code model.customers} has in {@link #sql()} and that {@link #predicate()} refers to. */
    public static final String CUSTOMERS_ALIAS = "c";

    public CompiledAudience {
        Objects.requireNonNull(audience, "audience");
        Objects.requireNonNull(dialect, "dialect");
        Objects.requireNonNull(sql, "sql");
        Objects.requireNonNull(predicate, "predicate");
        parameters = Collections.unmodifiableList(new ArrayList<>(parameters));
    }

    /** {@code SELECT count(*)} of the members, with the same parameters. */
    public String countSql() {
        return "SELECT count(*) FROM (" + sql + ") AS members";
    }
}
