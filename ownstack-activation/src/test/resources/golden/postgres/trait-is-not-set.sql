-- trait-is-not-set: audience "trait_is_not_set" compiled for postgres as of 2025-01-01T00:00:00Z
-- definition: {"rule":{"trait":"profile","operator":"is-not-set"}}
-- parameters in order: none
SELECT c."customer_id" FROM "model"."customers" AS c WHERE c."profile" IS NULL
