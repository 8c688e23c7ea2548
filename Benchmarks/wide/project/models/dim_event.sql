-- One row per event, with its sport.
select row_number() over (order by sport, event) as event_id, sport, event
from (select distinct sport, event from src_events) as e
