"""The evaluation on small hand-made gold/prediction fixtures."""

import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from core.distance import haversine_km
from core.evaluate import evaluate, format_report, types_compatible
from core.table import schema
from core.table.store import write_table

REPO = Path(__file__).resolve().parent.parent
SARAQIB = (35.861105, 36.80611)
NAYRAB = (35.869156, 36.718303)
KAFRNABL = (35.614655, 36.560266)


def _gold(events, doc_ids=("d1",)):
    return {"documents": [{"doc_id": d, "published": "2020-02-12"} for d in doc_ids], "events": events}


def _g(type_, date, places, actor1="turkey", core=True, tol=1, doc="d1"):
    return {"doc_id": doc, "type": type_, "date": date, "date_tolerance_days": tol, "places": places,
            "actor1": actor1, "actor2": None, "fatalities": None, "core": core, "evidence": ""}


def _row(type_, date, lat=None, lon=None, actor1="turkey", char_start=0, doc="d1", layer=None, status=None,
         admin1=None, surface=None):
    from core import vocab
    layer = layer or vocab.layer_of(type_)
    return {"event_id": f"{doc}-{type_}-{char_start}-{lat}", "doc_id": doc, "type": type_, "layer": layer,
            "date": date, "date_start": date, "date_end": date, "time_precision": "day", "actor1": actor1,
            "actor1_side": vocab.side_of(actor1), "lat": lat, "lon": lon,
            "geo_status": status or ("resolved" if lat is not None else "none"), "evidence": "x",
            "char_start": char_start, "char_end": char_start + 10, "confidence": 0.8, "rule": "t", "group_id": "g",
            "core": layer in vocab.MAP_LAYERS, "admin1_pcode": admin1, "place_surface": surface}


def _frame(rows):
    return schema.validate(pd.DataFrame(rows))


def _pt(lat, lon, pcode="C1"):
    return {"pcode": pcode, "lat": lat, "lon": lon, "precision": 1}


def test_type_families():
    assert types_compatible("airstrike", "shelling") and types_compatible("drone_strike", "aircraft_downed")
    assert types_compatible("armed_clash", "territory_taken") and types_compatible("withdrawal", "armed_clash")
    assert not types_compatible("airstrike", "armed_clash")
    assert not types_compatible("diplomacy", "statement") and types_compatible("diplomacy", "diplomacy")


def test_haversine():
    assert haversine_km(*SARAQIB, *NAYRAB) == pytest.approx(8.1, abs=0.5)


def test_perfect_match_and_accuracies():
    gold = _gold([_g("shelling", "2020-02-11", [_pt(*SARAQIB)])])
    r = evaluate(gold, _frame([_row("shelling", "2020-02-11", *SARAQIB)]))
    assert r["core"]["f1"] == 1.0 and r["all"]["f1"] == 1.0
    assert r["matched_core"]["type_accuracy"] == 1.0 and r["matched_core"]["date_accuracy"] == 1.0
    assert r["matched_core"]["actor1_accuracy"] == 1.0
    assert r["geocoding"]["accuracy_at_5km"] == 1.0


def test_layer_compatible_type_matches_but_counts_as_type_error():
    gold = _gold([_g("airstrike", "2020-02-11", [_pt(*SARAQIB)], actor1="russia")])
    r = evaluate(gold, _frame([_row("shelling", "2020-02-11", *SARAQIB, actor1="syrian_government")]))
    assert r["core"]["matched"] == 1
    assert r["matched_core"]["type_accuracy"] == 0.0
    assert r["matched_core"]["actor1_accuracy"] == 0.0 and r["matched_core"]["actor1_side_accuracy"] == 1.0


def test_date_tolerance_and_distance_rules():
    gold = _gold([_g("shelling", "2020-02-11", [_pt(*SARAQIB)], tol=1)])
    assert evaluate(gold, _frame([_row("shelling", "2020-02-12", *SARAQIB)]))["core"]["matched"] == 1
    r = evaluate(gold, _frame([_row("shelling", "2020-02-12", *SARAQIB)]))
    assert r["matched_core"]["date_accuracy"] == 0.0  # within tolerance, but not the exact day
    assert evaluate(gold, _frame([_row("shelling", "2020-02-14", *SARAQIB)]))["core"]["matched"] == 0
    assert evaluate(gold, _frame([_row("shelling", "2020-02-11", *KAFRNABL)]))["core"]["matched"] == 0
    assert evaluate(gold, _frame([_row("armed_clash", "2020-02-11", *SARAQIB)]))["core"]["matched"] == 0


