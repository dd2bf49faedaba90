-- trait-time-equals-day: audience "trait_time_equals_day" compiled for snowflake as of 2025-01-01T00:00:00Z
-- definition: {"rule":{"trait":"first_seen","operator":"equals","value":"2024-01-01"}}
-- parameters in order: 2024-01-01T00:00 timestamp, 2024-01-02T00:00 timestamp
SELECT c."CUSTOMER_ID" FROM "MODEL"."CUSTOMERS" AS c WHERE c."FIRST_SEEN" >= ? AND c."FIRST_SEEN" < ?
