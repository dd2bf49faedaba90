-- Customers by how many records they hold (cluster size), in buckets 1, 2, 3-4, 5-9, 10-19, 20-49, 50-99, 100+.
WITH sizes AS (
    SELECT customer_id, COUNT(*) AS records FROM "identity"."records" GROUP BY customer_id
), buckets AS (
    SELECT CAST(b.low AS BIGINT) AS low, CAST(b.high AS BIGINT) AS high
    FROM (VALUES (1, 1), (2, 2), (3, 4), (5, 9), (10, 19), (20, 49), (50, 99), (100, NULL)) AS b(low, high)
), totals AS (
    SELECT COUNT(*) AS customers FROM sizes
)
SELECT CASE WHEN b.high IS NULL THEN CAST(b.low AS VARCHAR) || '+'
            WHEN b.low = b.high THEN CAST(b.low AS VARCHAR)
            ELSE CAST(b.low AS VARCHAR) || '-' || CAST(b.high AS VARCHAR) END AS cluster_size,
       b.low AS min_records,
       b.high AS max_records,
       CAST(COUNT(s.customer_id) AS BIGINT) AS customers,
       CAST(COALESCE(SUM(s.records), 0) AS BIGINT) AS records,
       CAST(CASE WHEN MAX(t.customers) = 0 THEN 0
                 ELSE CAST(COUNT(s.customer_id) AS DECIMAL(38, 9)) / MAX(t.customers) END AS DECIMAL(38, 4)) AS customer_share
FROM buckets b
CROSS JOIN totals t
LEFT JOIN sizes s ON s.records >= b.low AND (b.high IS NULL OR s.records <= b.high)
GROUP BY b.low, b.high
ORDER BY b.low