def test_region_only_gold_matches_inside_the_governorate():
    gold = _gold([_g("armed_clash", "2020-02-11", [{"admin1": "SY07", "name_ar": "ريف إدلب", "precision": 3}])])
    assert evaluate(gold, _frame([_row("armed_clash", "2020-02-11", *SARAQIB)]))["core"]["matched"] == 1
    aleppo = (36.2, 37.15)
    assert evaluate(gold, _frame([_row("armed_clash", "2020-02-11", *aleppo)]))["core"]["matched"] == 0
    # no point: the row's admin1_pcode is used
    row = _row("armed_clash", "2020-02-11", admin1="SY07")
    assert evaluate(gold, _frame([row]))["core"]["matched"] == 1


def test_gold_without_places_matches_on_type_and_date():
    gold = _gold([_g("statement", "2020-02-11", [], actor1="russia", core=False)])
    r = evaluate(gold, _frame([_row("statement", "2020-02-11", actor1="russia")]))
    assert r["all"]["f1"] == 1.0 and r["core"]["gold"] == 0


def test_rows_of_one_report_count_once_and_matching_is_one_to_one():
    gold = _gold([_g("shelling", "2020-02-11", [_pt(*SARAQIB, "C3916")]),
                  _g("shelling", "2020-02-11", [_pt(*NAYRAB, "C3867")])])
    one_report = [_row("shelling", "2020-02-11", *SARAQIB, char_start=5),
                  _row("shelling", "2020-02-11", *NAYRAB, char_start=5)]
    r = evaluate(gold, _frame(one_report))
    assert r["core"]["predicted"] == 1 and r["core"]["matched"] == 1 and r["core"]["recall"] == 0.5
    assert r["geocoding"]["accuracy_at_5km"] == 1.0  # both pcodes were placed in the document
    two_reports = [_row("shelling", "2020-02-11", *SARAQIB, char_start=5),
                   _row("shelling", "2020-02-11", *NAYRAB, char_start=50)]
    assert evaluate(gold, _frame(two_reports))["core"]["f1"] == 1.0


def test_greedy_prefers_the_closest_prediction():
    gold = _gold([_g("shelling", "2020-02-11", [_pt(*SARAQIB)])])
    near = (SARAQIB[0] + 0.01, SARAQIB[1])
    far = (SARAQIB[0] + 0.035, SARAQIB[1])
    rows = [_row("shelling", "2020-02-11", *far, actor1="russia", char_start=1),
            _row("shelling", "2020-02-11", *near, actor1="turkey", char_start=2)]
    r = evaluate(gold, _frame(rows))
    assert r["core"]["matched"] == 1 and r["matched_core"]["actor1_accuracy"] == 1.0
    assert r["core"]["precision"] == 0.5


def test_unresolved_names_flagged_and_invented_coordinates():
    gold = _gold([_g("territory_taken", "2020-02-11", [{"unresolved": "تلة البرغل"}])])
    flagged = _row("territory_taken", "2020-02-11", status="unresolved", surface="تلة البرغل")
    g = evaluate(gold, _frame([flagged]))["geocoding"]
    assert g["unresolved_flagged"] == ["d1:تلة البرغل"] and g["invented_coordinates"] == []
    invented = _row("territory_taken", "2020-02-11", *SARAQIB, surface="تلة البرغل")
    assert evaluate(gold, _frame([invented]))["geocoding"]["invented_coordinates"] == ["d1:تلة البرغل"]


