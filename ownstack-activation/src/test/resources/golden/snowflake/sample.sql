-- sample: audience "sample" compiled for snowflake as of 2025-01-01T00:00:00Z
-- definition: {"sample-percent":25,"rule":{"trait":"country","operator":"equals","value":"GB"}}
-- parameters in order: "GB" text, "sample:sample:" text, 25 integer
SELECT c."CUSTOMER_ID" FROM "MODEL"."CUSTOMERS" AS c WHERE c."COUNTRY" = ? AND MOD(TO_NUMBER(UPPER(SUBSTR(MD5(CAST(? AS VARCHAR) || c."CUSTOMER_ID"), 1, 8)), 'XXXXXXXX'), 100) < ?
