-- trait-less-or-equal: audience "trait_less_or_equal" compiled for duckdb as of 2025-01-01T00:00:00Z
-- definition: {"rule":{"trait":"orders","operator":"less-or-equal","value":1}}
-- parameters in order: 1 decimal
SELECT c."customer_id" FROM "model"."customers" AS c WHERE c."orders" <= ?
