-- trait-greater: audience "trait_greater" compiled for postgres as of 2025-01-01T00:00:00Z
-- definition: {"rule":{"trait":"orders","operator":"greater","value":2}}
-- parameters in order: 2 decimal
SELECT c."customer_id" FROM "model"."customers" AS c WHERE c."orders" > ?
