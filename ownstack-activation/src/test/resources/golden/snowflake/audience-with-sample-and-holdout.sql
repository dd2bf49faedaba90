-- audience-with-sample-and-holdout: audience "audience_with_sample_and_holdout" compiled for snowflake as of 2025-01-01T00:00:00Z
-- definition: {"rule":{"audience":"vip_sample"}}
-- parameters in order: true boolean, "sample:vip_sample:" text, 50 integer, "holdout:vip_sample:" text, 10 integer
SELECT c."CUSTOMER_ID" FROM "MODEL"."CUSTOMERS" AS c WHERE (c."VIP" = ? AND MOD(TO_NUMBER(UPPER(SUBSTR(MD5(CAST(? AS VARCHAR) || c."CUSTOMER_ID"), 1, 8)), 'XXXXXXXX'), 100) < ? AND MOD(TO_NUMBER(UPPER(SUBSTR(MD5(CAST(? AS VARCHAR) || c."CUSTOMER_ID"), 1, 8)), 'XXXXXXXX'), 100) >= ?)
