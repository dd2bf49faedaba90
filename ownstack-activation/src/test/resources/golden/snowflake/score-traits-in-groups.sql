-- score-traits-in-groups: audience "score_traits_in_groups" compiled for snowflake as of 2025-01-01T00:00:00Z
-- definition: {"rule":{"all":[{"any":[{"trait":"churn_decile","operator":"greater-or-equal","value":9},{"audience":"gb"}]},{"not":{"trait":"ltv_value","operator":"less","value":100}}]}}
-- parameters in order: 9 decimal, "GB" text, 100 decimal
SELECT c."CUSTOMER_ID" FROM "MODEL"."CUSTOMERS" AS c LEFT JOIN "MODEL"."CUSTOMER_SCORES" AS s ON s."CUSTOMER_ID" = c."CUSTOMER_ID" WHERE ((s."CHURN_DECILE" >= ? OR (c."COUNTRY" = ?)) AND NOT COALESCE(s."LTV_VALUE" < ?, FALSE))
