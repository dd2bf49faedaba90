-- trait-date-within-last-days: audience "trait_date_within_last_days" compiled for redshift as of 2025-01-01T00:00:00Z
-- definition: {"rule":{"trait":"birthday","operator":"within-last-days","value":7}}
-- parameters in order: 2024-12-25 date, 2025-01-01 date
SELECT c."customer_id" FROM "model"."customers" AS c WHERE c."birthday" >= ? AND c."birthday" <= ?
