-- The final medal table: one row per delegation that won at least one medal.
select
  c.country_id,
  m.rank,
  m.gold,
  m.silver,
  m.bronze,
  m.total,
  m.rank_by_total
from src_medals as m
join dim_country as c on c.country = m.country
