"""A generated corpus for scale tests: ~2,500-character Arabic articles, no real text.

Sentences come from bench_extract's hand-written templates, filled with places drawn from the
built gazetteer (communities of Idlib, Aleppo and Hama), actor names from core/lexicons/actors.yaml,
relative and explicit dates (months from core/lexicons/time_words.yaml) and numbers; publication
dates spread over two years, so the events fall in many months. Deterministic for a seed.

``python bench/corpus_gen.py N OUT.jsonl`` writes N articles as JSON Lines (or a folder of .txt
files with a manifest.csv when OUT has no suffix).
"""

from __future__ import annotations

import csv
import json
import random
import sys
from collections.abc import Iterator
from datetime import date, timedelta
from functools import cache
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_extract import TEMPLATES, TIMES  # noqa: E402

ACTOR_IDS = ("syrian_government", "russia", "turkey", "hts", "nlf", "sna")
FIRST_DAY, SPAN_DAYS = date(2019, 4, 1), 730


@cache
def vocabulary() -> dict[str, list[str]]:
    import pandas as pd
    import yaml

    from core.paths import BUILD_DIR, LEXICON_DIR

    gaz = pd.read_parquet(BUILD_DIR / "gazetteer.parquet", columns=["kind", "name_ar", "admin1_pcode"])
    places = gaz[(gaz["kind"] == "community") & gaz["admin1_pcode"].isin(["SY07", "SY02", "SY05"])]["name_ar"]
    places = sorted({p for p in places if 3 <= len(p) <= 14 and " " not in p})
    actors_yaml = yaml.safe_load((LEXICON_DIR / "actors.yaml").read_text(encoding="utf-8"))
    actors = sorted({f for a in ACTOR_IDS if a in actors_yaml for f in actors_yaml[a]["forms"][:4]})
    months = yaml.safe_load((LEXICON_DIR / "time_words.yaml").read_text(encoding="utf-8"))["months"]
    return {"places": places, "actors": actors, "months": {int(k): v for k, v in months.items()}}


def article(rng: random.Random, published: date, size: int = 2500) -> str:
    v = vocabulary()
    paras, length = [], 0
    while length < size:
        a, b = rng.sample(v["actors"], 2)
        if rng.random() < 0.3:  # an explicit date a few days before publication
            day = published - timedelta(days=rng.randint(0, 6))
            when = f"في {day.day} {rng.choice(v['months'][day.month][:2])} {day.year}"
        else:
            when = rng.choice(TIMES)
        s = rng.choice(TEMPLATES).format(a=a, b=b, p=rng.choice(v["places"]), t=when, n=rng.randint(2, 40))
        paras.append(s)
        length += len(s) + 1
    return "\n".join(paras)[: size + 200]


def documents(n: int, seed: int = 11, size: int = 2500) -> Iterator[dict]:
    """``n`` articles as manifest rows with their text: doc_id, text, published, outlet, url, title."""
    rng = random.Random(seed)
    for i in range(n):
        published = FIRST_DAY + timedelta(days=rng.randrange(SPAN_DAYS))
        yield {"doc_id": f"gen{seed}_{i:07d}", "text": article(rng, published, size), "published": published.isoformat(),
               "outlet": f"outlet {i % 17}", "url": f"https://example.org/{seed}/{i}", "title": ""}


def write_jsonl(path: Path, n: int, seed: int = 11, size: int = 2500) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8") as fh:
        for doc in documents(n, seed, size):
            fh.write(json.dumps(doc, ensure_ascii=False) + "\n")
    return path


def write_folder(folder: Path, n: int, seed: int = 11, size: int = 2500) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / "manifest.csv", "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=["doc_id", "published", "outlet", "url", "title"])
        writer.writeheader()
        for doc in documents(n, seed, size):
            (folder / f"{doc['doc_id']}.txt").write_text(doc.pop("text"), encoding="utf-8")
            writer.writerow(doc)
    return folder


if __name__ == "__main__":
    n, out = int(sys.argv[1]), Path(sys.argv[2])
    (write_jsonl if out.suffix == ".jsonl" else write_folder)(out, n)
    print(f"wrote {n} generated articles to {out}")
