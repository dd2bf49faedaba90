-- all-empty: audience "all_empty" compiled for snowflake as of 2025-01-01T00:00:00Z
-- definition: {"rule":{"all":[]}}
-- parameters in order: none
SELECT c."CUSTOMER_ID" FROM "MODEL"."CUSTOMERS" AS c WHERE TRUE
