-- trait-less-or-equal: audience "trait_less_or_equal" compiled for snowflake as of 2025-01-01T00:00:00Z
-- definition: {"rule":{"trait":"orders","operator":"less-or-equal","value":1}}
-- parameters in order: 1 decimal
SELECT c."CUSTOMER_ID" FROM "MODEL"."CUSTOMERS" AS c WHERE c."ORDERS" <= ?
