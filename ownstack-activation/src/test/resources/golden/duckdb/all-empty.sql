-- all-empty: audience "all_empty" compiled for duckdb as of 2025-01-01T00:00:00Z
-- definition: {"rule":{"all":[]}}
-- parameters in order: none
SELECT c."customer_id" FROM "model"."customers" AS c WHERE TRUE
