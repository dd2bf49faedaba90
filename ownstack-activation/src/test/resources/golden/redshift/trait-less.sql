-- trait-less: audience "trait_less" compiled for redshift as of 2025-01-01T00:00:00Z
-- definition: {"rule":{"trait":"score","operator":"less","value":0.5}}
-- parameters in order: 0.5 decimal
SELECT c."customer_id" FROM "model"."customers" AS c WHERE c."score" < ?
