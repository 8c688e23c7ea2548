#!/usr/bin/env python3
"""The wide benchmark's peer (issue 17): what a user would write in pandas instead of Podium —
the same five aggregations as Benchmarks/wide/project/pages/index.md (and its totals), on the same
CSV files, each written as a CSV file. No checks, no catalog, no charts: Podium does all of those
on top, and the comparison is meant to show what that costs.

  python3 Benchmarks/wide/peer_pandas.py DATA_DIR OUT_DIR
"""
import os
import sys

import pandas as pd

data, out = sys.argv[1], sys.argv[2]
os.makedirs(out, exist_ok=True)
events = pd.read_csv(os.path.join(data, "events.csv"), na_values=["NA"], keep_default_na=False)
regions = pd.read_csv(os.path.join(data, "regions.csv"), na_values=["NA"], keep_default_na=False)

summer = events[events["Season"] == "Summer"]
pd.DataFrame({"entries": [len(events)], "athletes": [events["ID"].nunique()]}).to_csv(os.path.join(out, "totals.csv"), index=False)
summer.groupby("Year")["ID"].nunique().rename("athletes").to_csv(os.path.join(out, "athletes-per-games.csv"))
summer.groupby("Year")["NOC"].nunique().rename("nations").to_csv(os.path.join(out, "nations-per-games.csv"))

medals = events.dropna(subset=["Medal"]).drop_duplicates(["Games", "Event", "Medal", "NOC"])
medals = medals.merge(regions[["NOC", "region"]], on="NOC", how="left")
medals["region"] = medals["region"].fillna(medals["NOC"])
table = medals.groupby("region").size().rename("medals").reset_index()
table.sort_values(["medals", "region"], ascending=[False, True]).head(20).to_csv(os.path.join(out, "medal-table.csv"), index=False)

athletes = summer.groupby(["Year", "ID"])["Sex"].first().reset_index()
share = athletes.groupby("Year")["Sex"].apply(lambda sex: (sex == "F").mean()).rename("women")
share.to_csv(os.path.join(out, "women-share.csv"))

heights = events.groupby("ID")["Height"].mean().rename("height")
by_sport = events.join(heights, on="ID").groupby("Sport").agg(entries=("ID", "size"), age=("Age", "mean"), height=("height", "mean"))
by_sport.reset_index().sort_values(["entries", "Sport"], ascending=[False, True]).head(20)[["Sport", "age", "height"]] \
    .to_csv(os.path.join(out, "age-by-sport.csv"), index=False)
