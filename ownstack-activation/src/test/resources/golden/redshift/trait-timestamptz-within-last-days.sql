-- trait-timestamptz-within-last-days: audience "trait_timestamptz_within_last_days" compiled for redshift as of 2025-01-01T00:00:00Z
-- definition: {"rule":{"trait":"last_order_at","operator":"within-last-days","value":30}}
-- parameters in order: 2024-12-02T00:00Z timestamptz, 2025-01-01T00:00Z timestamptz
SELECT c."customer_id" FROM "model"."customers" AS c WHERE c."last_order_at" >= ? AND c."last_order_at" <= ?
