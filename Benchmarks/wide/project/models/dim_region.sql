-- One row per NOC of the events, with its region where the lookup has one.
select n.noc, coalesce(r.region, n.noc) as region
from (select distinct noc from src_events) as n
left join src_regions as r on r.noc = n.noc
