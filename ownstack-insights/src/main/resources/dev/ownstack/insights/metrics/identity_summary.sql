-- The distribution of records per customer in one row: totals, mean, median, 90th and 99th percentile, largest.
WITH sizes AS (
    SELECT customer_id, COUNT(*) AS records FROM "identity"."records" GROUP BY customer_id
)
SELECT CAST(COUNT(*) AS BIGINT) AS customers,
       CAST(COALESCE(SUM(records), 0) AS BIGINT) AS records,
       CAST(COUNT(CASE WHEN records > 1 THEN 1 END) AS BIGINT) AS customers_with_several_records,
       CAST(CAST(SUM(records) AS DECIMAL(38, 9)) / COUNT(*) AS DECIMAL(38, 4)) AS average_records,
       CAST(percentile_disc(0.5) WITHIN GROUP (ORDER BY records) AS BIGINT) AS median_records,
       CAST(percentile_disc(0.9) WITHIN GROUP (ORDER BY records) AS BIGINT) AS p90_records,
       CAST(percentile_disc(0.99) WITHIN GROUP (ORDER BY records) AS BIGINT) AS p99_records,
       CAST(MAX(records) AS BIGINT) AS max_records
FROM sizes
