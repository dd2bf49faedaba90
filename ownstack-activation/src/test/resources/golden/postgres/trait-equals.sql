-- trait-equals: audience "trait_equals" compiled for postgres as of 2025-01-01T00:00:00Z
-- definition: {"rule":{"trait":"country","operator":"equals","value":"GB"}}
-- parameters in order: "GB" text
SELECT c."customer_id" FROM "model"."customers" AS c WHERE c."country" = ?
