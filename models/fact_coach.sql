-- One row per coach and discipline; event is null where the source left it blank.
select
  s._line as source_line,
  s.name as coach,
  c.country_id,
  d.discipline_id,
  s.event
from src_coaches as s
join dim_country as c on c.country = s.country
join dim_discipline as d on d.discipline = s.discipline
