"""Each class of bad input: a clear one-line message, and nothing lost (the store byte-for-byte as it was)."""

from __future__ import annotations

import csv
import io
import os
import shutil
from pathlib import Path

import pandas as pd
import pytest

from core.__main__ import main
from core.extract import budget, pipeline
from core.extract.events import extract_events
from core.extract.ingest import IngestError, document_from_text, load_folder, read_manifest, read_manifest_checked
from core.extract.inputs import iter_items
from core.table.store import read_table
from tests.ingest_fixtures import DOC_A, DOC_B, built_store, snapshot, write_corpus


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Path, Path]:
    return built_store(tmp_path_factory, "bad")


@pytest.fixture()
def store(built, tmp_path) -> Path:
    shutil.copytree(built[1], tmp_path / "store")
    return tmp_path / "store"


def _one_line_error(capsys) -> str:
    err = [line for line in capsys.readouterr().err.splitlines() if line.startswith("error")]
    assert len(err) == 1, err
    assert "Traceback" not in err[0]
    return err[0]


# ---- documents -----------------------------------------------------------------------------------
@pytest.mark.parametrize("raw, kind", [(b"\x89PNG\r\n\x1a\n" + bytes(200), "a PNG image"),
                                       (b"\xff\xd8\xff\xe0" + bytes(300), "a JPEG image"),
                                       (b"%PDF-1.7\n" + bytes(50), "a PDF file"),
                                       (bytes(range(256)) * 8, "a binary file")])
def test_binary_files_are_refused_not_read_as_windows_1256(raw, kind, tmp_path):
    doc, issues = document_from_text("x", raw)
    assert doc.text == "" and "binary" in doc.flags
    assert [i.message for i in issues if i.level == "error"] == [f"{kind}, not a text document: not read"]
    (tmp_path / "pic.txt").write_bytes(raw)
    (tmp_path / "ok.txt").write_text(DOC_A, encoding="utf-8")
    docs, issues = load_folder(tmp_path)
    assert [d.doc_id for d in docs] == ["ok"] and any(kind in i.message for i in issues)


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_is_decoded(codec):
    doc, issues = document_from_text("x", DOC_A.encode(codec))
    assert doc.text == document_from_text("x", DOC_A.encode("utf-8"))[0].text
    assert "UTF-16 text: decoded as UTF-16" in [i.message for i in issues]


def test_invisible_format_characters_do_not_change_the_actors():
    hidden = DOC_A.replace("قوات النظام", "قوات\u200b ال\u00adنظام").replace("سراقب", "\u202bسراقب\u202c")
    clean, _ = document_from_text("x", DOC_A, published="2020-02-10")
    dirty, issues = document_from_text("x", hidden, published="2020-02-10")
    assert dirty.text == clean.text
    n = sum(hidden.count(c) for c in "\u200b\u00ad\u202b\u202c")
    assert any(f"{n} invisible format characters" in i.message for i in issues)
    key = [(e.type, e.actor1, e.place_surface) for e in extract_events(clean)]
    assert key and [(e.type, e.actor1, e.place_surface) for e in extract_events(dirty)] == key


def test_two_files_with_one_stem_keep_both(tmp_path):
    (tmp_path / "a.txt").write_text(DOC_A, encoding="utf-8")
    (tmp_path / "a.html").write_text(f"<html><body><p>{DOC_B}</p></body></html>", encoding="utf-8")
    (tmp_path / "manifest.csv").write_text("doc_id,published\na,2020-02-10\n", encoding="utf-8")
    docs, issues = load_folder(tmp_path)
    assert sorted(d.doc_id for d in docs) == ["a.html", "a.txt"]
    assert all(str(d.published) == "2020-02-10" for d in docs)  # the manifest row of the stem applies to both
    assert sum("2 files share doc_id 'a'" in i.message for i in issues) == 2
    assert sorted(i.doc_id for i in iter_items(tmp_path)) == ["a.html", "a.txt"]


def test_duplicate_manifest_ids_are_reported_and_the_first_row_used(tmp_path):
    path = tmp_path / "m.csv"
    path.write_text("doc_id,published,outlet\nd,2020-01-01,First\ne,2020-01-02,E\nd,2020-03-03,Second\n")
    meta, issues = read_manifest_checked(path)
    assert meta["d"]["outlet"] == "First"
    assert [i.message for i in issues] == ["listed twice in the manifest (lines 2 and 4): line 2 is used"]


@pytest.mark.parametrize("published", ["2099-01-01", "9999-12-31", "1066-10-14"])
def test_publication_dates_out_of_range_are_ignored_and_nothing_crashes(published):
    doc, issues = document_from_text("x", DOC_A, published=published)
    assert doc.published is None and "bad_published_date" in doc.flags
    assert any(f"publication date {published} is outside 1990–" in i.message for i in issues)
    extract_events(doc)  # no crash


# ---- manifests: the CLI stops before the run with one line, the store untouched --------------------
@pytest.mark.parametrize("content, message", [
    (b'doc_id,published,title\ndoc_a,2020-02-10,"unterminated\ndoc_b,2020-02-11,B\n', "unterminated quote in the row at line 2"),
    (b"doc_id,title\ndoc_a," + b"x" * 200_000 + b"\n", "field larger than field limit"),
    (b"\x89PNG\r\n\x1a\n" + bytes(100), "is a PNG image, not a CSV or JSON file"),
    (b"[{\"doc_id\": ", "is not valid JSON"),
    (b"title,outlet\nA,B\n", "has no doc_id column"),
])
def test_a_malformed_manifest_is_one_line_and_leaves_the_store(content, message, built, store, tmp_path, capsys):
    manifest = tmp_path / "manifest.csv"
    manifest.write_bytes(content)
    before = snapshot(store)
    assert main(["extract", str(built[0]), "--manifest", str(manifest), "--out", str(store), "--no-progress"]) == 2
    assert message in _one_line_error(capsys)
    assert snapshot(store) == before
    with pytest.raises(IngestError, match=message.split(" (")[0]):
        read_manifest(manifest)


