-- hostile-values: audience "hostile" compiled for postgres as of 2025-01-01T00:00:00Z
-- definition: {"rule":{"all":[{"trait":"email","operator":"equals","value":"x'; DROP TABLE model.customers; --"},{"event":"Order Completed","where":[{"property":"it's \\ \"odd\" -- key","operator":"equals","value":"/* c */ \\'"}]}]}}
-- parameters in order: "x'; DROP TABLE model.customers; --" text, "Order Completed" text, "/* c */ \\'" text
SELECT c."customer_id" FROM "model"."customers" AS c WHERE (c."email" = ? AND EXISTS (SELECT 1 FROM "model"."events" AS e WHERE e."customer_id" = c."customer_id" AND e."event" = ? AND ((CAST(e."properties" AS JSONB) #>> ARRAY['it''s \ "odd" -- key']::TEXT[]) = ?)))
