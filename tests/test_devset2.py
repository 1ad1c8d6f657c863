"""Generalization guard: the pipeline on devset2, twelve hand-written articles.

``tests/fixtures/devset2/`` holds 12 short Arabic news articles (Dec 2019 - Mar 2020, Idlib/Aleppo/Hama
front) written for this project in varied outlet styles, their ``manifest.csv`` and ``gold.json``
(annotated like ``shared/eval/seeds_gold.json``). Two articles (economy, weather) contain no conflict event.

When the set was written the pipeline scored core F1 0.782 on it (all F1 0.722; date acc. 0.79;
geocoding 0.968); the failure patterns it showed were then fixed with general rules, and it now
scores core P=0.98 R=0.92 F1=0.95, all F1=0.93, date 0.96, actor1 side 0.98, geocoding 1.0. Since
the set has been used for development, it is no longer held out: the floors sit a little under the
current figures so that a regression in triggers, actors, times or places is caught while small
trade-offs stay possible.
Figures are printed (pytest -s).
"""

import json
from pathlib import Path

import pytest

from core.geo import build

REPO = Path(__file__).resolve().parent.parent
DEVSET = REPO / "tests" / "fixtures" / "devset2"
NO_CONFLICT_DOCS = {"d10_economy_lira", "d11_weather_snow"}

pytestmark = [
    pytest.mark.skipif(not build.is_built(),
                       reason="geodata/build is missing (gazetteer.parquet, adm1.geojson): "
                              "run `python -m core geodata build` to evaluate devset2"),
]


@pytest.fixture(scope="module")
def devset2():
    from core.evaluate import evaluate, format_report
    from core.extract.pipeline import extract_folder

    gold = json.loads((DEVSET / "gold.json").read_text(encoding="utf-8"))
    df, _issues = extract_folder(DEVSET, DEVSET / "manifest.csv", progress=False)
    report = evaluate(gold, df)
    print("\n" + format_report(report))
    return gold, df, report


def test_fixture_is_consistent():
    """Every article has a manifest row and a gold document; 1,200-2,500 characters each."""
    import csv

    gold = json.loads((DEVSET / "gold.json").read_text(encoding="utf-8"))
    texts = {p.stem: p.read_text(encoding="utf-8") for p in DEVSET.glob("*.txt")}
    with open(DEVSET / "manifest.csv", encoding="utf-8") as f:
        manifest = {row["doc_id"]: row for row in csv.DictReader(f)}
    assert len(texts) == 12
    assert set(texts) == set(manifest) == {d["doc_id"] for d in gold["documents"]}
    assert all(1200 <= len(t) <= 2500 for t in texts.values()), {k: len(t) for k, t in texts.items()}
    assert {e["doc_id"] for e in gold["events"]} == set(texts) - NO_CONFLICT_DOCS
    for e in gold["events"]:
        for p in e["places"]:
            assert set(p) & {"pcode", "admin1", "feature", "name", "unresolved"}, e


def test_devset2_floors(devset2):
    _gold, _df, r = devset2
    assert r["documents"] == 12
    assert r["core"]["f1"] >= 0.90, r["core"]
    assert r["core"]["recall"] >= 0.88, r["core"]
    assert r["core"]["precision"] >= 0.92, r["core"]
    assert r["all"]["f1"] >= 0.88, r["all"]
    assert r["matched_core"]["type_accuracy"] >= 0.95, r["matched_core"]
    assert r["matched_core"]["date_accuracy"] >= 0.90, r["matched_core"]
    assert r["matched_core"]["actor1_side_accuracy"] >= 0.93, r["matched_core"]
    assert r["geocoding"]["accuracy_at_5km"] >= 0.97, r["geocoding"]


def test_no_core_events_in_no_conflict_articles(devset2):
    _gold, df, _r = devset2
    rows = df[df["doc_id"].isin(NO_CONFLICT_DOCS)]
    core = rows[rows["core"].astype(bool)]
    assert core.empty, core[["doc_id", "type", "place_ar", "evidence"]].to_string()


def test_no_invented_coordinates(devset2):
    _gold, _df, r = devset2
    assert r["geocoding"]["invented_coordinates"] == []
