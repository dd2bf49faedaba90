-- score-trait-is-not-set: audience "score_trait_is_not_set" compiled for snowflake as of 2025-01-01T00:00:00Z
-- definition: {"rule":{"trait":"ltv_value","operator":"is-not-set"}}
-- parameters in order: none
SELECT c."CUSTOMER_ID" FROM "MODEL"."CUSTOMERS" AS c WHERE NOT EXISTS (SELECT 1 FROM "MODEL"."CUSTOMER_SCORES" AS sc WHERE sc."CUSTOMER_ID" = c."CUSTOMER_ID" AND (sc."LTV_VALUE" IS NOT NULL))
