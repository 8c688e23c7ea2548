select country, gold, coalesce(silver, 0) as silver, gold + coalesce(silver, 0) as medals
from src_medals
