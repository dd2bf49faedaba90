-- hostile-values: audience "hostile" compiled for snowflake as of 2025-01-01T00:00:00Z
-- definition: {"rule":{"all":[{"trait":"email","operator":"equals","value":"x'; DROP TABLE model.customers; --"},{"event":"Order Completed","where":[{"property":"it's \\ \"odd\" -- key","operator":"equals","value":"/* c */ \\'"}]}]}}
-- parameters in order: "x'; DROP TABLE model.customers; --" text, "Order Completed" text, "/* c */ \\'" text
SELECT c."CUSTOMER_ID" FROM "MODEL"."CUSTOMERS" AS c WHERE (c."EMAIL" = ? AND EXISTS (SELECT 1 FROM "MODEL"."EVENTS" AS e WHERE e."CUSTOMER_ID" = c."CUSTOMER_ID" AND e."EVENT" = ? AND (CAST(STRIP_NULL_VALUE(GET(e."PROPERTIES", 'it''s \\ "odd" -- key')) AS VARCHAR) = ?)))
