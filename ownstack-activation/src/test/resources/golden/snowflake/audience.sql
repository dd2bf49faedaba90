-- audience: audience "audience" compiled for snowflake as of 2025-01-01T00:00:00Z
-- definition: {"rule":{"audience":"gb"}}
-- parameters in order: "GB" text
SELECT c."CUSTOMER_ID" FROM "MODEL"."CUSTOMERS" AS c WHERE (c."COUNTRY" = ?)
