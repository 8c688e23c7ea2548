-- One row per delegation (National Olympic Committee), as named in the source files.
-- Athletes lists every delegation; medals, teams and coaches only refer to these.
-- country_id is an integer surrogate key: the fact tables keep it instead of the name, so they
-- are smaller, and their joins and GROUP BYs compare integers instead of text. Numbered in the
-- names' order, so the keys stay the same from one build to the next while the names do.
select
  row_number() over (order by country) as country_id,
  country
from (select distinct country from src_athletes) as delegations
