-- trait-date-before: audience "trait_date_before" compiled for snowflake as of 2025-01-01T00:00:00Z
-- definition: {"rule":{"trait":"birthday","operator":"before","value":"1990-01-01"}}
-- parameters in order: 1990-01-01 date
SELECT c."CUSTOMER_ID" FROM "MODEL"."CUSTOMERS" AS c WHERE c."BIRTHDAY" < ?
