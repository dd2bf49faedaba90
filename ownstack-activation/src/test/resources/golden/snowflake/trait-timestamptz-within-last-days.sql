-- trait-timestamptz-within-last-days: audience "trait_timestamptz_within_last_days" compiled for snowflake as of 2025-01-01T00:00:00Z
-- definition: {"rule":{"trait":"last_order_at","operator":"within-last-days","value":30}}
-- parameters in order: 2024-12-02T00:00Z timestamptz, 2025-01-01T00:00Z timestamptz
SELECT c."CUSTOMER_ID" FROM "MODEL"."CUSTOMERS" AS c WHERE c."LAST_ORDER_AT" >= ? AND c."LAST_ORDER_AT" <= ?
