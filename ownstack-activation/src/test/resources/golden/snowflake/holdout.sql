-- holdout: audience "holdout" compiled for snowflake as of 2025-01-01T00:00:00Z
-- definition: {"holdout-percent":10,"rule":{"event":"Order Completed"}}
-- parameters in order: "Order Completed" text, "holdout:holdout:" text, 10 integer
SELECT c."CUSTOMER_ID" FROM "MODEL"."CUSTOMERS" AS c WHERE EXISTS (SELECT 1 FROM "MODEL"."EVENTS" AS e WHERE e."CUSTOMER_ID" = c."CUSTOMER_ID" AND e."EVENT" = ?) AND MOD(TO_NUMBER(UPPER(SUBSTR(MD5(CAST(? AS VARCHAR) || c."CUSTOMER_ID"), 1, 8)), 'XXXXXXXX'), 100) >= ?
