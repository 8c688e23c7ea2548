-- One row per delegation and discipline it entered, with its athlete entries: the facts at the
-- grain the pages read. Every figure about a delegation's size or breadth (the charts of the
-- largest delegations, disciplines per delegation, a delegation page) is a sum or a count over
-- these rows — one per delegation and discipline: 2,112, however many athletes there are —
-- instead of a count over every athlete entry (11,085 rows; 1.1 M in the benchmark's ×100 copy)
-- made again by each query and by each of the 206 delegation pages. The entries are counted
-- once, here; fact_athlete_entry keeps the entries themselves, for the checks and for
-- questions about athletes. A delegation page reads its rows by country_id, which Podium
-- indexes because the page template compares it with a parameter (README, "Performance").
select
  country_id,
  discipline_id,
  count(*) as athletes
from fact_athlete_entry
group by country_id, discipline_id
