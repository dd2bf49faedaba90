-- trait-in: audience "trait_in" compiled for duckdb as of 2025-01-01T00:00:00Z
-- definition: {"rule":{"trait":"country","operator":"in","value":["GB","IE"]}}
-- parameters in order: "GB" text, "IE" text
SELECT c."customer_id" FROM "model"."customers" AS c WHERE c."country" IN (?, ?)
