-- score-traits-in-groups: audience "score_traits_in_groups" compiled for duckdb as of 2025-01-01T00:00:00Z
-- definition: {"rule":{"all":[{"any":[{"trait":"churn_decile","operator":"greater-or-equal","value":9},{"audience":"gb"}]},{"not":{"trait":"ltv_value","operator":"less","value":100}}]}}
-- parameters in order: 9 decimal, "GB" text, 100 decimal
SELECT c."customer_id" FROM "model"."customers" AS c LEFT JOIN "model"."customer_scores" AS s ON s."customer_id" = c."customer_id" WHERE ((s."churn_decile" >= ? OR (c."country" = ?)) AND NOT COALESCE(s."ltv_value" < ?, FALSE))
