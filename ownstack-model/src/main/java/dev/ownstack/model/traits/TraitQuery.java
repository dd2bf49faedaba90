package dev.ownstack.model.traits;

import java.util.List;

/**
 * The parts {@link TraitSql} adds to the query that builds {@code model.customers}.
 *
 * @param with    common table expressions, {@code name AS (SELECT ...)}
 * @param joins   {@code LEFT JOIN}s of those expressions to the customer
 * @param columns one select item per trait, in the traits' order, named after the trait
 */
public record TraitQuery(List<String> with, List<String> joins, List<String> columns) {
    public TraitQuery {
        with = List.copyOf(with);
        joins = List.copyOf(joins);
        columns = List.copyOf(columns);
    }
}
