#!/usr/bin/env python3
"""Story gold evaluation for .ci/run: gives dateline only neutral ids, titles and texts, maps its
stories back to the gold ids, scores them with shared/tools/score_stories.py (pairwise and
B-cubed), and fails below a pairwise F1 floor.

usage: stories-eval.py DATELINE_BINARY GOLD.jsonl SCORER.py WORKDIR MIN_PAIRWISE_F1
"""
import json, os, re, subprocess, sys

dl, gold, scorer, work, floor = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], float(sys.argv[5])
os.makedirs(work, exist_ok=True)
inp, db = os.path.join(work, "in.jsonl"), os.path.join(work, "stories.db")
for f in os.listdir(work):
    if f.startswith("stories.db"):
        os.remove(os.path.join(work, f))
neutral = {}
with open(gold, encoding="utf-8") as g, open(inp, "w", encoding="utf-8") as o:
    for i, line in enumerate(l for l in g if l.strip()):
        d = json.loads(line)
        n = "d%d" % (i + 1)
        neutral[n] = d["id"]  # id, topic and cluster stay here: dateline sees title and text only
        o.write(json.dumps({"id": n, "title": d["title"], "text": d["text"]}) + "\n")
subprocess.run([dl, "ingest", "--store", db, "--no-progress", inp], check=True)
out = subprocess.run([dl, "stories", "--store", db, "--format", "jsonl"], check=True,
                     capture_output=True, text=True).stdout
mapped = os.path.join(work, "system.jsonl")
with open(mapped, "w", encoding="utf-8") as o:
    for line in out.splitlines():
        s = json.loads(line)
        o.write(json.dumps({"id": s["id"], "articles": [{"id": neutral[a["id"]]} for a in s["articles"]]}) + "\n")
res = subprocess.run([sys.executable, scorer, gold, mapped], check=True, capture_output=True, text=True).stdout
print(res, end="")
f1 = float(re.search(r"pairwise .*F1 ([0-9.]+)", res).group(1))
if f1 < floor:
    sys.exit(f"story clustering: pairwise F1 {f1:.3f} below {floor}")
