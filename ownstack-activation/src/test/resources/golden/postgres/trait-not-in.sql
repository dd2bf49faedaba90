-- trait-not-in: audience "trait_not_in" compiled for postgres as of 2025-01-01T00:00:00Z
-- definition: {"rule":{"trait":"country","operator":"not-in","value":["GB","IE"]}}
-- parameters in order: "GB" text, "IE" text
SELECT c."customer_id" FROM "model"."customers" AS c WHERE (c."country" IS NULL OR NOT (c."country" IN (?, ?)))
