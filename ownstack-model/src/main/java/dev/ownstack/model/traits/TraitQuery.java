package dev.ownstack.model.traits;

import java.util.List;

/**
 * The parts {@link TraitSql} adds to the query that builds {@code model.customers}.
 *
 * @param with      common table expressions, {@code name AS (SELECT ...)}
 * @param joins     {@code LEFT JOIN}s of those expressions to the customer
 * @param columns   one select item per trait, in the traits' order, named after the trait
 * @param firstSeen per activity table, the expression of the customer's earliest time there (NULL without rows)
 * @param lastSeen  per activity table, the expression of the customer's latest time there (NULL without rows)
 */
public record TraitQuery(List<String> with, List<String> joins, List<String> columns, List<String> firstSeen, List<String> lastSeen) {
    public TraitQuery {
        with = List.copyOf(with);
        joins = List.copyOf(joins);
        columns = List.copyOf(columns);
        firstSeen = List.copyOf(firstSeen);
        lastSeen = List.copyOf(lastSeen);
    }
}
