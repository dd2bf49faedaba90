-- score-trait-equals: audience "score_trait_equals" compiled for snowflake as of 2025-01-01T00:00:00Z
-- definition: {"rule":{"trait":"churn_decile","operator":"equals","value":10}}
-- parameters in order: 10 decimal
SELECT c."CUSTOMER_ID" FROM "MODEL"."CUSTOMERS" AS c LEFT JOIN "MODEL"."CUSTOMER_SCORES" AS s ON s."CUSTOMER_ID" = c."CUSTOMER_ID" WHERE s."CHURN_DECILE" = ?