def test_other_documents_are_ignored_and_report_prints(tmp_path):
    gold = _gold([_g("shelling", "2020-02-11", [_pt(*SARAQIB)])])
    rows = [_row("shelling", "2020-02-11", *SARAQIB), _row("shelling", "2020-02-11", *SARAQIB, doc="other")]
    r = evaluate(gold, _frame(rows))
    assert r["core"]["predicted"] == 1
    text = format_report(r)
    assert "core events: P=1.000 R=1.000 F1=1.000" in text


def test_cli_text_and_json(tmp_path):
    gold = _gold([_g("shelling", "2020-02-11", [_pt(*SARAQIB)])])
    gold_path = tmp_path / "gold.json"
    gold_path.write_text(json.dumps(gold), encoding="utf-8")
    table = write_table(_frame([_row("shelling", "2020-02-11", *SARAQIB)]), tmp_path / "ev.csv")
    out = subprocess.run([sys.executable, "-m", "core", "evaluate", "--gold", str(gold_path), "--events", str(table),
                          "--json"], cwd=REPO, capture_output=True, text=True, check=True).stdout
    assert json.loads(out)["core"]["f1"] == 1.0
    missing = subprocess.run([sys.executable, "-m", "core", "evaluate", "--gold", str(gold_path), "--events",
                              str(tmp_path / "nope.parquet")], cwd=REPO, capture_output=True, text=True)
    assert missing.returncode == 2 and "not found" in missing.stdout


def test_csv_table_with_numeric_looking_doc_ids_scores_like_parquet(tmp_path):
    gold = {"documents": [{"doc_id": "001", "published": "2020-02-12"}],
            "events": [_g("shelling", "2020-02-11", [_pt(*SARAQIB)], doc="001")]}
    frame = _frame([_row("shelling", "2020-02-11", *SARAQIB, doc="001")])
    parquet, csv = write_table(frame, tmp_path / "t.parquet"), write_table(frame, tmp_path / "t.csv")
    from core.table.store import read_table

    assert read_table(csv)["doc_id"].tolist() == ["001"]
    assert evaluate(gold, read_table(csv))["core"]["matched"] == evaluate(gold, read_table(parquet))["core"]["matched"] == 1


def test_matching_prefers_the_candidate_that_agrees_on_type_date_and_side():
    """Two reports near the gold place: the nearer one has the wrong side and day; the agreeing one wins."""
    gold = _gold([_g("shelling", "2020-02-11", [_pt(*SARAQIB)], actor1="turkey", tol=1)])
    near_wrong = _row("shelling", "2020-02-12", *SARAQIB, actor1="syrian_government", char_start=0)
    far_right = _row("shelling", "2020-02-11", SARAQIB[0] + 0.02, SARAQIB[1], actor1="turkey", char_start=50)
    r = evaluate(gold, _frame([near_wrong, far_right]))
    assert r["core"]["matched"] == 1
    assert r["matched_core"]["date_accuracy"] == 1.0 and r["matched_core"]["actor1_side_accuracy"] == 1.0


def test_explain_names_the_failed_criterion():
    from core.evaluate.explain import explain

    gold = _gold([_g("shelling", "2020-02-11", [_pt(*SARAQIB)]), _g("airstrike", "2020-02-11", [_pt(*KAFRNABL)])])
    rows = [_row("shelling", "2020-02-11", *SARAQIB, actor1="russia"),  # matched, wrong actor (same side? no)
            _row("airstrike", "2020-02-11", *NAYRAB, char_start=40),    # KAFRNABL missed: place too far
            _row("armed_clash", "2020-02-11", *SARAQIB, char_start=90)]  # extra, wrong family
    text = explain(gold, _frame(rows))
    assert "WRONG" in text and "actor1 russia≠turkey (SIDE)" in text
    assert "MISS" in text and "km away" in text
    assert "EXTRA" in text and "type armed_clash≠" in text


def test_date_stated_reads_url_paths_and_full_dates():
    from core.evaluate.sets import date_stated

    assert date_stated("https://example.org/2020/02/28/x", "")
    assert date_stated("", "في ١٢ شباط ٢٠٢٠ قصفت")
    assert date_stated("", "بتاريخ 12/2/2020")
    assert not date_stated("https://example.org/news/12345", "قصفت الطائرات أمس البلدة")
