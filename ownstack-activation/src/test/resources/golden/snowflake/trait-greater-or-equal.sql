-- trait-greater-or-equal: audience "trait_greater_or_equal" compiled for snowflake as of 2025-01-01T00:00:00Z
-- definition: {"rule":{"trait":"orders","operator":"greater-or-equal","value":2}}
-- parameters in order: 2 decimal
SELECT c."CUSTOMER_ID" FROM "MODEL"."CUSTOMERS" AS c WHERE c."ORDERS" >= ?
