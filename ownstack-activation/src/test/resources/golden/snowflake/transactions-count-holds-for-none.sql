-- transactions-count-holds-for-none: audience "transactions_count_holds_for_none" compiled for snowflake as of 2025-01-01T00:00:00Z
-- definition: {"rule":{"transactions":"count","operator":"less","value":2}}
-- parameters in order: 2 decimal
SELECT c."CUSTOMER_ID" FROM "MODEL"."CUSTOMERS" AS c WHERE NOT EXISTS (SELECT 1 FROM (SELECT t."CUSTOMER_ID" FROM "MODEL"."TRANSACTIONS" AS t WHERE t."CUSTOMER_ID" IS NOT NULL GROUP BY t."CUSTOMER_ID" HAVING NOT COALESCE(count(*) < ?, FALSE)) AS g WHERE g."CUSTOMER_ID" = c."CUSTOMER_ID")
