-- trait-is-not-set: audience "trait_is_not_set" compiled for snowflake as of 2025-01-01T00:00:00Z
-- definition: {"rule":{"trait":"profile","operator":"is-not-set"}}
-- parameters in order: none
SELECT c."CUSTOMER_ID" FROM "MODEL"."CUSTOMERS" AS c WHERE c."PROFILE" IS NULL
