#!/usr/bin/env python3
"""Builds models/gazetteer/common-words.txt.gz: one-word place names that news text
writes in lower case at least half as often as capitalised mid-sentence ("mobile", "reading",
"march", "hope"), so that the places stage does not take every capitalised "Mobile"
for the city. Only words that are a one-word name in the gazetteer are kept; the
gazetteer is read as the text table that `build.py --tsv` writes.

    python3 tools/gazetteer/common_words.py out/gazetteer.tsv.gz \
        ../shared/data/corpora/reuters-21578.jsonl ../shared/data/corpora/bbc-news.jsonl

Counts only; no text of the corpora is kept.
"""

import gzip
import json
import re
import sys
import unicodedata
from collections import Counter

WORD = re.compile(r"[A-Za-z]+")
SENTENCE_END = re.compile(r"[.!?:\"“”]\s*$|^\s*$")


def fold(s):
    s = unicodedata.normalize("NFKD", s)
    return "".join(c for c in s if not unicodedata.combining(c)).lower()


def one_word_names(path):
    names = set()
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            cols = line.rstrip("\n").split("\t")
            for name in [cols[7]] + (cols[8].split("|") if cols[8] else []):
                if name.isalpha():
                    names.add(fold(name))
    return names


def main(gazetteer, corpora, out="models/gazetteer/common-words.txt.gz"):
    names = one_word_names(gazetteer)
    lower, capital = Counter(), Counter()
    for path in corpora:
        with open(path, encoding="utf-8") as f:
            for line in f:
                text = json.loads(line).get("text") or ""
                if text.isupper():
                    continue
                for m in WORD.finditer(text):
                    w = m.group()
                    key = w.lower()
                    if key not in names:
                        continue
                    if w.islower():
                        lower[key] += 1
                    elif w[0].isupper() and not w.isupper() and not SENTENCE_END.search(text[max(0, m.start() - 3):m.start()]):
                        capital[key] += 1
    common = sorted(w for w, n in lower.items() if n >= 3 and 2 * n >= capital[w])
    body = "".join(w + "\n" for w in common).encode("utf-8")
    with open(out, "wb") as raw:
        with gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0, compresslevel=9) as f:
            f.write(body)
    print(f"{len(common)} common words of {len(names)} one-word names", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:])
