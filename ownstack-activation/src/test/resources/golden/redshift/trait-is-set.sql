-- trait-is-set: audience "trait_is_set" compiled for redshift as of 2025-01-01T00:00:00Z
-- definition: {"rule":{"trait":"email","operator":"is-set"}}
-- parameters in order: none
SELECT c."customer_id" FROM "model"."customers" AS c WHERE c."email" IS NOT NULL
