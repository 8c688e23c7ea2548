-- Entries by gender per discipline, as published (not reconciled with Athletes: see SOURCE.md).
select
  d.discipline_id,
  g.female,
  g.male,
  g.total
from src_entries_gender as g
join dim_discipline as d on d.discipline = g.discipline
