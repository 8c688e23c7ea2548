-- One row per discipline. Athletes and EntriesGender hold the same 46 disciplines;
-- the union guards against either file gaining one.
select
  row_number() over (order by discipline) as discipline_id,
  discipline
from (
  select discipline from src_athletes
  union
  select discipline from src_entries_gender
) as disciplines
