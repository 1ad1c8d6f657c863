"""Document loading: encodings, HTML, empty and non-Arabic files, manifests, missing dates."""

from datetime import date
from pathlib import Path

import pytest

from core.extract.ingest import IngestError, document_from_text, load_folder, read_manifest

REPO = Path(__file__).resolve().parent.parent


def test_sample_corpus_loads_with_manifest_dates():
    docs, issues = load_folder(REPO / "data" / "corpus", REPO / "data" / "manifest.csv")
    assert len(docs) == 5
    assert all(d.published is not None for d in docs)
    assert not [i for i in issues if i.level == "error"]
    assert {d.doc_id for d in docs} == {p.stem for p in (REPO / "data" / "corpus").glob("*.txt")}


def test_document_without_date_is_kept_and_flagged(tmp_path):
    (tmp_path / "a.txt").write_text("قصفت قوات النظام بلدة كفرنبل اليوم", encoding="utf-8")
    docs, issues = load_folder(tmp_path)
    assert docs[0].published is None
    assert "no_published_date" in docs[0].flags
    assert any("no publication date" in i.message for i in issues)


def test_cp1256_file_is_decoded_and_flagged():
    raw = "غارات على سراقب".encode("cp1256")
    doc, issues = document_from_text("x", raw, published="2020-02-10")
    assert doc.text == "غارات على سراقب"
    assert "decoded_cp1256" in doc.flags
    assert doc.published == date(2020, 2, 10)


def test_html_is_stripped_and_scripts_dropped():
    raw = "<html><body><script>alert(1)</script><p>غارات على سراقب</p><p>و&amp;قصف</p></body></html>"
    doc, _ = document_from_text("x", raw.encode(), published="2020-02-10")
    assert "alert" not in doc.text and "<" not in doc.text
    assert "غارات على سراقب" in doc.text and "و&قصف" in doc.text
    assert "html_stripped" in doc.flags


def test_empty_and_non_arabic_documents_get_clear_messages():
    _, issues = document_from_text("e", b"   ", published="2020-01-01")
    assert any(i.level == "error" and "empty" in i.message for i in issues)
    doc, issues = document_from_text("en", b"Only English text here.", published="2020-01-01")
    assert "non_arabic" in doc.flags
    assert any("no Arabic" in i.message for i in issues)


def test_malformed_date_is_reported_not_guessed():
    doc, issues = document_from_text("x", "نص عربي".encode(), published="11/02/2020")
    assert doc.published is None
    assert any("not YYYY-MM-DD" in i.message for i in issues)


def test_huge_file_is_truncated_with_a_warning(monkeypatch):
    import core.extract.ingest as ingest

    monkeypatch.setattr(ingest, "MAX_DOC_BYTES", 100)
    doc, issues = document_from_text("big", ("سراقب " * 100).encode(), published="2020-01-01")
    assert "truncated" in doc.flags and len(doc.text.encode()) <= 100
    assert any("only the first" in i.message for i in issues)


def test_manifest_errors_are_clear(tmp_path):
    bad = tmp_path / "m.csv"
    bad.write_text("name,date\nx,2020-01-01\n", encoding="utf-8")
    with pytest.raises(IngestError, match="no doc_id column"):
        read_manifest(bad)
    with pytest.raises(IngestError, match="not found"):
        read_manifest(tmp_path / "missing.csv")
    js = tmp_path / "m.json"
    js.write_text('[{"doc_id": "a", "published": "2020-01-02", "outlet": "X"}]', encoding="utf-8")
    assert read_manifest(js)["a"]["outlet"] == "X"


def test_manifest_entry_without_file_is_reported(tmp_path):
    (tmp_path / "a.txt").write_text("نص", encoding="utf-8")
    m = tmp_path / "manifest.csv"
    m.write_text("doc_id,published\na,2020-01-01\nghost,2020-01-02\n", encoding="utf-8")
    docs, issues = load_folder(tmp_path, m)
    assert [d.doc_id for d in docs] == ["a"]
    assert any(i.doc_id == "ghost" and "no file" in i.message for i in issues)


def test_missing_folder_raises():
    with pytest.raises(IngestError, match="not found"):
        load_folder(Path("/nonexistent/folder"))