def test_a_directory_as_manifest(built, store, tmp_path, capsys):
    before = snapshot(store)
    assert main(["extract", str(built[0]), "--manifest", str(tmp_path), "--out", str(store), "--no-progress"]) == 2
    assert "is a folder, not a CSV or JSON file" in _one_line_error(capsys)
    assert snapshot(store) == before


def test_an_empty_input_never_replaces_the_table(store, tmp_path, capsys):
    empty = tmp_path / "empty"
    empty.mkdir()
    before = snapshot(store)
    assert main(["extract", str(empty), "--out", str(store), "--replace", "--no-progress"]) == 2
    assert "no documents" in _one_line_error(capsys)
    assert snapshot(store) == before


def test_unreadable_files_are_recorded_and_the_others_kept(tmp_path):
    folder = write_corpus(tmp_path / "corpus")
    os.symlink("/proc/self/mem", folder / "broken.txt")  # a file that exists and fails to read (even as root)
    docs, issues = load_folder(folder)
    assert sorted(d.doc_id for d in docs) == ["doc_a", "doc_b"]
    assert [i.message for i in issues if i.doc_id == "broken"] == ["cannot read broken.txt: Input/output error"]
    item = next(i for i in iter_items(folder) if i.doc_id == "broken")
    assert item.error == "unreadable file: Input/output error"


def test_an_unwritable_output_is_refused_before_the_run(built, tmp_path, capsys):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    for out in (blocker / "store", blocker / "table.parquet", Path("/proc/rasd-store")):
        assert main(["extract", str(built[0]), "--out", str(out), "--no-progress"]) == 2
        line = _one_line_error(capsys)
        assert "nothing extracted" in line and ("is a file, not a folder" in line or "cannot write" in line)
    assert blocker.read_text() == "x"


# ---- tables and exports ----------------------------------------------------------------------------
def test_a_table_with_missing_columns_is_named_plainly(built, tmp_path, capsys):
    table = read_table(built[1]).drop(columns=["type", "geo_status"])
    path = tmp_path / "broken.parquet"
    table.to_parquet(path)
    assert main(["export", "-f", "csv", "--events", str(path), "--out", str(tmp_path / "x.csv")]) == 2
    err = capsys.readouterr().err.strip()
    assert err == f"export: {path} is not an event table: missing columns type, geo_status"
    assert not (tmp_path / "x.csv").exists()


def test_export_honours_rasd_events_and_refuses_an_unwritable_out(built, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("RASD_EVENTS", str(built[1]))
    out = tmp_path / "events.csv"
    assert main(["export", "-f", "csv", "--out", str(out)]) == 0
    n = len(read_table(built[1]))
    assert f"exported {n} of {n} events" in capsys.readouterr().out
    assert len(pd.read_csv(out, encoding="utf-8-sig")) == n
    blocker = tmp_path / "file"
    blocker.write_text("x")
    assert main(["export", "-f", "csv", "--out", str(blocker / "e.csv")]) == 2
    assert "is a file, not a folder" in capsys.readouterr().err


def test_csv_and_acled_exports_neutralise_formulas(built):
    from core.exports.files import export_bytes

    table = read_table(built[1])
    payloads = ["=HYPERLINK(\"http://evil.example\",\"x\")", "+1+1", "-2+3", "@SUM(A1)", "\tx", "\rx"]
    table = table.iloc[[0] * len(payloads)].reset_index(drop=True)
    table["evidence"] = payloads
    table["outlet"] = payloads
    table["event_id"] = [f"e{i}" for i in range(len(payloads))]
    for fmt, column in (("csv", "evidence"), ("acled", "source")):
        content = export_bytes(table, fmt)[0].decode("utf-8-sig")
        rows = list(csv.DictReader(io.StringIO(content, newline="")))
        assert [r[column] for r in rows] == ["'" + p.replace("\r", "\n") for p in payloads], fmt


# ---- size and time -----------------------------------------------------------------------------------
def test_the_size_limit_says_what_it_cut(monkeypatch):
    from core.extract import ingest

    monkeypatch.setattr(ingest, "MAX_DOC_CHARS", 1_000)
    text = (DOC_A * 20)[:3_000]
    doc, issues = document_from_text("x", text)
    cut = len(doc.text)
    assert cut <= 1_000 and "truncated" in doc.flags
    assert f"text is {len(text):,} characters: only the first {cut:,} are read, the last {len(text) - cut:,} are cut" \
        in [i.message for i in issues]


def test_a_document_past_its_time_budget_is_recorded_as_its_error(monkeypatch):
    doc, _ = document_from_text("slow", DOC_A, published="2020-02-10")
    with pytest.raises(budget.DocumentTimeout), budget.time_budget(1e-9):
        extract_events(doc)
    monkeypatch.setattr(pipeline, "DOC_SECONDS", 1e-9)
    issues = []
    other, _ = document_from_text("other", DOC_B, published="2020-02-11")
    pipeline.extract_documents([doc, other], issues=issues)
    assert [(i.doc_id, i.level) for i in issues] == [("slow", "error"), ("other", "error")]
    assert "longer than the 1e-09 s budget" in issues[0].message
    from core.extract import engines
    from core.extract.inputs import Item

    monkeypatch.setattr(engines, "DOC_SECONDS", 1e-9)
    record, events, _ = engines.extract_item(Item("slow", DOC_A, "test", {"published": "2020-02-10"}))
    assert (record.status, events) == ("timeout", []) and "budget" in record.error
