-- trait-date-between: audience "trait_date_between" compiled for postgres as of 2025-01-01T00:00:00Z
-- definition: {"rule":{"trait":"birthday","operator":"between","value":["1980-01-01","1989-12-31"]}}
-- parameters in order: 1980-01-01 date, 1989-12-31 date
SELECT c."customer_id" FROM "model"."customers" AS c WHERE c."birthday" >= ? AND c."birthday" <= ?
