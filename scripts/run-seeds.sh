#!/usr/bin/env bash
# The main job on the bundled seeds: set up, build the graph, answer the sample queries, write the Gephi file.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
STORE=${KG_STORE:-store}
mkdir -p out
.venv/bin/kg build seeds --store "$STORE"
for q in queries/*.rq; do
  echo
  echo "== $q: $(head -n 1 "$q" | sed 's/^# *//')"
  .venv/bin/kg query "$q" --store "$STORE"
done
echo
if .venv/bin/kg export --store "$STORE" --format gexf -o out/zonekg.gexf; then
  echo "Gephi file: out/zonekg.gexf"
fi
.venv/bin/kg export --store "$STORE" --format trig -o out/zonekg.trig
echo "RDF (named graph per document): out/zonekg.trig"
