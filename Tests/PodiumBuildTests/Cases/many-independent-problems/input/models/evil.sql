delete from src_medals
