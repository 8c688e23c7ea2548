select country, nope from src_medals
