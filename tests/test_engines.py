"""Extraction engines and the extract command on an event store: Dask == in-process, a killed run resumes
without duplicates or gaps, failures are recorded, and an empty or unreadable input replaces nothing."""

from __future__ import annotations

import contextlib
import io
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

from core.extract import engines
from core.extract.inputs import iter_items
from core.extract.sinks import StoreSink
from core.table.dataset import EventStore

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "bench"))
import corpus_gen  # noqa: E402

KEY = ["doc_id", "char_start", "type", "event_id", "pcode", "place_ar"]


def _cli(*args) -> subprocess.CompletedProcess:
    """``python -m core extract ARGS`` run in this process (the loaded lexicons are reused: fast tests)."""
    from core.__main__ import main

    out, err = io.StringIO(), io.StringIO()
    argv = ["extract", *map(str, args), "--no-progress"]
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(argv)
    return subprocess.CompletedProcess(argv, code, out.getvalue(), err.getvalue())


def _canonical(df: pd.DataFrame) -> pd.DataFrame:
    return df.sort_values(KEY).reset_index(drop=True)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    return corpus_gen.write_jsonl(tmp_path_factory.mktemp("gen") / "gen.jsonl", 60, seed=3, size=1000)


@pytest.fixture(scope="module")
def reference(corpus, tmp_path_factory) -> EventStore:
    """The in-process path: one process, the same store code."""
    store = EventStore.open(tmp_path_factory.mktemp("ref") / "st", create=True)
    sink = StoreSink(store)
    engines.run(iter_items(corpus), sink, engines.InlineEngine(), partition_size=25)
    sink.finish()
    return store


def test_in_process_store_equals_the_pipeline(corpus, reference):
    from core.extract.ingest import document_from_text
    from core.extract.pipeline import extract_documents

    docs = [document_from_text(d["doc_id"], d["text"], published=d["published"], outlet=d["outlet"], url=d["url"])[0]
            for d in corpus_gen.documents(60, seed=3, size=1000)]
    expected = extract_documents(docs)
    got = reference.read_all()
    assert len(got) > 200
    pd.testing.assert_frame_equal(_canonical(got).drop(columns=["summary"]),
                                  _canonical(expected).drop(columns=["summary"]), check_dtype=False)


def test_dask_local_cluster_gives_the_in_process_events(corpus, reference, tmp_path):
    store = EventStore.open(tmp_path / "st", create=True)
    engine = engines.DaskEngine(workers=2)
    try:
        assert engine.workers == 2 and engine.dashboard
        sink = StoreSink(store, commit_docs=40)
        stats = engines.run(iter_items(corpus), sink, engine, partition_size=10)
        sink.finish()
    finally:
        engine.close()
    assert stats.extracted == 60 and stats.failed == 0
    pd.testing.assert_frame_equal(_canonical(store.read_all()), _canonical(reference.read_all()))
    assert sorted(store.documents()["doc_id"]) == sorted(reference.documents()["doc_id"])


@pytest.mark.parametrize("staged", [True, False], ids=["staged-files", "arrow-tables"])
def test_worker_parts_give_the_in_process_events(corpus, reference, tmp_path, staged):
    """What workers hand back (parts written into the store's staging folder, or Arrow tables from another
    machine) commits the same events and registry as the in-process path, and leaves no staged file behind."""
    store = EventStore.open(tmp_path / "st", create=True)
    sink = StoreSink(store, commit_docs=25)
    items = list(iter_items(corpus))
    for start in range(0, len(items), 10):
        records, parts, _ = engines.extract_partition(items[start:start + 10],
                                                      staging=str(sink.staging) if staged else None)
        assert all((p.file is not None) == staged for p in parts)
        sink.add(records, parts)
    sink.finish()
    pd.testing.assert_frame_equal(_canonical(store.read_all()), _canonical(reference.read_all()))
    cols = ["doc_id", "content_hash", "status", "n_events"]
    got, expected = (s.documents()[cols].sort_values("doc_id").reset_index(drop=True) for s in (store, reference))
    pd.testing.assert_frame_equal(got, expected)
    assert not (store.path / "staging").exists()


def test_a_dead_runs_staging_folder_is_removed(tmp_path):
    import socket

    store = EventStore.open(tmp_path / "st", create=True)
    host = socket.gethostname().replace("-", "_")
    dead = store.path / "staging" / f"run-{host}-999999999-abc"  # no such process
    dead.mkdir(parents=True)
    (dead / "x-2020-02.parquet").write_bytes(b"half a file")
    live = store.path / "staging" / f"run-{host}-{os.getpid()}-def"  # another run of this (live) process
    live.mkdir()
    sink = StoreSink(store)
    assert not dead.exists() and live.exists() and sink.staging.is_dir()
    sink.finish()
    assert not sink.staging.exists() and live.exists()


