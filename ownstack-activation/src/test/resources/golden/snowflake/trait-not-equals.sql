-- trait-not-equals: audience "trait_not_equals" compiled for snowflake as of 2025-01-01T00:00:00Z
-- definition: {"rule":{"trait":"country","operator":"not-equals","value":"GB"}}
-- parameters in order: "GB" text
SELECT c."CUSTOMER_ID" FROM "MODEL"."CUSTOMERS" AS c WHERE (c."COUNTRY" IS NULL OR NOT (c."COUNTRY" = ?))
