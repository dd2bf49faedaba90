-- event-where-iso-time-within-last-days: audience "event_where_iso_time_within_last_days" compiled for snowflake as of 2025-01-01T00:00:00Z
-- definition: {"rule":{"event":"Signed Up","where":[{"property":"trial_ends","operator":"within-last-days","value":14}]}}
-- parameters in order: "Signed Up" text, "2024-12-18" text, "2025-01-01" text
SELECT c."CUSTOMER_ID" FROM "MODEL"."CUSTOMERS" AS c WHERE EXISTS (SELECT 1 FROM "MODEL"."EVENTS" AS e WHERE e."CUSTOMER_ID" = c."CUSTOMER_ID" AND e."EVENT" = ? AND (CAST(STRIP_NULL_VALUE(GET(e."PROPERTIES", 'trial_ends')) AS VARCHAR) LIKE '____-__-__%' AND CAST(STRIP_NULL_VALUE(GET(e."PROPERTIES", 'trial_ends')) AS VARCHAR) >= ? AND CAST(STRIP_NULL_VALUE(GET(e."PROPERTIES", 'trial_ends')) AS VARCHAR) <= ?))
