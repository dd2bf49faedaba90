-- trait-date-equals: audience "trait_date_equals" compiled for duckdb as of 2025-01-01T00:00:00Z
-- definition: {"rule":{"trait":"birthday","operator":"equals","value":"1990-05-01"}}
-- parameters in order: 1990-05-01 date
SELECT c."customer_id" FROM "model"."customers" AS c WHERE c."birthday" = ?
