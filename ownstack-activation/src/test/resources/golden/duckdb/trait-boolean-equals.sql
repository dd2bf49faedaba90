-- trait-boolean-equals: audience "trait_boolean_equals" compiled for duckdb as of 2025-01-01T00:00:00Z
-- definition: {"rule":{"trait":"vip","operator":"equals","value":true}}
-- parameters in order: true boolean
SELECT c."customer_id" FROM "model"."customers" AS c WHERE c."vip" = ?
