-- trait-is-set: audience "trait_is_set" compiled for snowflake as of 2025-01-01T00:00:00Z
-- definition: {"rule":{"trait":"email","operator":"is-set"}}
-- parameters in order: none
SELECT c."CUSTOMER_ID" FROM "MODEL"."CUSTOMERS" AS c WHERE c."EMAIL" IS NOT NULL
