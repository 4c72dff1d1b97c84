"""Render dossier's bench figures beside the Python peers' as a Markdown table with ratios.

Inputs are the JSON objects printed by `dossier bench --json`, `dossier bench-html --json`
and `bench/peers.py`; a ratio above 1 means dossier is faster.
"""

import argparse
import json
import sys


def load(path, what, keys):
    try:
        with open(path, encoding="utf-8") as f:
            obj = json.load(f)
    except (OSError, ValueError) as e:
        sys.exit(f"report: cannot read {what} output {path}: {e}")
    missing = [k for k in keys if k not in obj]
    if missing:
        sys.exit(f"report: {what} output {path} lacks {', '.join(missing)}")
    return obj


def num(x, digits=0):
    return f"{x:,.{digits}f}"


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--dossier", required=True, help="output of `dossier bench --json`")
    p.add_argument("--dossier-html", required=True, help="output of `dossier bench-html --json`")
    p.add_argument("--peers", required=True, help="output of bench/peers.py")
    p.add_argument("--trafilatura-f1", type=float, help="scorer's html F1 of trafilatura")
    args = p.parse_args()

    dossier = load(args.dossier, "dossier bench", ["pipeline", "stages", "ner_tokens_per_sec"])
    html = load(args.dossier_html, "dossier bench-html", ["pages", "seconds", "pages_per_sec"])
    peers = load(args.peers, "peers.py", ["spacy_ner", "trafilatura"])
    spacy, traf = peers["spacy_ner"], peers["trafilatura"]
    pipe = dossier["pipeline"]

    # Per CPU second on both sides where both report it (see bench/peers.py).
    by_cpu = "ner_tokens_per_cpu_sec" in dossier and "tokens_per_cpu_sec" in spacy
    ner_key, spacy_key = ("ner_tokens_per_cpu_sec", "tokens_per_cpu_sec") if by_cpu else ("ner_tokens_per_sec", "tokens_per_sec")
    ner_ratio = dossier[ner_key] / spacy[spacy_key]
    html_ratio = html["pages_per_sec"] / traf["pages_per_sec"]
    spacy_name = f"spaCy {spacy['spacy_version']} {spacy['model']} ({'+'.join(spacy['components'])})"
    traf_f1 = "" if args.trafilatura_f1 is None else f", html F1 {args.trafilatura_f1:.2f}"

    rows = [
        "| measure | dossier | peer | peer figure | dossier ÷ peer |",
        "|---|---:|---|---:|---:|",
        f"| NER tokens per {'CPU ' if by_cpu else ''}second, text to entities | {num(dossier[ner_key])} "
        f"| {spacy_name} | {num(spacy[spacy_key])} | **{ner_ratio:.2f}×** |",
    ]
    if "ner_in_pipeline_tokens_per_sec" in dossier:
        inside = dossier["ner_in_pipeline_tokens_per_sec"]
        rows.append(f"| NER tokens/s inside the whole pipeline | {num(inside)} | | "
                    f"| {inside / spacy['tokens_per_sec']:.2f}× |")
    rows += [
        f"| HTML main text pages/s | {num(html['pages_per_sec'], 1)} "
        f"| trafilatura {traf['trafilatura_version']} (Python, defaults{traf_f1}) "
        f"| {num(traf['pages_per_sec'], 1)} | **{html_ratio:.2f}×** |",
    ]
    print("\n".join(rows))
    print()
    print(f"dossier pipeline: {num(pipe['docs'])} docs, {num(pipe['words'])} words in "
          f"{pipe['seconds']:.2f} s = {num(pipe['words_per_sec'])} words/s")
    print()
    print("| dossier stage | seconds | words/s |")
    print("|---|---:|---:|")
    for stage in dossier["stages"]:
        print(f"| {stage['name']} | {stage['seconds']:.3f} | {num(stage['words_per_sec'])} |")
    print()
    print(f"spaCy: {num(spacy['docs'])} docs, {num(spacy['tokens'])} tokens in "
          f"{spacy['seconds']:.2f} s wall / {spacy['cpu_seconds']:.2f} s CPU, "
          f"peak RSS {spacy['peak_rss_mib']:.0f} MiB. "
          f"trafilatura: {traf['pages']} pages in {traf['seconds']:.2f} s wall / "
          f"{traf['cpu_seconds']:.2f} s CPU, peak RSS {traf['peak_rss_mib']:.0f} MiB. "
          f"dossier HTML: {html['pages']} pages in {html['seconds']:.2f} s. "
          "All single-threaded on one machine. The NER ratio is per CPU second (fastest of three passes "
          "on each side); the other rates are wall-clock, so a busy machine lowers them.")


if __name__ == "__main__":
    main()
