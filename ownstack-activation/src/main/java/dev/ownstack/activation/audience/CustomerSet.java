package dev.ownstack.activation.audience;

/**
 * The customers an event or transaction condition selects, in the two forms the compiler uses.
 * Where a condition is one of the ANDed conditions at the top of a rule, {@code semiJoin} tests it
 * with EXISTS or IN, which both engines turn into a semi-join or an anti-join. Under OR or NOT,
 * PostgreSQL would run such a test as a subplan (hashed only when it fits in {@code work_mem},
 * otherwise once per customer), so there the compiler LEFT JOINs {@code ids}, one row per
 * customer id, and tests the joined id for NULL.
 *
 * @param ids      a query of distinct {@code customer_id}s; empty text when the condition holds for everyone or no one
 * @param members  whether the condition selects the customers in {@code ids} (else those not in it)
 * @param semiJoin the condition as EXISTS, NOT EXISTS or IN on {@code c.customer_id}
 */
record CustomerSet(Sql ids, boolean members, Predicate semiJoin) {
    static final CustomerSet EVERYONE = new CustomerSet(Sql.of(""), false, Predicate.TRUE);

    boolean isConstant() {
        return ids.text().isEmpty();
    }

    CustomerSet negate() {
        return new CustomerSet(ids, !members, semiJoin.negate());
    }
}
