"""The event store (core.table.dataset): registry, add / replace / remove / unchanged, atomic writes,
schema version and migration from a single-file table, and DuckDB queries equal to the pandas path."""

from __future__ import annotations

import json
import os
import stat
from dataclasses import replace
from datetime import date

import pandas as pd
import pytest

from core.table import dataset, duckquery, registry
from core.table.dataset import EventStore, StoreError, migrate_file
from core.table.query import Filters
from core.table.store import read_table, write_table
from tests.fixtures_paths import SAMPLE_TABLE


@pytest.fixture(scope="module")
def sample() -> pd.DataFrame:
    return read_table(SAMPLE_TABLE)


def _docs(sample: pd.DataFrame, n: int | None = None) -> list[str]:
    return list(dict.fromkeys(sample["doc_id"]))[:n]


def _record(doc_id: str, version: str = "v1", **changes) -> registry.DocumentRecord:
    return registry.DocumentRecord(doc_id=doc_id, content_hash=registry.content_hash(f"text of {doc_id} {version}"),
                                   source=f"{doc_id}.txt", **changes)


def _files(root) -> set[str]:
    return {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}


def test_add_same_again_changes_nothing(tmp_path, sample):
    store = EventStore.open(tmp_path / "st", create=True)
    ids = _docs(sample)
    result = store.add([_record(d) for d in ids], sample)
    assert (result.added, result.replaced, result.unchanged) == (len(ids), 0, 0)
    assert store.n_events() == len(sample)
    before = {f: (tmp_path / "st" / f).read_bytes() for f in _files(tmp_path / "st")}
    again = store.add([_record(d) for d in ids], sample)
    assert (again.added, again.unchanged, again.events_written) == (0, len(ids), 0)
    assert {f: (tmp_path / "st" / f).read_bytes() for f in _files(tmp_path / "st")} == before  # byte for byte
    reg = store.documents().set_index("doc_id")
    assert reg.loc[ids[0], "n_events"] == int((sample["doc_id"] == ids[0]).sum())
    assert set(reg["status"]) == {"ok"} and reg["rasd_version"].iloc[0] == registry.rasd_version()


def test_changed_document_replaces_its_events(tmp_path, sample):
    store = EventStore.open(tmp_path / "st", create=True)
    ids = _docs(sample)
    store.add([_record(d) for d in ids], sample)
    target = ids[0]
    new_rows = sample[sample["doc_id"] == target].head(2).assign(evidence="نص جديد")
    result = store.add([_record(target, "v2")], new_rows)
    assert (result.replaced, result.added) == (1, 0)
    table = store.read_all()
    assert len(table) == len(sample) - int((sample["doc_id"] == target).sum()) + 2
    assert set(table.loc[table["doc_id"] == target, "evidence"]) == {"نص جديد"}
    others = table[table["doc_id"] != target].sort_values(["doc_id", "char_start", "event_id", "pcode"])
    expected = sample[sample["doc_id"] != target].sort_values(["doc_id", "char_start", "event_id", "pcode"])
    assert others["event_id"].tolist() == expected["event_id"].tolist()
    assert store.documents().set_index("doc_id").loc[target, "n_events"] == 2


def test_remove_document_removes_its_events(tmp_path, sample):
    store = EventStore.open(tmp_path / "st", create=True)
    ids = _docs(sample)
    store.add([_record(d) for d in ids], sample)
    result = store.remove([ids[1], "not-there"])
    assert result.removed == 1
    assert ids[1] not in set(store.read_all()["doc_id"])
    assert ids[1] not in set(store.documents()["doc_id"])
    assert store.n_events() == len(sample) - int((sample["doc_id"] == ids[1]).sum())
    # the files the manifest no longer names are gone
    live = {p["file"] for p in store.manifest()["parts"]}
    assert {f for f in _files(tmp_path / "st") if f.startswith("events/")} == live


def test_failed_document_is_recorded_and_retried(tmp_path, sample):
    store = EventStore.open(tmp_path / "st", create=True)
    store.add([_record("bad", status="error", error="ValueError('boom')")])
    assert store.errors()["error"].tolist() == ["ValueError('boom')"]
    assert store.documents()["status"].tolist() == ["error"]
    # the same content extracted again after a failure is not "unchanged": it is tried again
    doc = _docs(sample, 1)[0]
    rows = sample[sample["doc_id"] == doc].assign(doc_id="bad")
    assert store.add([_record("bad")], rows).replaced == 1
    assert store.documents()["status"].tolist() == ["ok"]
    assert len(store.errors()) == 1  # the log keeps the earlier failure


