-- not-of-a-group: audience "not_of_a_group" compiled for postgres as of 2025-01-01T00:00:00Z
-- definition: {"rule":{"not":{"any":[{"event":"Order Completed"},{"trait":"vip","operator":"equals","value":true}]}}}
-- parameters in order: "Order Completed" text, true boolean
SELECT c."customer_id" FROM "model"."customers" AS c WHERE NOT COALESCE((EXISTS (SELECT 1 FROM "model"."events" AS e WHERE e."customer_id" = c."customer_id" AND e."event" = ?) OR c."vip" = ?), FALSE)
