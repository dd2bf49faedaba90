-- trait-not-equals: audience "trait_not_equals" compiled for redshift as of 2025-01-01T00:00:00Z
-- definition: {"rule":{"trait":"country","operator":"not-equals","value":"GB"}}
-- parameters in order: "GB" text
SELECT c."customer_id" FROM "model"."customers" AS c WHERE (c."country" IS NULL OR NOT (c."country" = ?))
