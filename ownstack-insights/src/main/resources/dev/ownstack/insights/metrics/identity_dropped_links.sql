-- The links the last identity run dropped because of a per-customer limit, by key and reason.
SELECT key_name,
       reason,
       CAST(COUNT(*) AS BIGINT) AS links,
       CAST(COUNT(DISTINCT source || '/' || record_id) AS BIGINT) AS records
FROM "identity"."dropped_links"
GROUP BY key_name, reason
ORDER BY COUNT(*) DESC, key_name, reason
