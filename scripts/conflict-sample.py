#!/usr/bin/env python3
"""Sample dateline's conflict events (QuadClass 3 and 4) from Reuters stories that have no
conflict vocabulary, for judging their precision by hand (docs/conflict-sample.md).

Business and economic stories with no word of war, violence, protest or coercion are where a
"conflict" event is most likely to be a false alarm, so the sample measures the coder's false
conflict rate where it matters most. Standard library only.

    go build -o dateline ./cmd/dateline
    python3 scripts/conflict-sample.py                          # runs ./dateline code over the corpus
    python3 scripts/conflict-sample.py --binary /tmp/dl-sample --save /tmp/coded.jsonl
    python3 scripts/conflict-sample.py --coded /tmp/coded.jsonl  # reuse a saved `dateline code` output
    python3 scripts/conflict-sample.py --coded /tmp/coded.jsonl --seed 7 -n 100 --format jsonl

Counted events only: events with negated=true or mood=hypothetical are not counted by dateline
and are excluded here too. The sample is drawn with random.Random(seed).sample from the candidate
events in corpus order, so the same coded output and seed always give the same sample.
"""

import argparse
import json
import os
import random
import re
import subprocess
import sys
from collections import Counter

# ../shared beside the project, as everywhere in dateline
DEFAULT_CORPUS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "shared", "corpus", "reuters21578.jsonl")

# Conflict vocabulary: a story whose title or text contains any of these words (whole words,
# case-insensitive, with the inflections listed) is left out of the sample. Deliberately broad:
# a story left out wrongly only shrinks the pool; a war story let in would bias the sample.
# Each entry is STEM:SUFFIXES, the suffixes separated by "|" ("" = the bare stem).
CONFLICT_WORDS = [
    # war and armed force
    "war:|s|fare|time", "military:|ies", "troop:|s", "soldier:|s", "army:|ies", "armed:",
    "navy:|ies", "naval:", "warship:|s", "combat:|s|ant|ants", "battle:|s|d|field",
    "rebel:|s|led|lion|lions", "guerrilla:|s", "guerilla:|s", "insurgent:|s", "insurgency:",
    "militia:|s", "invade:|s|d", "invading:", "invasion:|s", "occupied:", "ceasefire:|s",
    "cease-fire:|s", "truce:", "coup:|s", "offensive:|s",
    # violence
    "attack:|s|ed|ing|er|ers", "bomb:|s|ed|ing|ings|er|ers", "explosion:|s", "blast:|s",
    "missile:|s", "rocket:|s", "weapon:|s|ry", "arms:", "gun:|s|man|men|fire|boat|boats",
    "shoot:|s|ing|ings", "shot:", "shell:|s|ed|ing", "kill:|s|ed|ing|ings|er|ers",
    "dead:", "death:|s", "murder:|s|ed", "assassinate:|d", "assassination:|s", "massacre:|s|d",
    "wound:|s|ed", "injured:", "violence:", "violent:", "fight:|s|ing|er|ers", "fought:",
    "clash:|es|ed", "hostage:|s", "kidnap:|s|ped|ping", "hijack:|s|ed|ing", "terror:",
    "terrorism:", "terrorist:|s", "raid:|s|ed", "seize:|s|d", "seizure:|s", "siege:",
    "blockade:|s|d",
    # coercion, protest, repression
    "sanction:|s|ed", "embargo:|es|ed", "boycott:|s|ed|ing", "protest:|s|ed|ing|er|ers",
    "demonstrator:|s", "demonstration:|s", "riot:|s|ed|ing|ers", "unrest:",
    "strike:|s|r|rs", "striking:", "walkout:|s", "arrest:|s|ed", "detain:|s|ed",
    "detention:", "jail:|s|ed", "prison:|s|er|ers", "police:|man|men", "crackdown:",
    "expel:|s|led", "expulsion:|s", "retaliate:|s|d", "retaliation:", "retaliatory:",
    # verbal conflict
    "accuse:|s|d", "accusation:|s", "condemn:|s|ed|ation", "denounce:|s|d", "threat:|s",
    "threaten:|s|ed|ing", "ultimatum:|s", "hostility:|ies",
]
# Not in the list, on purpose: words that are everyday business prose and whose stories are the
# very ones this sample is about: dispute, conflict, crisis, tension, warn, hostile (takeover),
# struck (a deal).


def conflict_regex():
    forms = []
    for entry in CONFLICT_WORDS:
        stem, suffixes = entry.split(":", 1)
        for suf in suffixes.split("|"):
            forms.append(re.escape(stem + suf))
    forms.sort(key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(forms) + r")\b", re.IGNORECASE)


