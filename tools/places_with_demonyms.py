#!/usr/bin/env python3
"""What the places figure would be if demonyms counted as places.

Issue 5 keeps demonyms ("Ukrainian", "Americans") out of the places layer, but LGL and
GeoWebNews count many of them as toponyms. This script takes a `dossier extract` output,
adds, for every NORP entity the entity stage tagged that no written place overlaps and
that is a demonym in its country table, that country's point as the stage writes it, and
scores the result with the shared scorer. It measures a choice; it changes nothing the engine writes.

    usage: tools/places_with_demonyms.py GOLD.jsonl PRED.jsonl
"""
import importlib.util
import json
import sys
from pathlib import Path

repo = Path(__file__).resolve().parent.parent
spec = importlib.util.spec_from_file_location("score", repo.parent / "shared/eval/score.py")
score = importlib.util.module_from_spec(spec)
spec.loader.exec_module(score)


def country_table():
    """Demonym -> ISO2 and ISO2 -> names, from the entity stage's table."""
    src = (repo / "crates/dossier-entities/src/geo.rs").read_text()
    table = src.split('const COUNTRIES: &str = "\\')[1].split('";')[0]
    demonyms, names = {}, {}
    for line in table.strip().splitlines():
        parts = line.split("|")
        if len(parts) != 3:
            continue
        code = parts[2].strip()
        names[code] = [n.strip() for n in parts[0].split(",")]
        for d in parts[1].split(","):
            demonyms[d.strip().lower()] = code
    return demonyms, names


def main(gold_path, pred_path):
    demonyms, names = country_table()
    gold = {g["id"]: g for g in map(json.loads, open(gold_path))}
    pred = {p["id"]: p for p in map(json.loads, open(pred_path))}
    points = {}
    for doc in pred.values():
        for place in doc.get("places", []):
            code = place.get("country")
            if place.get("name") in names.get(code, ()):
                points[code] = (place["lat"], place["lon"])
    added = 0
    for doc_id, doc in pred.items():
        written = [(p["start"], p["end"]) for p in doc.get("places", [])]
        text = gold[doc_id]["text"]
        for t in doc.get("entities", []):
            if t["label"] != "NORP":
                continue
            if any(a < t["end"] and t["start"] < b for a, b in written):
                continue
            code = demonyms.get(text[t["start"] : t["end"]].lower())
            if code in points:
                lat, lon = points[code]
                doc["places"].append(dict(start=t["start"], end=t["end"], lat=lat, lon=lon))
                added += 1
    result, _ = score.score_places(gold, pred)
    print(json.dumps(dict(demonyms_added=added, **result), indent=1))


if __name__ == "__main__":
    main(*sys.argv[1:3])
