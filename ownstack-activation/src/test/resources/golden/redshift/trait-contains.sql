-- trait-contains: audience "trait_contains" compiled for redshift as of 2025-01-01T00:00:00Z
-- definition: {"rule":{"trait":"email","operator":"contains","value":"100%_real"}}
-- parameters in order: "%100\\%\\_real%" text
SELECT c."customer_id" FROM "model"."customers" AS c WHERE c."email" LIKE ? ESCAPE '\\'
