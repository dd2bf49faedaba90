-- Customers with an order up to as_of, scored 1-5 on recency (days since the last order; 5 = most recent) and
-- frequency (orders; 5 = most): the score is the quintile of the customer's rank, ties sharing a score.
-- One row per cell of the 5 x 5 grid, with the usual segment name.
WITH orders AS (
    SELECT customer_id, occurred_at, amount
    FROM "model"."transactions"
    WHERE customer_id IS NOT NULL AND amount > 0 AND occurred_at < CAST(:end AS TIMESTAMP)
), per_customer AS (
    SELECT customer_id,
           CAST(CAST(:as_of AS DATE) - CAST(MAX(occurred_at) AS DATE) AS BIGINT) AS recency_days,
           COUNT(*) AS frequency,
           SUM(amount) AS revenue
    FROM orders GROUP BY customer_id
), scored AS (
    SELECT recency_days, revenue,
           CAST(FLOOR(5 * CAST(RANK() OVER (ORDER BY recency_days DESC) - 1 AS DECIMAL(38, 9)) / COUNT(*) OVER ()) AS BIGINT) + 1 AS r,
           CAST(FLOOR(5 * CAST(RANK() OVER (ORDER BY frequency) - 1 AS DECIMAL(38, 9)) / COUNT(*) OVER ()) AS BIGINT) + 1 AS f
    FROM per_customer
), cells AS (
    SELECT CAST(r.score AS BIGINT) AS r, CAST(f.score AS BIGINT) AS f
    FROM generate_series(1, 5) AS r(score) CROSS JOIN generate_series(1, 5) AS f(score)
)
SELECT c.r AS recency_score,
       c.f AS frequency_score,
       CASE
           WHEN c.r <= 2 AND c.f <= 2 THEN 'hibernating'
           WHEN c.r <= 2 AND c.f <= 4 THEN 'at risk'
           WHEN c.r <= 2 THEN 'cannot lose them'
           WHEN c.r = 3 AND c.f <= 2 THEN 'about to sleep'
           WHEN c.r = 3 AND c.f = 3 THEN 'need attention'
           WHEN c.f >= 4 AND c.r <= 4 THEN 'loyal customers'
           WHEN c.f >= 4 THEN 'champions'
           WHEN c.f = 1 AND c.r = 4 THEN 'promising'
           WHEN c.f = 1 THEN 'new customers'
           ELSE 'potential loyalists'
       END AS segment,
       CAST(COUNT(s.r) AS BIGINT) AS customers,
       CAST(COALESCE(SUM(s.revenue), 0) AS DECIMAL(38, 9)) AS revenue,
       CAST(AVG(s.recency_days) AS DECIMAL(38, 1)) AS average_recency_days
FROM cells c
LEFT JOIN scored s ON s.r = c.r AND s.f = c.f
GROUP BY c.r, c.f
ORDER BY c.r DESC, c.f DESC
