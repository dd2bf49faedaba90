-- trait-in: audience "trait_in" compiled for snowflake as of 2025-01-01T00:00:00Z
-- definition: {"rule":{"trait":"country","operator":"in","value":["GB","IE"]}}
-- parameters in order: "GB" text, "IE" text
SELECT c."CUSTOMER_ID" FROM "MODEL"."CUSTOMERS" AS c WHERE c."COUNTRY" IN (?, ?)
