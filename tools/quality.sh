#!/usr/bin/env bash
# Scores `dossier extract` on every development set in ../shared/data with the shared scorer,
# and prints one line per set: the task's headline figure, then the full metrics file's path.
#   usage: tools/quality.sh [OUT_DIR]      (default out/quality)
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-out/quality}
data=../shared/data
score=../shared/eval/score.py
mkdir -p "$out"
bin=${DOSSIER:-target/release/dossier}
[ -x "$bin" ] || cargo build --release --quiet

run() { # task gold-file name
    local task=$1 gold=$2 name=$3
    python3 "$score" input "$gold" > "$out/$name.in.jsonl"
    local t0=$(date +%s.%N)
    "$bin" extract "$out/$name.in.jsonl" > "$out/$name.pred.jsonl" 2> "$out/$name.err"
    local t1=$(date +%s.%N)
    python3 "$score" "$task" "$gold" "$out/$name.pred.jsonl" > "$out/$name.score.txt"
    local lines_in lines_out
    lines_in=$(grep -c . "$out/$name.in.jsonl"); lines_out=$(grep -c . "$out/$name.pred.jsonl")
    printf '%-28s %-14s %-28s %5s/%-5s docs  %6.1fs\n' "$name" "$task" "$(tail -1 "$out/$name.score.txt")" \
        "$lines_out" "$lines_in" "$(echo "$t1 - $t0" | bc)"
    # A stage that panics is caught and the document goes on without that layer: say so.
    local panics
    panics=$(grep -c 'panicked at' "$out/$name.err" || true)
    [ "$panics" -eq 0 ] || echo "  $panics stage panic(s): see $out/$name.err"
}

run ner          $data/ner/conll2003-valid.jsonl       conll2003-valid
run ner          $data/ner/uner-ewt-dev.jsonl          uner-ewt-dev
run ner          $data/ner/wnut17-dev.jsonl            wnut17-dev
run claims       $data/claims/polnear-dev.jsonl        polnear-dev
run times        $data/times/timebank-aquaint.jsonl    timebank-aquaint
run places       $data/places/lgl.jsonl                lgl
run places       $data/places/geowebnews-dev.jsonl     geowebnews-dev
run events-acled $data/events/acled-world-dev.jsonl    acled-world-dev
run events-plover $data/events/plover-gold-standard.jsonl plover-gold-standard
run html         $data/html/article-extraction-dev.jsonl article-extraction-dev
