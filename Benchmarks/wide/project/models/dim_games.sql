-- One row per Games (year and season), with an integer key.
select row_number() over (order by year, season) as games_id, games, year, season, min(city) as city
from src_events
group by games, year, season
