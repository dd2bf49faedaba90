-- Per sync and day (of the run's start) in the window: runs by outcome, and records sent and rejected. Dry runs are left out.
SELECT CAST(started_at AS DATE) AS "day",
       sync,
       CAST(COUNT(*) AS BIGINT) AS runs,
       CAST(COUNT(CASE WHEN status = 'SUCCEEDED' THEN 1 END) AS BIGINT) AS succeeded,
       CAST(COUNT(CASE WHEN status = 'PARTIAL' THEN 1 END) AS BIGINT) AS partial,
       CAST(COUNT(CASE WHEN status = 'FAILED' THEN 1 END) AS BIGINT) AS failed,
       CAST(COUNT(CASE WHEN status = 'AWAITING_APPROVAL' THEN 1 END) AS BIGINT) AS awaiting_approval,
       CAST(COALESCE(SUM(COALESCE(added, 0) + COALESCE(changed, 0) + COALESCE(removed, 0)), 0) AS BIGINT) AS records_sent,
       CAST(COALESCE(SUM(failed), 0) AS BIGINT) AS records_rejected
FROM "ownstack"."sync_runs"
WHERE NOT COALESCE(dry_run, FALSE)
  AND started_at >= CAST(:first_day AS TIMESTAMP) AND started_at < CAST(:end AS TIMESTAMP)
GROUP BY CAST(started_at AS DATE), sync
ORDER BY "day", sync
