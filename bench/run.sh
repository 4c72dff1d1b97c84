#!/usr/bin/env bash
# Measure dossier against its Python peers on this machine and print a Markdown table of
# figures and ratios (dossier ÷ spaCy NER tokens/s, dossier ÷ trafilatura pages/s).
#
#   bench/run.sh [N]     N = Reuters-21578 documents for the NER comparison (default 2000)
#
# Everything runs single-threaded (RAYON_NUM_THREADS=1 for dossier, one-thread BLAS pools
# for spaCy), so a ratio compares one core with one core. Figures are wall-clock: run on an
# otherwise idle machine. Intermediate JSON goes to $BENCH_OUT (default out/bench).
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
limit="${1:-2000}"
corpus="../shared/data/corpora/reuters-21578.jsonl"
pages="../shared/data/html/article-extraction-dev.jsonl"
out="${BENCH_OUT:-out/bench}"
bin="${CARGO_TARGET_DIR:-target}/release/dossier"
mkdir -p "$out"

fail() { echo "bench/run.sh: $*" >&2; exit 1; }

bash bench/setup.sh

echo "bench/run.sh: building dossier (release)" >&2
cargo build --release || fail "cargo build --release failed"

echo "bench/run.sh: dossier bench on $limit documents" >&2
RAYON_NUM_THREADS=1 "$bin" bench --corpus "$corpus" --limit "$limit" --json > "$out/dossier.json" \
    || fail "\`dossier bench --corpus ... --limit $limit --json\` failed (exit $?); does this build have the bench command?"

echo "bench/run.sh: dossier bench-html" >&2
RAYON_NUM_THREADS=1 "$bin" bench-html --input "$pages" --json > "$out/dossier-html.json" \
    || fail "\`dossier bench-html --input ... --json\` failed (exit $?); does this build have the bench-html command?"

echo "bench/run.sh: Python peers (spaCy NER, trafilatura)" >&2
.venv-bench/bin/python bench/peers.py --limit "$limit" --corpus "$corpus" --html "$pages" \
    --html-pred "$out/trafilatura-pred.jsonl" > "$out/peers.json"
f1="$(python3 ../shared/eval/score.py html "$pages" "$out/trafilatura-pred.jsonl" \
    | sed -n 's/^html: F1=//p')"

python3 bench/report.py --dossier "$out/dossier.json" --dossier-html "$out/dossier-html.json" \
    --peers "$out/peers.json" ${f1:+--trafilatura-f1 "$f1"}
