-- Per month, the customers who ordered, split by the month of their first order ever: that month (new) or earlier (returning).
WITH orders AS (
    SELECT customer_id, date_trunc('month', occurred_at) AS month_start, amount
    FROM "model"."transactions"
    WHERE customer_id IS NOT NULL AND amount > 0 AND occurred_at < CAST(:end AS TIMESTAMP)
), firsts AS (
    SELECT customer_id, MIN(month_start) AS first_month FROM orders GROUP BY customer_id
), buyers AS (
    SELECT o.month_start, o.customer_id, MIN(f.first_month) AS first_month, SUM(o.amount) AS revenue
    FROM orders o JOIN firsts f ON f.customer_id = o.customer_id
    WHERE o.month_start >= CAST(:first_month AS TIMESTAMP)
    GROUP BY o.month_start, o.customer_id
), months AS (
    SELECT CAST(s.month_start AS TIMESTAMP) AS month_start
    FROM generate_series(CAST(:first_month AS TIMESTAMP), CAST(:last_month AS TIMESTAMP), INTERVAL '1 month') AS s(month_start)
)
SELECT CAST(m.month_start AS DATE) AS "month",
       CAST(COUNT(b.customer_id) AS BIGINT) AS customers,
       CAST(COUNT(CASE WHEN b.first_month = m.month_start THEN 1 END) AS BIGINT) AS new_customers,
       CAST(COUNT(CASE WHEN b.first_month < m.month_start THEN 1 END) AS BIGINT) AS returning_customers,
       CAST(COALESCE(SUM(CASE WHEN b.first_month = m.month_start THEN b.revenue END), 0) AS DECIMAL(38, 9)) AS new_revenue,
       CAST(COALESCE(SUM(CASE WHEN b.first_month < m.month_start THEN b.revenue END), 0) AS DECIMAL(38, 9)) AS returning_revenue
FROM months m
LEFT JOIN buyers b ON b.month_start = m.month_start
GROUP BY m.month_start
ORDER BY m.month_start
