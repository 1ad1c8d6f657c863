"""The event store: a folder holding the event table partitioned by month and a document registry.

Layout (``STORE/``)::

    store.json                                   format, schema version, generation, the live files
    events/month=2020-02/part-00000007-000.parquet   events dated in that month (Hive partitioning)
    events/month=unknown/part-….parquet          events without a date
    documents.00000007.parquet                   the registry (core.table.registry.DocumentRecord)
    errors.00000007.parquet                      every failed extraction (doc_id, hash, status, error, at)
    .lock                                        held by the one writer at a time
    staging/run-HOST-PID-ID/…parquet             parts workers wrote during a run, not yet committed

``store.json`` is the commit point: a write puts new files beside the old ones, then replaces
``store.json`` (temp + rename) naming the new set, then deletes what is no longer named. A reader
(or a writer killed midway) therefore sees the old store or the new one, never a mix; files a
killed writer left unnamed are swept by the next write. Readers only read the files
``store.json`` names.

Workers that see the store's disk write their events themselves (:func:`event_parts` with a staging
folder): the run's process then commits a batch by renaming the staged files into ``events/`` and
writing the registry and ``store.json``, so it neither converts nor writes event rows. Staged files are
not under ``events/`` (the sweep leaves them alone); until a commit names them they are not part of the
store, and a killed run's staging folder is removed by the next run.

Group ids need the whole table (reports of one event may come from documents added on
different days): :meth:`EventStore.regroup` recomputes them over the grouping columns of all
events, in a canonical order (by doc_id), so they do not depend on the order documents came in.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.compute  # noqa: F401 - pa.compute
import pyarrow.parquet as pq

from core.model import event_columns
from core.table import registry, schema
from core.table.atomic import _fsync_dir, locked, remove_stray_temps, write_atomic, write_bytes_atomic
from core.table.tablefile import read_file

SCHEMA_VERSION = 1  # 0 is a single-file table (events.parquet / .csv), migrated by migrate_file
FORMAT = "rasd-event-store"
MANIFEST = "store.json"
EVENTS_DIR = "events"
STAGING_DIR = "staging"
UNKNOWN_MONTH = "unknown"
GROUP_COLUMNS = ("doc_id", "type", "layer", "date", "char_start", "actor1", "actor1_side", "event_id", "lat", "lon",
                 "admin1_pcode", "group_id")


class StoreError(ValueError):
    """A path that is not a usable store, or a write the store refuses."""


@dataclass(frozen=True)
class WriteResult:
    added: int = 0
    replaced: int = 0
    unchanged: int = 0
    removed: int = 0
    events_written: int = 0

    def describe(self) -> str:
        return (f"{self.added} added, {self.replaced} replaced, {self.unchanged} unchanged, {self.removed} removed; "
                f"{self.events_written} event rows written")


def arrow_schema() -> pa.Schema:
    """The Parquet schema of event parts: every part has the same column types."""
    kinds = {**{c: pa.timestamp("ns") for c in schema.DATE_COLUMNS},
             **{c: pa.float64() for c in ("lat", "lon", "confidence")},
             **{c: pa.int64() for c in ("geo_precision", "fatalities", "char_start", "char_end")},
             **{c: pa.bool_() for c in ("core", "published_inferred")}}
    return pa.schema([(c, kinds.get(c, pa.string())) for c in event_columns()])


@dataclass(frozen=True)
class EventPart:
    """The events of one month from one batch of documents: an Arrow table in memory, or a file a worker staged
    (``file``, an absolute path under the store's staging folder) that a commit renames into the table."""

    month: str
    rows: int
    table: pa.Table | None = None
    file: str | None = None


def event_parts(events: pd.DataFrame, staging: str | os.PathLike | None = None) -> list[EventPart]:
    """Validate ``events``, convert them to the parts' Arrow schema once, split them by month; with ``staging``
    (a folder) each month is written there as a Parquet file, else kept in memory. Runs in the workers."""
    if events is None or events.empty:
        return []
    valid = schema.validate(events)
    months = month_of(valid["date"]).to_numpy()
    whole = pa.Table.from_pandas(valid[event_columns()], schema=arrow_schema(), preserve_index=False)
    parts = []
    batch = uuid.uuid4().hex[:12]
    for month in sorted(set(months)):
        table = whole.filter(pa.array(months == month))
        if staging is None:
            parts.append(EventPart(month, table.num_rows, table=table))
            continue
        path = Path(staging) / f"{batch}-{month}.parquet"
        pq.write_table(table, path, compression="zstd")
        with open(path, "rb") as fh:
            os.fsync(fh.fileno())
        parts.append(EventPart(month, table.num_rows, file=str(path)))
    return parts


def _part_table(part: EventPart) -> pa.Table:
    return part.table if part.table is not None else pq.read_table(part.file)


def month_of(dates: pd.Series) -> pd.Series:
    """Partition key of each event: "YYYY-MM" of its date, "unknown" without one."""
    d = pd.to_datetime(dates, errors="coerce")
    return d.dt.strftime("%Y-%m").where(d.notna(), UNKNOWN_MONTH).astype(str)


def is_store(path: str | os.PathLike) -> bool:
    return (Path(path) / MANIFEST).is_file()


class EventStore:
    """One event store folder. Every method re-reads ``store.json``: another process may have written."""

    def __init__(self, path: str | os.PathLike):
        self.path = Path(path)

    # ---- opening ---------------------------------------------------------------------------
    @classmethod
    def open(cls, path: str | os.PathLike, create: bool = False) -> EventStore:
        path = Path(path)
        if path.is_file():
            raise StoreError(f"{path} is a single-file table (schema version 0), not a store folder: "
                             f"migrate it with `python -m core store migrate {path} STORE`")
        store = cls(path)
        if not is_store(path):
            if not create:
                raise StoreError(f"no event store at {path} (no {MANIFEST}); `python -m core extract DOCS --out "
                                 f"{path}` creates one")
            if path.exists() and any(p.name != ".lock" for p in path.iterdir()):
                raise StoreError(f"{path} is a folder that is not an event store and not empty: refusing to write there")
            with locked(path / ".lock"):
                if not is_store(path):
                    store._write_manifest(store._empty_manifest())
        store.manifest()  # checks the version
        return store

    def _empty_manifest(self) -> dict:
        return {"format": FORMAT, "schema_version": SCHEMA_VERSION, "generation": 0, "documents": None,
                "errors": None, "parts": [], "groups_current": True, "rasd_version": registry.rasd_version(),
                "updated": registry.now().isoformat()}

    def manifest(self) -> dict:
        try:
            data = json.loads((self.path / MANIFEST).read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise StoreError(f"no event store at {self.path}") from None
        except (OSError, ValueError) as exc:
            raise StoreError(f"{self.path / MANIFEST} is unreadable: {exc}") from exc
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise StoreError(f"{self.path / MANIFEST} is not a Rasd event store manifest")
        version = data.get("schema_version")
        if not isinstance(version, int) or version > SCHEMA_VERSION:
            raise StoreError(f"store {self.path} has schema version {version!r}; this Rasd reads up to "
                             f"{SCHEMA_VERSION}: update Rasd")
        return data

    # ---- reading ---------------------------------------------------------------------------
    def part_files(self, months: Iterable[str] | None = None, manifest: dict | None = None) -> list[Path]:
        """The live event files, in table order; only those of ``months`` when given."""
        m = manifest or self.manifest()
        wanted = None if months is None else set(months)
        return [self.path / p["file"] for p in m["parts"] if wanted is None or p["month"] in wanted]

    def months(self) -> list[str]:
        return sorted({p["month"] for p in self.manifest()["parts"]})

    def n_events(self) -> int:
        return sum(int(p["rows"]) for p in self.manifest()["parts"])

    def read_all(self, columns: list[str] | None = None) -> pd.DataFrame:
        """The whole table in pandas (the parts concatenated in order); for small tables and tests."""
        return _retry_on_vanished(lambda: self._read_parts(self.part_files(), columns))

    def _read_parts(self, files: list[Path], columns: list[str] | None) -> pd.DataFrame:
        if not files:
            empty = schema.coerce_types(pd.DataFrame(columns=event_columns()))
            return empty[columns] if columns else empty
        tables = [pq.read_table(f, columns=columns) for f in files]
        df = pa.concat_tables(tables, promote_options="default").to_pandas()
        return df if columns else schema.coerce_types(df)

    def documents(self) -> pd.DataFrame:
        """The registry: one row per document (core.table.registry.REGISTRY_COLUMNS)."""
        return _retry_on_vanished(lambda: self._read_side_table(self.manifest(), "documents"))

    def errors(self) -> pd.DataFrame:
        return _retry_on_vanished(lambda: self._read_side_table(self.manifest(), "errors"))

    def _read_side_table(self, m: dict, key: str) -> pd.DataFrame:
        name = m.get(key)
        if key == "documents":
            return registry.coerce_registry(pd.read_parquet(self.path / name) if name else pd.DataFrame())
        if name:
            return pd.read_parquet(self.path / name)
        return registry.errors_frame([])

    def content_hashes(self) -> dict[str, tuple[str, str]]:
        """doc_id → (content hash, status) of every registered document."""
        reg = self.documents()
        return dict(zip(reg["doc_id"], zip(reg["content_hash"], reg["status"], strict=True), strict=True))

    def info(self) -> dict:
        m = self.manifest()
        reg = self._read_side_table(m, "documents")
        return {"path": str(self.path), "schema_version": m["schema_version"], "generation": m["generation"],
                "documents": len(reg), "by_status": reg["status"].value_counts().to_dict(),
                "events": sum(int(p["rows"]) for p in m["parts"]), "parts": len(m["parts"]),
                "months": sorted({p["month"] for p in m["parts"]}), "groups_current": m.get("groups_current", True)}

    # ---- staging (parts written by the workers of a run) -----------------------------------
    def new_staging(self) -> Path:
        """A staging folder for one run; the folders of runs no longer alive on this host are removed first."""
        root = self.path / STAGING_DIR
        host = socket.gethostname().replace("-", "_")
        for old in root.glob("run-*") if root.exists() else ():
            owner = old.name.split("-")
            if len(owner) >= 4 and owner[1] == host and owner[2].isdigit() and not _alive(int(owner[2])):
                shutil.rmtree(old, ignore_errors=True)
        folder = root / f"run-{host}-{os.getpid()}-{uuid.uuid4().hex[:8]}"
        folder.mkdir(parents=True)
        return folder

    @staticmethod
    def drop_staging(folder: Path) -> None:
        shutil.rmtree(folder, ignore_errors=True)
        with_parent = folder.parent
        if with_parent.name == STAGING_DIR and with_parent.exists() and not any(with_parent.iterdir()):
            with_parent.rmdir()

    # ---- writing ---------------------------------------------------------------------------
    def add(self, records: list[registry.DocumentRecord], events: pd.DataFrame | list[EventPart] | None = None,
            force: bool = False) -> WriteResult:
        """Add documents and their events. A document already there with the same content hash is left as it
        is (unless ``force`` or its last extraction failed); one with another hash has its events replaced.

        ``events`` is a frame, or the parts workers made (:func:`event_parts`; each record then carries its
        number of events)."""
        ids = [r.doc_id for r in records]
        if len(set(ids)) != len(ids):
            dup = sorted({i for i in ids if ids.count(i) > 1})[:5]
            raise StoreError(f"one write holds the same doc_id twice: {', '.join(dup)}")
        if not isinstance(events, list):
            events = _events_frame(events)
            stray = set(events["doc_id"]) - set(ids)
            if stray:
                raise StoreError(f"events of documents not in this write: {', '.join(sorted(stray)[:5])}")
        with locked(self.path / ".lock"):
            m = self.manifest()
            reg = self._read_side_table(m, "documents")
            known = dict(zip(reg["doc_id"], zip(reg["content_hash"], reg["status"], strict=True), strict=True))
            unchanged = {r.doc_id for r in records if not force and r.doc_id in known
                         and known[r.doc_id][0] == r.content_hash and known[r.doc_id][1] not in registry.RETRIED_STATUSES}
            kept = [r for r in records if r.doc_id not in unchanged]
            replaced = {r.doc_id for r in kept if r.doc_id in known}
            kept, parts = _counted(kept, events, unchanged)
            if not kept:
                return WriteResult(unchanged=len(unchanged))
            new_reg = pd.concat([reg[~reg["doc_id"].isin(replaced)], registry.records_to_frame(kept)],
                                ignore_index=True)
            self._commit(m, drop_docs=replaced, new_parts=parts, registry_df=new_reg,
                         new_errors=registry.errors_frame(kept), groups_current=not parts and m["groups_current"])
        return WriteResult(added=len(kept) - len(replaced), replaced=len(replaced), unchanged=len(unchanged),
                           events_written=sum(p.rows for p in parts))

    def remove(self, doc_ids: Iterable[str]) -> WriteResult:
        """Remove documents and all their events; unknown ids are ignored (the count says how many went)."""
        doc_ids = set(doc_ids)
        with locked(self.path / ".lock"):
            m = self.manifest()
            reg = self._read_side_table(m, "documents")
            gone = doc_ids & set(reg["doc_id"])
            if not gone:
                return WriteResult()
            self._commit(m, drop_docs=gone, new_parts=[], registry_df=reg[~reg["doc_id"].isin(gone)],
                         new_errors=None, groups_current=False)
        return WriteResult(removed=len(gone))

    def replace_all(self, records: list[registry.DocumentRecord],
                    events: pd.DataFrame | list[EventPart] | None = None) -> WriteResult:
        """Rebuild: the store holds exactly these documents and events afterwards (one commit)."""
        if not records:
            raise StoreError("refusing to replace the store with no documents")
        with locked(self.path / ".lock"):
            m = self.manifest()
            old = self._read_side_table(m, "documents")
            m = {**m, "parts": []}  # nothing of the old table is kept
            records, parts = _counted(records, events if isinstance(events, list) else _events_frame(events), set())
            self._commit(m, drop_docs=set(), new_parts=parts, registry_df=registry.records_to_frame(records),
                         new_errors=registry.errors_frame(records), groups_current=False)
        ids = {r.doc_id for r in records}
        n_old = len(set(old["doc_id"]) & ids)
        return WriteResult(added=len(ids) - n_old, replaced=n_old, removed=len(set(old["doc_id"]) - ids),
                           events_written=sum(p.rows for p in parts))

    def regroup(self, assign_groups: Callable[[pd.DataFrame], pd.DataFrame]) -> int:
        """Recompute ``group_id`` over the whole table with ``assign_groups`` (core.extract.groups); rewrite only
        the parts whose ids changed. Returns the number of rows whose group changed."""
        with locked(self.path / ".lock"):
            m = self.manifest()
            files = self.part_files(manifest=m)
            slim = self._read_parts(files, list(GROUP_COLUMNS))
            if slim.empty:
                return 0
            slim["_part"] = [i for i, p in enumerate(m["parts"]) for _ in range(int(p["rows"]))]
            ordered = slim.sort_values("doc_id", kind="stable")  # canonical: independent of the order of ingest
            grouped = assign_groups(ordered.drop(columns=["group_id", "_part"]))
            new_ids = pd.Series(grouped["group_id"].to_numpy(), index=ordered.index).sort_index()
            changed = slim["group_id"].astype(str).to_numpy() != new_ids.astype(str).to_numpy()
            n_changed = int(changed.sum())
            if n_changed == 0 and m.get("groups_current"):
                return 0
            dirty_parts = set(slim.loc[changed, "_part"])
            by_month: dict[str, list[int]] = {}
            for i, part in enumerate(m["parts"]):
                by_month.setdefault(part["month"], []).append(i)
            # a month with a changed part is rewritten as one part (its small parts merged, in order)
            dirty = {month: idx for month, idx in by_month.items() if dirty_parts.intersection(idx)}
            part_of_row = slim["_part"].to_numpy()
            gen = int(m["generation"]) + 1
            parts = []
            for i, part in enumerate(m["parts"]):
                month = part["month"]
                if month not in dirty:
                    parts.append(part)
                elif i == dirty[month][0]:
                    idx = dirty[month]
                    table = pa.concat_tables([pq.read_table(self.path / m["parts"][k]["file"]) for k in idx],
                                             promote_options="default")
                    ids = pa.array(new_ids[pd.Series(part_of_row).isin(idx).to_numpy()].astype(str).tolist(),
                                   pa.string())
                    table = table.set_column(table.schema.get_field_index("group_id"), "group_id", ids)
                    parts.append(self._write_part(table, month, gen, i))
            self._write_generation(m, gen, parts, m.get("documents"), m.get("errors"), groups_current=True)
        return n_changed

    # ---- the commit ------------------------------------------------------------------------
    def _commit(self, m: dict, *, drop_docs: set[str], new_parts: list[EventPart], registry_df: pd.DataFrame,
                new_errors: pd.DataFrame | None, groups_current: bool) -> None:
        gen = int(m["generation"]) + 1
        parts: list[dict] = []
        for i, part in enumerate(m["parts"]):
            if not drop_docs:
                parts.append(part)
                continue
            path = self.path / part["file"]
            doc_ids = pq.read_table(path, columns=["doc_id"])["doc_id"].to_pylist()
            if not drop_docs.intersection(doc_ids):
                parts.append(part)
                continue
            table = pq.read_table(path)
            keep = pa.array([d not in drop_docs for d in doc_ids])
            table = table.filter(keep)
            if table.num_rows:
                parts.append(self._write_part(table, part["month"], gen, i))
        seq = len(m["parts"])
        in_memory: dict[str, list[pa.Table]] = {}
        for new in new_parts:
            if new.rows and new.file is not None:  # staged by a worker: renamed into the table, rows untouched
                parts.append(self._adopt_part(Path(new.file), new.month, new.rows, gen, seq))
                seq += 1
            elif new.rows:
                in_memory.setdefault(new.month, []).append(new.table)
        for month in sorted(in_memory):  # one file per month for the batch
            parts.append(self._write_part(pa.concat_tables(in_memory[month]), month, gen, seq))
            seq += 1
        docs_name = f"documents.{gen:08d}.parquet"
        reg = registry.coerce_registry(registry_df)
        write_atomic(self.path / docs_name, lambda tmp: reg.to_parquet(tmp, index=False))
        errors_name = m.get("errors")
        if new_errors is not None and not new_errors.empty:
            old = self._read_side_table(m, "errors")
            errors = pd.concat([old, new_errors], ignore_index=True) if not old.empty else new_errors
            errors_name = f"errors.{gen:08d}.parquet"
            write_atomic(self.path / errors_name, lambda tmp: errors.to_parquet(tmp, index=False))
        self._write_generation(m, gen, parts, docs_name, errors_name, groups_current)

    def _write_part(self, table: pa.Table, month: str, gen: int, seq: int) -> dict:
        rel = f"{EVENTS_DIR}/month={month}/part-{gen:08d}-{seq:04d}.parquet"
        write_atomic(self.path / rel, lambda tmp: pq.write_table(table, tmp, compression="zstd"))
        return {"file": rel, "month": month, "rows": table.num_rows}

    def _adopt_part(self, staged: Path, month: str, rows: int, gen: int, seq: int) -> dict:
        rel = f"{EVENTS_DIR}/month={month}/part-{gen:08d}-{seq:04d}.parquet"
        target = self.path / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(staged, target)
        _fsync_dir(target.parent)
        return {"file": rel, "month": month, "rows": rows}

    def _write_generation(self, m: dict, gen: int, parts: list[dict], docs_name: str | None,
                          errors_name: str | None, groups_current: bool) -> None:
        new = {**m, "schema_version": SCHEMA_VERSION, "generation": gen, "documents": docs_name,
               "errors": errors_name, "parts": parts, "groups_current": bool(groups_current),
               "rasd_version": registry.rasd_version(), "updated": registry.now().isoformat()}
        self._write_manifest(new)
        self._sweep(new)

    def _write_manifest(self, m: dict) -> None:
        self.path.mkdir(parents=True, exist_ok=True)
        write_bytes_atomic(self.path / MANIFEST, json.dumps(m, indent=1, ensure_ascii=False).encode("utf-8"))

    def _sweep(self, m: dict) -> None:
        """Delete the files the manifest no longer names (replaced parts, old registries, a killed write's)."""
        live = {p["file"] for p in m["parts"]} | {m.get("documents"), m.get("errors")}
        for f in (self.path / EVENTS_DIR).rglob("*.parquet") if (self.path / EVENTS_DIR).exists() else ():
            if f.relative_to(self.path).as_posix() not in live:
                f.unlink(missing_ok=True)
        for f in list(self.path.glob("documents.*.parquet")) + list(self.path.glob("errors.*.parquet")):
            if f.name not in live:
                f.unlink(missing_ok=True)
        for folder in (self.path / EVENTS_DIR).glob("month=*") if (self.path / EVENTS_DIR).exists() else ():
            if folder.is_dir() and not any(folder.iterdir()):
                folder.rmdir()
        remove_stray_temps(self.path)


def _events_frame(events: pd.DataFrame | None) -> pd.DataFrame:
    if events is None or events.empty:
        return schema.coerce_types(pd.DataFrame(columns=event_columns()))
    return events


def _counted(records: list[registry.DocumentRecord], events: pd.DataFrame | list[EventPart],
             unchanged: set[str]) -> tuple[list[registry.DocumentRecord], list[EventPart]]:
    """The records with their number of events, and the events of those records as parts."""
    if isinstance(events, pd.DataFrame):
        events = events[events["doc_id"].isin({r.doc_id for r in records})]
        per_doc = events["doc_id"].value_counts()
        return [_with_count(r, int(per_doc.get(r.doc_id, 0))) for r in records], event_parts(events)
    parts = events
    if unchanged:  # rare (another run committed them meanwhile): their rows are left out of the parts
        keep = pa.array(sorted({r.doc_id for r in records}), pa.string())
        parts = []
        for part in events:
            table = _part_table(part)
            table = table.filter(pa.compute.is_in(table["doc_id"], value_set=keep))
            parts.append(EventPart(part.month, table.num_rows, table=table))
    return [_with_count(r, r.n_events) for r in records], parts


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _with_count(record: registry.DocumentRecord, n: int) -> registry.DocumentRecord:
    from dataclasses import replace

    return replace(record, n_events=n, extracted_at=record.extracted_at or registry.now(),
                   rasd_version=record.rasd_version or registry.rasd_version())


def _retry_on_vanished(read: Callable[[], pd.DataFrame], attempts: int = 3) -> pd.DataFrame:
    """Run a read again when a writer swept a file between our reading store.json and the file."""
    for attempt in range(attempts):
        try:
            return read()
        except FileNotFoundError:
            if attempt == attempts - 1:
                raise
    raise AssertionError("unreachable")


# ---- migration from schema version 0 (today's single-file table) ------------------------------
def migrate_file(table: str | os.PathLike, store_path: str | os.PathLike) -> EventStore:
    """A store holding the events of a single-file table; the registry is rebuilt from its rows.

    The content hashes are unknown (the documents are not at hand): they are recorded empty, so the
    next extraction of such a document replaces its events once, then skips it as usual.
    """
    table = Path(table)
    if not table.is_file():
        raise StoreError(f"{table} is not a table file: nothing to migrate")
    df = read_file(table)
    if df.empty:
        raise StoreError(f"{table} holds no events: nothing to migrate")
    store = EventStore.open(store_path, create=True)
    if store.n_events() or len(store.documents()):
        raise StoreError(f"{store_path} already holds a store: migrate into a new folder")
    first = df.groupby("doc_id", sort=False).first()
    counts = df["doc_id"].value_counts()
    records = [registry.DocumentRecord(
        doc_id=str(doc_id), content_hash="", source=f"migrated from {Path(table).name}",
        published=None if pd.isna(row["published"]) else row["published"].date(),
        outlet=str(row["outlet"] or ""), url=str(row["url"] or ""), n_events=int(counts[doc_id]),
        rasd_version="") for doc_id, row in first.iterrows()]
    with locked(store.path / ".lock"):
        m = store.manifest()
        store._commit(m, drop_docs=set(), new_parts=event_parts(df), registry_df=registry.records_to_frame(records),
                      new_errors=None, groups_current=True)
    return store
