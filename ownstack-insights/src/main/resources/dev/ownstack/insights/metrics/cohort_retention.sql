-- Cohort = month of a customer's first order; one row per cohort in the window and month after it (0 = the cohort month),
-- with the share of the cohort that ordered in that month.
WITH orders AS (
    SELECT DISTINCT customer_id, date_trunc('month', occurred_at) AS month_start
    FROM "model"."transactions"
    WHERE customer_id IS NOT NULL AND amount > 0 AND occurred_at < CAST(:end AS TIMESTAMP)
), firsts AS (
    SELECT customer_id, MIN(month_start) AS cohort FROM orders GROUP BY customer_id
), cohorts AS (
    SELECT cohort, COUNT(*) AS size FROM firsts WHERE cohort >= CAST(:first_month AS TIMESTAMP) GROUP BY cohort
), active AS (
    SELECT f.cohort, o.month_start, COUNT(*) AS customers
    FROM orders o JOIN firsts f ON f.customer_id = o.customer_id
    WHERE f.cohort >= CAST(:first_month AS TIMESTAMP)
    GROUP BY f.cohort, o.month_start
), months AS (
    SELECT CAST(s.month_start AS TIMESTAMP) AS month_start
    FROM generate_series(CAST(:first_month AS TIMESTAMP), CAST(:last_month AS TIMESTAMP), INTERVAL '1 month') AS s(month_start)
)
SELECT CAST(c.cohort AS DATE) AS cohort,
       CAST(c.size AS BIGINT) AS cohort_size,
       CAST((EXTRACT(YEAR FROM m.month_start) - EXTRACT(YEAR FROM c.cohort)) * 12
            + EXTRACT(MONTH FROM m.month_start) - EXTRACT(MONTH FROM c.cohort) AS BIGINT) AS months_since,
       CAST(COALESCE(a.customers, 0) AS BIGINT) AS active_customers,
       CAST(CAST(COALESCE(a.customers, 0) AS DECIMAL(38, 9)) / c.size AS DECIMAL(38, 4)) AS active_share
FROM cohorts c
JOIN months m ON m.month_start >= c.cohort
LEFT JOIN active a ON a.cohort = c.cohort AND a.month_start = m.month_start
ORDER BY c.cohort, m.month_start
