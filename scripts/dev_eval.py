"""Score the extractor on the seed documents (development loop). Usage: python scripts/dev_eval.py [-v]"""

import sys
import time
from pathlib import Path

from kg.evaluate import format_report, load_gold, prediction_from_extractions, score
from kg.extract import extract
from kg.ingest import read_document

root = Path(__file__).resolve().parent.parent
docs = [read_document(p) for p in sorted((root / "seeds").glob("*.txt"))]
t = time.time()
exs = [extract(d) for d in docs]
dt = time.time() - t
r = score(prediction_from_extractions(exs), load_gold(root.parent / "shared" / "gold"))
print(format_report(r))
print(f"{len(docs)} docs in {dt:.2f}s")
if "-v" in sys.argv:
    print("\n--- false positives")
    print("\n".join(x for x in r.false_positives if not x.startswith("indicator")))
    print("\n--- misses")
    print("\n".join(x for x in r.misses if not x.startswith("indicator")))
