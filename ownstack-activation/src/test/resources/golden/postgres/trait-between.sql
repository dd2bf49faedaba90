-- trait-between: audience "trait_between" compiled for postgres as of 2025-01-01T00:00:00Z
-- definition: {"rule":{"trait":"lifetime_value","operator":"between","value":[20,150.5]}}
-- parameters in order: 20 decimal, 150.5 decimal
SELECT c."customer_id" FROM "model"."customers" AS c WHERE c."lifetime_value" >= ? AND c."lifetime_value" <= ?
