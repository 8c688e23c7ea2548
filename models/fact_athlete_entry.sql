-- One row per athlete and discipline (the grain of Athletes.csv: 11,085 rows), with the
-- dimensions' integer keys. Pages that count entries per delegation or discipline read
-- fact_delegation_discipline, which counts them once.
select
  a._line as source_line,
  a.name as athlete,
  c.country_id,
  d.discipline_id
from src_athletes as a
join dim_country as c on c.country = a.country
join dim_discipline as d on d.discipline = a.discipline