def read_corpus(path):
    texts = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                d = json.loads(line)
                texts[d["id"]] = (d.get("title") or "") + "\n" + (d.get("text") or "")
    return texts


def coded_documents(args):
    """Yield the JSON documents of `dateline code`, from a saved file or by running the binary."""
    if args.coded:
        with open(args.coded, encoding="utf-8") as f:
            for line in f:
                if line.strip():
                    yield json.loads(line)
        return
    save = open(args.save, "w", encoding="utf-8") if args.save else None
    proc = subprocess.Popen([args.binary, "code", args.corpus], stdout=subprocess.PIPE,
                            text=True, encoding="utf-8")
    for line in proc.stdout:
        if save:
            save.write(line)
        if line.strip():
            yield json.loads(line)
    if proc.wait() != 0:
        sys.exit(f"{args.binary} code exited with status {proc.returncode}")
    if save:
        save.close()


def counted(e):
    return not e.get("negated") and e.get("mood") != "hypothetical"


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--binary", default="./dateline", help="dateline binary (default ./dateline)")
    p.add_argument("--corpus", default=DEFAULT_CORPUS, help="the Reuters JSONL corpus")
    p.add_argument("--coded", help="read this saved `dateline code` output instead of running")
    p.add_argument("--save", help="when running the binary, also save its output here")
    p.add_argument("--seed", type=int, default=2027, help="random seed (default 2027)")
    p.add_argument("-n", type=int, default=50, help="sample size (default 50)")
    p.add_argument("--format", choices=["text", "jsonl"], default="text")
    args = p.parse_args()
    if not args.coded and not os.path.exists(args.binary):
        sys.exit(f"no binary at {args.binary}: build it (go build -o dateline ./cmd/dateline), "
                 "pass --binary, or pass --coded FILE")

    rx = conflict_regex()
    texts = read_corpus(args.corpus)
    stats = Counter()
    candidates = []  # (article id, event) in corpus order
    rules = Counter()
    for doc in coded_documents(args):
        stats["stories"] += 1
        text = texts.get(doc["id"])
        if text is None:
            sys.exit(f"story {doc['id']} is not in {args.corpus}")
        events = [e for e in (doc.get("events") or []) if counted(e)]
        stats["events"] += len(events)
        stats["conflict events"] += sum(1 for e in events if e["quad_class"] in (3, 4))
        if rx.search(text):
            continue
        stats["clean stories"] += 1
        stats["clean events"] += len(events)
        if events:
            stats["clean stories with events"] += 1
        for e in events:
            if e["quad_class"] in (3, 4):
                stats[f"clean quad {e['quad_class']}"] += 1
                candidates.append((doc["id"], e))
                rules[e["rule"].split(" ", 1)[0]] += 1
    stats["clean conflict events"] = len(candidates)
    sample = random.Random(args.seed).sample(candidates, min(args.n, len(candidates)))

    out = sys.stdout
    if args.format == "jsonl":
        for aid, e in sample:
            out.write(json.dumps({
                "article": aid, "event": e["id"], "cameo": e["cameo"], "quad_class": e["quad_class"],
                "source": (e.get("source") or {}).get("code"),
                "target": (e.get("target") or {}).get("code"), "trigger": e["trigger"],
                "rule": e["rule"], "mood": e["mood"], "sentence": e["sentence"]},
                ensure_ascii=False) + "\n")
        return
    s = stats
    out.write(f"stories: {s['stories']}; counted events: {s['events']}, "
              f"of which conflict (quad 3/4): {s['conflict events']}\n")
    out.write(f"stories with no conflict vocabulary: {s['clean stories']} "
              f"({s['clean stories with events']} with at least one counted event)\n")
    out.write(f"their counted events: {s['clean events']}; conflict events: "
              f"{s['clean conflict events']} (quad 3: {s['clean quad 3']}, quad 4: {s['clean quad 4']})\n")
    out.write(f"sample: {len(sample)} events, seed {args.seed}\n")
    out.write("rules behind the candidate conflict events (top 15):\n")
    for rule, n in rules.most_common(15):
        out.write(f"  {n:4d}  {rule}\n")
    out.write("\n")
    for i, (aid, e) in enumerate(sample, 1):
        src, tgt = e.get("source") or {}, e.get("target") or {}
        out.write(f"{i:2d}. {e['id']}  {e['cameo']} (quad {e['quad_class']}, {e['mood']})  "
                  f"{src.get('code') or '-'} -> {tgt.get('code') or '-'}  "
                  f"[{src.get('text', '')} -> {tgt.get('text', '')}]\n")
        out.write(f"    trigger: {e['trigger']!r}   rule: {e['rule']}\n")
        out.write(f"    {' '.join(e['sentence'].split())}\n\n")


if __name__ == "__main__":
    main()
