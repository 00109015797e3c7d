"""Development measure for kg.extract.indicators: (value, unit) against the gold indicators.

Splits each seed into lines (paragraphs) and sentences, runs find_indicators with
a YearTracker and reference_year, and compares the predicted (value, unit) pairs
of each document with its gold indicators (the subject is ignored here: the
pipeline decides it). Prints P/R/F1, the year accuracy over matches, and the
misses and false positives.

    .venv/bin/python scripts/dev_indicators.py [--seeds seeds] [--gold /work/shared/gold] [-v]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from kg.extract.indicators import YearTracker, find_indicators, reference_year  # noqa: E402
from kg.ingest import doc_date  # noqa: E402

_SENT = re.compile(r"[^。！？!?]+[。！？!?]?")


def predict(text: str):
    date = doc_date(text)
    ry = reference_year(text, date)
    tracker = YearTracker(ry)
    out = []
    seen = set()
    for line in text.split("\n"):
        tracker.paragraph()
        for m in _SENT.finditer(line):
            sent = m.group(0)
            for ind in find_indicators(sent, doc_year=ry, year_context=tracker.context):
                # the same statistic repeated (pull quotes, summaries) is one indicator
                key = (ind.value, ind.unit, ind.name)
                if key not in seen:
                    seen.add(key)
                    out.append((ind, sent))
            tracker.feed(sent)
    return out


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--seeds", default="seeds")
    ap.add_argument("--gold", default="/work/shared/gold")
    ap.add_argument("-v", "--verbose", action="store_true")
    a = ap.parse_args()
    tp = fp = fn = year_ok = 0
    for gf in sorted(Path(a.gold).glob("*.json")):
        g = json.loads(gf.read_text(encoding="utf-8"))
        text = (Path(a.seeds) / g["doc"]).read_text(encoding="utf-8")
        pred = predict(text)
        gold = list(g.get("indicators", []))
        used = [False] * len(gold)
        fps = []
        for ind, sent in pred:
            cands = [
                k
                for k, gi in enumerate(gold)
                if not used[k] and abs(float(gi["value"]) - ind.value) <= 0.01 and gi["unit"] == ind.unit
            ]
            if not cands:
                fps.append((ind, sent))
                continue
            same_year = [k for k in cands if gold[k].get("year") == ind.year]
            k = (same_year or cands)[0]
            used[k] = True
            tp += 1
            if gold[k].get("year") == ind.year:
                year_ok += 1
            elif a.verbose:
                print(
                    f"  YEAR {g['doc'][:3]} {ind.value:g}{ind.unit} pred={ind.year} gold={gold[k].get('year')} | {sent.strip()[:70]}"
                )
        fp += len(fps)
        misses = [gi for k, gi in enumerate(gold) if not used[k]]
        fn += len(misses)
        print(f"{g['doc']}: pred {len(pred)} gold {len(gold)} fp {len(fps)} fn {len(misses)}")
        for gi in misses:
            print(f"  MISS {gi['value']:g}{gi['unit']} {gi['name']} | {gi['evidence'][:70]}")
        for ind, sent in fps:
            print(f"  FP   {ind.value:g}{ind.unit} [{ind.name}] {ind.rule} | {sent.strip()[:70]}")
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    print(f"\nindicators (value, unit): P {p:.3f} R {r:.3f} F1 {f:.3f}  TP {tp} FP {fp} FN {fn}")
    print(f"year right: {year_ok}/{tp} = {year_ok / tp if tp else 0:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
