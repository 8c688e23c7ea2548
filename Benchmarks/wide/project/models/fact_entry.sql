-- One row per athlete, Games and event: the facts at their grain, with integer keys.
select e.athlete_id, g.games_id, v.event_id, e.noc, e.age, e.medal
from src_events as e
join dim_games as g on g.games = e.games
join dim_event as v on v.sport = e.sport and v.event = e.event
