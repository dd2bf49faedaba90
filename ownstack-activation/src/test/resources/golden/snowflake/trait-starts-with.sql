-- trait-starts-with: audience "trait_starts_with" compiled for snowflake as of 2025-01-01T00:00:00Z
-- definition: {"rule":{"trait":"email","operator":"starts-with","value":"ann"}}
-- parameters in order: "ann%" text
SELECT c."CUSTOMER_ID" FROM "MODEL"."CUSTOMERS" AS c WHERE c."EMAIL" LIKE ? ESCAPE '\\'
