#!/usr/bin/env python3
"""A seeded, real-shaped data set for the wide benchmark (issue 17): athlete × Games × event rows
with 15 columns, the shape of the public "120 years of Olympic history" data set.

  python3 Benchmarks/wide/generate.py ROWS OUT_DIR      # writes OUT_DIR/events.csv, OUT_DIR/regions.csv

- events.csv: ID, Name, Sex, Age, Height, Weight, Team, NOC, Games, Year, Season, City, Sport,
  Event, Medal. Text dimensions repeat (Team, NOC, Games, City, Sport, Event); missing values are
  written `NA` (Age, Height, Weight often; Medal on most rows). An athlete appears in several
  Games and events; team events give several rows the same (Games, Event, Medal, NOC), so medal
  tables must be de-duplicated.
- regions.csv: NOC, region, notes — a small lookup that lacks a few NOCs the events use (as the
  real one lacks SGP), with NA in notes.
The same ROWS give byte-identical files (random.Random(2016)).
"""
import csv
import os
import random
import sys

rows = int(sys.argv[1]) if len(sys.argv) > 1 else 250_000
out = sys.argv[2] if len(sys.argv) > 2 else "/tmp/podium-wide/data"
os.makedirs(out, exist_ok=True)
rng = random.Random(2016)

nocs = [f"N{index:02d}" for index in range(1, 200)]
missing_nocs = {"N07", "N42", "N99"}  # in events, not in regions
regions = {noc: f"Region {noc[1:]}" for noc in nocs}
years = list(range(1896, 2017, 4))
seasons = ["Summer", "Winter"]
cities = [f"City {index}" for index in range(1, 43)]
sports = [f"Sport {index}" for index in range(1, 67)]
events_of = {sport: [f"{sport} Event {index}" for index in range(1, rng.randint(2, 12))] for sport in sports}
team_sports = set(rng.sample(sports, 12))
medals = ["Gold", "Silver", "Bronze"]
surnames = ["Smith", "Lee", "Garcia", "Müller", "Rossi", "Kim", "O'Neil", "Nguyen, Jr."]

games = []
for year in years:
    for season in seasons:
        if season == "Winter" and year < 1924:
            continue
        games.append((f"{year} {season}", year, season, rng.choice(cities)))

with open(os.path.join(out, "regions.csv"), "w", newline="") as handle:
    writer = csv.writer(handle)
    writer.writerow(["NOC", "region", "notes"])
    for noc in nocs:
        if noc in missing_nocs:
            continue
        writer.writerow([noc, regions[noc], rng.choice(["NA", "NA", "NA", f"note {noc}"])])

athlete = 0
written = 0
with open(os.path.join(out, "events.csv"), "w", newline="") as handle:
    writer = csv.writer(handle)
    writer.writerow(["ID", "Name", "Sex", "Age", "Height", "Weight", "Team", "NOC", "Games", "Year",
                     "Season", "City", "Sport", "Event", "Medal"])
    while written < rows:
        athlete += 1
        sex = "F" if rng.random() < 0.3 else "M"
        noc = rng.choice(nocs)
        team = regions[noc] if rng.random() < 0.9 else f"{regions[noc]}-{rng.randint(1, 3)}"
        sport = rng.choice(sports)
        name = f"Athlete {athlete} {rng.choice(surnames)}"
        height = "NA" if rng.random() < 0.22 else str(rng.randint(150, 210))
        weight = "NA" if rng.random() < 0.23 else str(rng.randint(45, 130))
        born = rng.randint(1870, 2000)
        first = rng.randrange(len(games))
        for game in games[first:first + rng.randint(1, 4)]:
            age = game[1] - born
            if age < 12 or age > 60:
                continue
            for event in rng.sample(events_of[sport], min(len(events_of[sport]), rng.randint(1, 3))):
                roll = rng.random()
                medal = medals[int(roll * 30)] if roll < 0.1 else "NA"
                copies = rng.randint(2, 6) if sport in team_sports and medal != "NA" else 1
                for _ in range(copies):  # a team's medal: one row per member, the same (Games, Event, Medal, NOC)
                    writer.writerow([athlete, name, sex, age if rng.random() > 0.03 else "NA", height, weight, team, noc,
                                     game[0], game[1], game[2], game[3], sport, event, medal])
                    written += 1
                    if copies > 1:
                        athlete += 1
print(f"wrote {written} event rows ({athlete} athletes) and {len(nocs) - len(missing_nocs)} regions into {out}")
