-- score-trait-is-not-set: audience "score_trait_is_not_set" compiled for snowflake as of 2025-01-01T00:00:00Z
-- definition: {"rule":{"trait":"ltv_value","operator":"is-not-set"}}
-- parameters in order: none
SELECT c."CUSTOMER_ID" FROM "MODEL"."CUSTOMERS" AS c LEFT JOIN "MODEL"."CUSTOMER_SCORES" AS s ON s."CUSTOMER_ID" = c."CUSTOMER_ID" WHERE s."LTV_VALUE" IS NULL
