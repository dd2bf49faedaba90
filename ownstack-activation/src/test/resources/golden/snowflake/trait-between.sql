-- trait-between: audience "trait_between" compiled for snowflake as of 2025-01-01T00:00:00Z
-- definition: {"rule":{"trait":"lifetime_value","operator":"between","value":[20,150.5]}}
-- parameters in order: 20 decimal, 150.5 decimal
SELECT c."CUSTOMER_ID" FROM "MODEL"."CUSTOMERS" AS c WHERE c."LIFETIME_VALUE" >= ? AND c."LIFETIME_VALUE" <= ?
