-- One row per delegation (National Olympic Committee), as named in the source files.
-- Athletes lists every delegation; medals, teams and coaches only refer to these.
select
  row_number() over (order by country) as country_id,
  country
from (select distinct country from src_athletes) as delegations
