-- trait-timestamptz-more-than-days-ago: audience "trait_timestamptz_more_than_days_ago" compiled for snowflake as of 2025-01-01T00:00:00Z
-- definition: {"rule":{"trait":"last_order_at","operator":"more-than-days-ago","value":90}}
-- parameters in order: 2024-10-03T00:00Z timestamptz
SELECT c."CUSTOMER_ID" FROM "MODEL"."CUSTOMERS" AS c WHERE c."LAST_ORDER_AT" < ?
