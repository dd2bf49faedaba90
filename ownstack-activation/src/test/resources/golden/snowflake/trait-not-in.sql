-- trait-not-in: audience "trait_not_in" compiled for snowflake as of 2025-01-01T00:00:00Z
-- definition: {"rule":{"trait":"country","operator":"not-in","value":["GB","IE"]}}
-- parameters in order: "GB" text, "IE" text
SELECT c."CUSTOMER_ID" FROM "MODEL"."CUSTOMERS" AS c WHERE (c."COUNTRY" IS NULL OR NOT (c."COUNTRY" IN (?, ?)))
