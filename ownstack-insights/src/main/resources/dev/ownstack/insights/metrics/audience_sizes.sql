-- Per audience and day with computations in the window: runs, size and holdout at the day's last run, joined and left over the day.
WITH runs AS (
    SELECT audience, run_id, CAST(computed_at AS DATE) AS "day", size, holdout_size, joined_count, left_count,
           ROW_NUMBER() OVER (PARTITION BY audience, CAST(computed_at AS DATE) ORDER BY run_id DESC) AS latest
    FROM "ownstack"."audience_runs"
    WHERE computed_at >= CAST(:first_day AS TIMESTAMP) AND computed_at < CAST(:end AS TIMESTAMP)
)
SELECT "day",
       audience,
       CAST(COUNT(*) AS BIGINT) AS runs,
       CAST(MAX(CASE WHEN latest = 1 THEN size END) AS BIGINT) AS size,
       CAST(MAX(CASE WHEN latest = 1 THEN holdout_size END) AS BIGINT) AS holdout_size,
       CAST(SUM(joined_count) AS BIGINT) AS joined,
       CAST(SUM(left_count) AS BIGINT) AS "left"
FROM runs
GROUP BY "day", audience
ORDER BY "day", audience
