-- trait-time-after: audience "trait_time_after" compiled for duckdb as of 2025-01-01T00:00:00Z
-- definition: {"rule":{"trait":"first_seen","operator":"after","value":"2024-06-01T12:00:00Z"}}
-- parameters in order: 2024-06-01T12:00 timestamp
SELECT c."customer_id" FROM "model"."customers" AS c WHERE c."first_seen" > ?
