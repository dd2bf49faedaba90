-- trait-time-equals-day: audience "trait_time_equals_day" compiled for redshift as of 2025-01-01T00:00:00Z
-- definition: {"rule":{"trait":"first_seen","operator":"equals","value":"2024-01-01"}}
-- parameters in order: 2024-01-01T00:00 timestamp, 2024-01-02T00:00 timestamp
SELECT c."customer_id" FROM "model"."customers" AS c WHERE c."first_seen" >= ? AND c."first_seen" < ?
