-- not: audience "not" compiled for snowflake as of 2025-01-01T00:00:00Z
-- definition: {"rule":{"not":{"trait":"country","operator":"equals","value":"GB"}}}
-- parameters in order: "GB" text
SELECT c."CUSTOMER_ID" FROM "MODEL"."CUSTOMERS" AS c WHERE NOT COALESCE(c."COUNTRY" = ?, FALSE)
