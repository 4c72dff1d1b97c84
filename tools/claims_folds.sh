#!/usr/bin/env bash
# Scores the claims stage on PolNeAR training documents with models that never saw them,
# for error analysis without touching dev: document i is held out by fold i mod 5.
#   1. once, write the fold models while training:
#        DOSSIER_FOLD_MODELS=DIR cargo run --release -p dossier-attribution --example \
#          train_claims -- ../shared/data/claims/polnear-train.jsonl \
#          ../shared/data/ner/conll2003-train.conll DIR/full.bin.gz
#   2. after each change to the stage's rules:  tools/claims_folds.sh DIR
# Prints the scorer's figures; DIR/heldout.pred.jsonl is the held-out output.
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${1:?usage: tools/claims_folds.sh FOLD_MODEL_DIR}
gold=../shared/data/claims/polnear-train.jsonl
score=../shared/eval/score.py
cargo build --release --quiet -p dossier-attribution --example eval_claims
bin=${CARGO_TARGET_DIR:-target}/release/examples/eval_claims
python3 "$score" input "$gold" > "$dir/train.in.jsonl"
: > "$dir/heldout.pred.jsonl"
for k in 0 1 2 3 4; do
    awk -v k="$k" '(NR - 1) % 5 == k' "$dir/train.in.jsonl" |
        CLAIMS_MODEL="$dir/fold$k.bin.gz" "$bin" >> "$dir/heldout.pred.jsonl" 2> /dev/null
done
python3 "$score" claims "$gold" "$dir/heldout.pred.jsonl" > "$dir/heldout.score.txt"
grep -A3 '"attribution' "$dir/heldout.score.txt" | tr -d '\n '; echo
grep -A3 '"content@J>=0.5' "$dir/heldout.score.txt" | tr -d '\n '; echo
tail -1 "$dir/heldout.score.txt"
