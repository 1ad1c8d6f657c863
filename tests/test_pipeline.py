"""The extraction pipeline and its command line, on hand-written documents and on the seed corpus."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from core.evaluate import evaluate
from core.extract.ingest import document_from_text
from core.extract.pipeline import extract_documents, extract_folder
from core.table.store import read_table

REPO = Path(__file__).resolve().parent.parent
GOLD = REPO.parent / "shared" / "eval" / "seeds_gold.json"
REQUIRED = ["event_id", "doc_id", "type", "layer", "date", "date_start", "date_end", "time_precision", "actor1",
            "actor1_side", "actor2", "actor2_side", "place_ar", "place_en", "pcode", "admin1_pcode", "lat", "lon",
            "geo_precision", "geo_status", "fatalities", "evidence", "char_start", "char_end", "confidence", "rule",
            "group_id", "summary", "core", "outlet", "url", "published"]


def _folder(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.txt").write_text("قصفت القوات التركية مواقع لقوات النظام في مدينة سراقب أمس.\n"
                                "وأعرب الكرملين عن قلقه إزاء التصعيد.", encoding="utf-8")
    (docs / "b.txt").write_text("غارات روسية استهدفت مدينة كفرنبل اليوم وأسفرت عن مقتل أربعة مدنيين.",
                                encoding="utf-8")
    (docs / "c.html").write_bytes("<html><body><p>سيطرت قوات النظام على بلدة خان شيخون</p></body></html>"
                                  .encode("cp1256"))
    (docs / "empty.txt").write_text("", encoding="utf-8")
    (docs / "english.txt").write_text("Nothing to see here.", encoding="utf-8")
    (docs / "manifest.csv").write_text("doc_id,published,outlet,url,title\n"
                                       "a,2020-02-12,Outlet A,https://example.org/a,\n"
                                       "b,2020-02-11,Outlet B,https://example.org/b,\n"
                                       "c,not-a-date,Outlet C,,\n", encoding="utf-8")
    return docs


def test_extract_folder_handles_good_and_bad_documents(tmp_path):
    df, issues = extract_folder(_folder(tmp_path), progress=False)
    assert set(REQUIRED) <= set(df.columns)
    assert set(df["doc_id"]) == {"a", "b", "c"}
    assert {i.doc_id for i in issues} >= {"empty", "english", "c"}
    a = df[df["doc_id"] == "a"]
    assert set(a["type"]) == {"shelling", "statement"} and (a["outlet"] == "Outlet A").all()
    b = df[df["doc_id"] == "b"].iloc[0]
    assert b["fatalities"] == 4 and b["actor1"] == "russia" and str(b["published"].date()) == "2020-02-11"
    c = df[df["doc_id"] == "c"].iloc[0]  # cp1256 HTML, bad date: still extracted, date unknown
    assert c["type"] == "territory_taken" and c["date"] != c["date"]  # NaT


def test_cli_writes_parquet_and_csv(tmp_path):
    docs = _folder(tmp_path)
    for suffix in (".parquet", ".csv"):
        out = tmp_path / f"events{suffix}"
        proc = subprocess.run([sys.executable, "-m", "core", "extract", str(docs), "--manifest",
                               str(docs / "manifest.csv"), "--out", str(out), "--no-progress"],
                              cwd=REPO, capture_output=True, text=True)
        assert proc.returncode == 0, proc.stderr
        assert "wrote" in proc.stdout and "document is empty" in proc.stderr
        assert len(read_table(out)) >= 3


def test_cli_rejects_bad_arguments(tmp_path):
    bad_out = subprocess.run([sys.executable, "-m", "core", "extract", str(tmp_path), "--out", str(tmp_path / "x.txt")],
                             cwd=REPO, capture_output=True, text=True)
    assert bad_out.returncode == 2 and ".parquet or .csv" in bad_out.stderr
    missing = subprocess.run([sys.executable, "-m", "core", "extract", str(tmp_path / "nope"), "--out",
                              str(tmp_path / "x.csv")], cwd=REPO, capture_output=True, text=True)
    assert missing.returncode == 2 and "not found" in missing.stderr


def test_empty_input_gives_an_empty_valid_table():
    df = extract_documents([])
    assert df.empty and "group_id" in df.columns
    doc, _ = document_from_text("x", "لا شيء هنا يستحق الذكر", published="2020-01-01")
    assert extract_documents([doc]).empty


def test_huge_document_is_processed(tmp_path):
    sentence = "قصفت القوات التركية مواقع لقوات النظام في مدينة سراقب أمس. وتحدث الأهالي عن أضرار كبيرة.\n"
    doc, _ = document_from_text("big", sentence * 800, published="2020-02-12")
    df = extract_documents([doc])
    assert len(df) == 1  # repeated paragraphs are one event


@pytest.mark.skipif(not GOLD.exists(), reason="gold file not available")
def test_seed_corpus_meets_the_development_floors():
    df, _ = extract_folder(REPO / "data" / "corpus", REPO / "data" / "manifest.csv", progress=False)
    r = evaluate(json.loads(GOLD.read_text(encoding="utf-8")), df)
    print(json.dumps({k: r[k] for k in ("core", "all", "matched_core", "matched_all")}, indent=1))
    assert r["core"]["f1"] >= 0.85
    assert r["matched_all"]["date_accuracy"] >= 0.85 and r["matched_core"]["date_accuracy"] >= 0.9
    assert r["matched_core"]["actor1_side_accuracy"] >= 0.9
    assert r["geocoding"]["invented_coordinates"] == []
    assert not ((df["geo_status"] == "unresolved") & df["lat"].notna()).any()


def test_codebook_documents_every_column():
    from core.model import event_columns

    codebook = (REPO / "docs" / "codebook.md").read_text(encoding="utf-8")
    assert [c for c in event_columns() if f"`{c}`" not in codebook] == []
