-- The benchmark audience written by hand for DuckDB: customers in GB or IE who completed an order
-- of more than 50 in the last 90 days and whose transactions of the last 365 days sum to more than
-- 200. Semi-joins on pre-filtered events and pre-aggregated transactions; parameters: the event
-- window's start and end, the transaction window's start and end.
SELECT count(*)
FROM model.customers AS c
WHERE c.country IN ('GB', 'IE')
  AND c.customer_id IN (SELECT e.customer_id
                        FROM model.events AS e
                        WHERE e.event = 'Order Completed'
                          AND e."timestamp" >= ? AND e."timestamp" <= ?
                          AND CAST(e.properties ->> '$.total' AS DOUBLE) > 50)
  AND c.customer_id IN (SELECT t.customer_id
                        FROM model.transactions AS t
                        WHERE t.occurred_at >= ? AND t.occurred_at <= ?
                        GROUP BY t.customer_id
                        HAVING sum(t.amount) > 200)
