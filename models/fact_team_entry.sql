-- One row per team entered in a team event. Joined on the NOC column, never on the team's label.
select
  t.team_name,
  c.country_id,
  d.discipline_id,
  t.event
from src_teams as t
join dim_country as c on c.country = t.country
join dim_discipline as d on d.discipline = t.discipline
