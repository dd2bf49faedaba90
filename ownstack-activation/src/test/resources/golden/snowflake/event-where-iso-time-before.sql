-- event-where-iso-time-before: audience "event_where_iso_time_before" compiled for snowflake as of 2025-01-01T00:00:00Z
-- definition: {"rule":{"event":"Signed Up","where":[{"property":"trial_ends","operator":"before","value":"2025-01-10"}]}}
-- parameters in order: "Signed Up" text, "2025-01-10" text
SELECT c."CUSTOMER_ID" FROM "MODEL"."CUSTOMERS" AS c WHERE EXISTS (SELECT 1 FROM "MODEL"."EVENTS" AS e WHERE e."CUSTOMER_ID" = c."CUSTOMER_ID" AND e."EVENT" = ? AND (CAST(STRIP_NULL_VALUE(GET(e."PROPERTIES", 'trial_ends')) AS VARCHAR) LIKE '____-__-__%' AND CAST(STRIP_NULL_VALUE(GET(e."PROPERTIES", 'trial_ends')) AS VARCHAR) < ?))