def test_write_refuses_events_without_their_document(tmp_path, sample):
    store = EventStore.open(tmp_path / "st", create=True)
    with pytest.raises(StoreError, match="not in this write"):
        store.add([_record("other")], sample)
    with pytest.raises(StoreError, match="twice"):
        store.add([_record("a"), _record("a")])
    assert store.n_events() == 0 and store.manifest()["generation"] == 0


def test_files_follow_the_umask_and_no_temp_is_left(tmp_path, sample):
    old = os.umask(0o027)
    try:
        store = EventStore.open(tmp_path / "st", create=True)
        store.add([_record(d) for d in _docs(sample)], sample)
        write_table(sample, tmp_path / "single.parquet")
    finally:
        os.umask(old)
    files = [p for p in (tmp_path).rglob("*") if p.is_file() and p.name != ".lock"]
    assert files and all(stat.S_IMODE(p.stat().st_mode) == 0o640 for p in files)
    assert not [p for p in tmp_path.rglob("*.tmp")]


def test_a_failed_write_leaves_the_store_as_it_was(tmp_path, sample, monkeypatch):
    store = EventStore.open(tmp_path / "st", create=True)
    ids = _docs(sample)
    store.add([_record(d) for d in ids[:2]], sample[sample["doc_id"].isin(ids[:2])])
    before = {f: (tmp_path / "st" / f).read_bytes() for f in _files(tmp_path / "st")}

    def crash(self, m):  # the process dies just before the commit point
        raise KeyboardInterrupt

    monkeypatch.setattr(EventStore, "_write_manifest", crash)
    with pytest.raises(KeyboardInterrupt):
        store.add([_record(d) for d in ids[2:]], sample[sample["doc_id"].isin(ids[2:])])
    monkeypatch.undo()
    assert len(store.read_all()) == int(sample["doc_id"].isin(ids[:2]).sum())  # readers see the old store
    store.add([_record("x")])  # the next write sweeps what the killed one left
    after = _files(tmp_path / "st")
    assert not [f for f in after if f.endswith(".tmp")]
    assert {f for f in after if f.startswith("events/")} == {f for f in before if f.startswith("events/")}


def test_schema_version_recorded_and_newer_refused(tmp_path):
    store = EventStore.open(tmp_path / "st", create=True)
    manifest = json.loads((tmp_path / "st" / "store.json").read_text())
    assert manifest["schema_version"] == dataset.SCHEMA_VERSION and manifest["format"] == dataset.FORMAT
    manifest["schema_version"] = dataset.SCHEMA_VERSION + 1
    (tmp_path / "st" / "store.json").write_text(json.dumps(manifest))
    with pytest.raises(StoreError, match="update Rasd"):
        store.documents()
    with pytest.raises(StoreError, match="not an event store"):
        (tmp_path / "junk").mkdir()
        (tmp_path / "junk" / "x.txt").write_text("x")
        EventStore.open(tmp_path / "junk", create=True)


def test_migration_from_a_single_file_table(tmp_path, sample):
    with pytest.raises(StoreError, match="single-file table"):
        EventStore.open(SAMPLE_TABLE)
    store = migrate_file(SAMPLE_TABLE, tmp_path / "st")
    key = ["doc_id", "char_start", "event_id", "pcode", "place_ar"]
    pd.testing.assert_frame_equal(store.read_all().sort_values(key).reset_index(drop=True),
                                  sample.sort_values(key).reset_index(drop=True), check_dtype=False)
    reg = store.documents()
    assert set(reg["doc_id"]) == set(sample["doc_id"]) and set(reg["content_hash"]) == {""}
    assert read_table(tmp_path / "st").shape == sample.shape  # read_table takes a store folder too
    # a migrated document seen again is extracted once (its hash was unknown), then skipped
    doc = reg["doc_id"].iloc[0]
    assert store.add([_record(doc)], sample[sample["doc_id"] == doc]).replaced == 1
    assert store.add([_record(doc)], sample[sample["doc_id"] == doc]).unchanged == 1


