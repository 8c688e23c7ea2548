select m.country, count(a.name) as athletes, m.medals
from medal_summary as m
left join src_athletes as a on a.country = m.country
group by m.country
