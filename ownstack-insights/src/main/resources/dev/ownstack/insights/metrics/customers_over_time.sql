-- New customers per month by first_seen, and the running total of customers at the end of each month.
WITH months AS (
    SELECT CAST(s.month_start AS TIMESTAMP) AS month_start
    FROM generate_series(CAST(:first_month AS TIMESTAMP), CAST(:last_month AS TIMESTAMP), INTERVAL '1 month') AS s(month_start)
), per_month AS (
    SELECT date_trunc('month', first_seen) AS month_start, COUNT(*) AS customers
    FROM "model"."customers"
    WHERE first_seen >= CAST(:first_month AS TIMESTAMP) AND first_seen < CAST(:end AS TIMESTAMP)
    GROUP BY date_trunc('month', first_seen)
), before_window AS (
    SELECT COUNT(*) AS customers FROM "model"."customers" WHERE first_seen < CAST(:first_month AS TIMESTAMP)
)
SELECT CAST(m.month_start AS DATE) AS "month",
       CAST(COALESCE(p.customers, 0) AS BIGINT) AS new_customers,
       CAST(b.customers + SUM(COALESCE(p.customers, 0)) OVER (ORDER BY m.month_start) AS BIGINT) AS total_customers
FROM months m
CROSS JOIN before_window b
LEFT JOIN per_month p ON p.month_start = m.month_start
ORDER BY m.month_start