def test_replace_all_needs_documents(tmp_path, sample):
    store = migrate_file(SAMPLE_TABLE, tmp_path / "st")
    with pytest.raises(StoreError, match="no documents"):
        store.replace_all([])
    assert store.n_events() == len(sample)
    doc = _docs(sample, 1)[0]
    result = store.replace_all([_record(doc)], sample[sample["doc_id"] == doc])
    assert result.removed == len(_docs(sample)) - 1
    assert set(store.read_all()["doc_id"]) == {doc}


def test_regroup_is_independent_of_the_order_documents_came_in(tmp_path, sample):
    from core.extract.groups import assign_groups

    ids = _docs(sample)
    one = EventStore.open(tmp_path / "one", create=True)
    one.add([_record(d) for d in ids], sample)
    two = EventStore.open(tmp_path / "two", create=True)
    for d in reversed(ids):  # one document at a time, in the other order
        two.add([_record(d)], sample[sample["doc_id"] == d].assign(group_id="stale"))
    assert not two.manifest()["groups_current"]
    assert two.regroup(assign_groups) > 0
    one.regroup(assign_groups)
    assert two.manifest()["groups_current"] and two.regroup(assign_groups) == 0
    key = ["doc_id", "char_start", "event_id", "pcode", "place_ar"]
    a = one.read_all().sort_values(key).reset_index(drop=True)
    b = two.read_all().sort_values(key).reset_index(drop=True)
    assert a["group_id"].tolist() == b["group_id"].tolist()
    # and the ids are those of grouping the whole table in one go, ordered by document
    whole = assign_groups(sample.sort_values("doc_id", kind="stable")).sort_values(key).reset_index(drop=True)
    assert a["group_id"].tolist() == whole["group_id"].tolist()


FILTERS = [
    Filters(),
    Filters(sides=("turkey",)),
    Filters(sides=("turkey", "opposition"), side_role="actor1"),
    Filters(actors=("turkey",)),
    Filters(types=("shelling", "airstrike")),
    Filters(layers=("strike",), grouped_once=True),
    Filters(admin1=("SY07",), min_confidence=0.6),
    Filters(place="سراقب"),
    Filters(place="Saraqab"),
    Filters(place="،"),
    Filters(date_from=date(2020, 2, 10), date_to=date(2020, 2, 20)),
    Filters(date_from=date(2020, 2, 1)),
    Filters(grouped_once=True),
    Filters(sides=("pro-government",), grouped_once=True, date_to=date(2020, 2, 28), min_confidence=0.4),
]


@pytest.mark.parametrize("kind", ["file", "store"])
def test_duckdb_path_equals_pandas_path(tmp_path, sample, kind):
    path = tmp_path / "t.parquet" if kind == "file" else tmp_path / "st"
    if kind == "file":
        write_table(sample, path)
    else:
        store = EventStore.open(path, create=True)
        ids = _docs(sample)
        for chunk in (ids[:2], ids[2:]):  # several parts per month
            store.add([_record(d) for d in chunk], sample[sample["doc_id"].isin(chunk)])
    full = read_table(path)
    for f in FILTERS:
        expected = f.apply(full).reset_index(drop=True)
        got = duckquery.filtered(path, f)
        pd.testing.assert_frame_equal(got, expected, obj=f"{kind} {f.describe()}")
        assert duckquery.count(path, f) == len(expected)
    assert duckquery.date_span(path) == (full["date"].min().date(), full["date"].max().date())
    counts = duckquery.value_counts(path, ["type"], Filters(sides=("turkey",)))
    assert counts.to_dict() == Filters(sides=("turkey",)).apply(full)["type"].value_counts().to_dict()


def test_grouped_once_ties_break_by_table_order(tmp_path, sample):
    rows = sample.head(4).assign(group_id="g_same", pcode="C1", confidence=0.5)
    rows["evidence"] = ["a", "b", "c", "d"]
    path = tmp_path / "t.parquet"
    write_table(rows, path)
    f = Filters(grouped_once=True)
    assert duckquery.filtered(path, f)["evidence"].tolist() == f.apply(read_table(path))["evidence"].tolist() == ["a"]


def test_record_rejects_unknown_status():
    with pytest.raises(ValueError, match="status"):
        replace(_record("a"), status="done")
