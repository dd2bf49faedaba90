-- Per month: orders (amount > 0), returns (amount < 0), buying customers, gross, returned and net revenue.
WITH months AS (
    SELECT CAST(s.month_start AS TIMESTAMP) AS month_start
    FROM generate_series(CAST(:first_month AS TIMESTAMP), CAST(:last_month AS TIMESTAMP), INTERVAL '1 month') AS s(month_start)
), rows_in_window AS (
    SELECT date_trunc('month', occurred_at) AS month_start, customer_id, amount
    FROM "model"."transactions"
    WHERE occurred_at >= CAST(:first_month AS TIMESTAMP) AND occurred_at < CAST(:end AS TIMESTAMP) AND amount <> 0
)
SELECT CAST(m.month_start AS DATE) AS "month",
       CAST(COUNT(CASE WHEN t.amount > 0 THEN 1 END) AS BIGINT) AS orders,
       CAST(COUNT(CASE WHEN t.amount < 0 THEN 1 END) AS BIGINT) AS "returns",
       CAST(COUNT(DISTINCT CASE WHEN t.amount > 0 THEN t.customer_id END) AS BIGINT) AS customers,
       CAST(COALESCE(SUM(CASE WHEN t.amount > 0 THEN t.amount END), 0) AS DECIMAL(38, 9)) AS gross_revenue,
       CAST(COALESCE(-SUM(CASE WHEN t.amount < 0 THEN t.amount END), 0) AS DECIMAL(38, 9)) AS returned_amount,
       CAST(COALESCE(SUM(t.amount), 0) AS DECIMAL(38, 9)) AS net_revenue
FROM months m
LEFT JOIN rows_in_window t ON t.month_start = m.month_start
GROUP BY m.month_start
ORDER BY m.month_start
