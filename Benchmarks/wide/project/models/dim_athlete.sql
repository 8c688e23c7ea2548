-- One row per athlete.
select athlete_id, min(name) as name, min(sex) as sex, avg(height) as height, avg(weight) as weight
from src_events
group by athlete_id