def test_killed_run_resumes_without_duplicates_or_gaps(corpus, reference, tmp_path):
    out = tmp_path / "st"
    proc = subprocess.Popen([sys.executable, "-m", "core", "extract", str(corpus), "--out", str(out), "--workers", "1",
                             "--partition-size", "5", "--commit-every", "10", "--no-progress"], cwd=REPO,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline:  # wait for a few commits, then kill it without warning
        manifest = out / "store.json"
        if manifest.exists() and json.loads(manifest.read_text())["generation"] >= 3:
            break
        time.sleep(0.2)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    partial = EventStore.open(out)
    n_partial = len(partial.documents())
    assert 0 < n_partial < 60, "the run was to be killed midway"
    resumed = _cli(corpus, "--out", out, "--workers", "1")
    assert resumed.returncode == 0, resumed.stderr
    assert f"{n_partial} skipped" in resumed.stdout
    store = EventStore.open(out)
    assert sorted(store.documents()["doc_id"]) == sorted(reference.documents()["doc_id"])  # none missing
    got, expected = _canonical(store.read_all()), _canonical(reference.read_all())
    assert not got.duplicated().any()  # no duplicate
    pd.testing.assert_frame_equal(got, expected)
    assert not list(out.rglob("*.tmp"))


def test_failures_are_recorded_and_the_run_goes_on(tmp_path):
    docs = tmp_path / "in.jsonl"
    docs.write_text("\n".join([
        json.dumps({"doc_id": "good", "text": "قصفت القوات التركية مواقع لقوات النظام في مدينة سراقب أمس.",
                    "published": "2020-02-12"}, ensure_ascii=False),
        "{not json",
        json.dumps({"doc_id": "no_text", "title": "x"}),
        json.dumps({"doc_id": "blank", "text": "   "}),
    ]) + "\n", encoding="utf-8")
    proc = _cli(docs, "--out", tmp_path / "st")
    assert proc.returncode == 0, proc.stderr
    reg = EventStore.open(tmp_path / "st").documents().set_index("doc_id")
    assert reg.loc["good", "status"] == "ok" and reg.loc["good", "n_events"] >= 1
    assert reg.loc["in:2", "status"] == "error" and "not valid JSON" in reg.loc["in:2", "error"]
    assert reg.loc["no_text", "status"] == "error" and reg.loc["blank", "status"] == "empty"
    assert set(EventStore.open(tmp_path / "st").errors()["doc_id"]) == {"in:2", "no_text"}
    assert "not valid JSON" in proc.stderr


def test_changed_document_replaces_its_events_through_the_cli(tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "a.txt").write_text("قصفت القوات التركية مواقع لقوات النظام في مدينة سراقب.", encoding="utf-8")
    (folder / "b.txt").write_text("غارات روسية استهدفت مدينة كفرنبل وأسفرت عن مقتل أربعة مدنيين.", encoding="utf-8")
    out = tmp_path / "st"
    assert _cli(folder, "--out", out).returncode == 0
    before = EventStore.open(out).read_all()
    (folder / "a.txt").write_text("سيطرت قوات النظام على بلدة خان شيخون.", encoding="utf-8")
    proc = _cli(folder, "--out", out)
    assert proc.returncode == 0 and "1 replaced" in proc.stdout and "1 skipped" in proc.stdout
    after = EventStore.open(out).read_all()
    assert set(after.loc[after["doc_id"] == "a", "type"]) == {"territory_taken"}
    assert _canonical(after[after["doc_id"] == "b"]).equals(_canonical(before[before["doc_id"] == "b"]))


def _snapshot(path: Path) -> dict[str, bytes]:
    if path.is_file():
        return {path.name: path.read_bytes()}
    return {p.relative_to(path).as_posix(): p.read_bytes() for p in sorted(path.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("kind", ["store", "file"])
def test_empty_or_unreadable_input_never_replaces_a_table(tmp_path, kind):
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "a.txt").write_text("قصفت القوات التركية مواقع لقوات النظام في مدينة سراقب.", encoding="utf-8")
    out = tmp_path / ("st" if kind == "store" else "events.parquet")
    assert _cli(folder, "--out", out).returncode == 0
    before = _snapshot(out)
    empty = tmp_path / "empty"
    empty.mkdir()
    for replace in ([], ["--replace"]):
        proc = _cli(empty, "--out", out, *replace)
        assert proc.returncode == 2 and "no documents" in proc.stderr and "left as it was" in proc.stderr
        assert _snapshot(out) == before
    unreadable = tmp_path / "bad.jsonl"
    unreadable.write_text("{broken\n[1, 2]\n", encoding="utf-8")
    proc = _cli(unreadable, "--out", out, "--replace")
    assert proc.returncode == 2 and "left as it was" in proc.stderr, proc.stderr
    assert _snapshot(out) == before
    missing = _cli(tmp_path / "nope", "--out", out)
    assert missing.returncode == 2 and "not found" in missing.stderr and _snapshot(out) == before


def test_inputs_folder_tree_glob_and_jsonl(tmp_path):
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "top.txt").write_text("نص", encoding="utf-8")
    (tmp_path / "a" / "b" / "deep.html").write_text("<p>نص</p>", encoding="utf-8")
    (tmp_path / "a" / "b" / "more.jsonl").write_text(json.dumps({"doc_id": "j1", "text": "نص"}) + "\n\n",
                                                     encoding="utf-8")
    assert [i.doc_id for i in iter_items(tmp_path / "a")] == ["b/deep", "j1", "top"]
    assert [i.doc_id for i in iter_items(f"{tmp_path}/a/**/*.html")] == ["deep"]
    items = list(iter_items(tmp_path / "a" / "b" / "more.jsonl"))
    assert [i.doc_id for i in items] == ["j1"] and items[0].content_hash != iter_items(tmp_path / "a").__next__().content_hash


@pytest.mark.skipif(os.cpu_count() is None or os.cpu_count() < 2, reason="needs two cores")
def test_local_engine_gives_the_in_process_events(corpus, reference, tmp_path):
    out = tmp_path / "st"
    proc = _cli(corpus, "--out", out, "--workers", "2", "--partition-size", "10")
    assert proc.returncode == 0, proc.stderr
    assert "local, 2 processes" in proc.stdout
    pd.testing.assert_frame_equal(_canonical(EventStore.open(out).read_all()), _canonical(reference.read_all()))
