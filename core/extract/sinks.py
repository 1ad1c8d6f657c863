"""Where extracted documents go: an event store (committed as the run goes) or a single table file.

Neither replaces a table with nothing: a rebuild (``replace``) happens only once some document was
read and extracted, and a single file is written only at the end, in one atomic rename.
"""

from __future__ import annotations

import time
from pathlib import Path

import pandas as pd
import pyarrow as pa

from core.extract.engines import COMMIT_DOCS
from core.extract.groups import assign_groups
from core.table import registry, schema
from core.table.dataset import EventPart, EventStore, StoreError, WriteResult, event_parts
from core.table.store import events_to_frame, read_table, write_table


def _sum(a: WriteResult, b: WriteResult) -> WriteResult:
    return WriteResult(*(x + y for x, y in zip(vars(a).values(), vars(b).values(), strict=True)))


class StoreSink:
    """Commits to an event store every ``commit_docs`` documents (or ``commit_seconds``); regroups at the end."""

    def __init__(self, store: EventStore, replace: bool = False, force: bool = False,
                 commit_docs: int = COMMIT_DOCS, commit_seconds: float = 60.0):
        self.store, self.replace, self.force = store, replace, force
        self.commit_docs, self.commit_seconds = commit_docs, commit_seconds
        self.records: list[registry.DocumentRecord] = []
        self.parts: list[EventPart] = []  # made by the workers
        self.frames: list[pd.DataFrame] = []  # made in this process: converted once per commit
        self.result = WriteResult()
        self.last_commit = time.monotonic()
        self.replaced = False  # the rebuild's first commit happened
        self.staging = store.new_staging()  # where workers that see this disk write their parts

    def add(self, records: list[registry.DocumentRecord], events: list[EventPart] | pd.DataFrame) -> None:
        self.records.extend(records)
        if isinstance(events, pd.DataFrame):
            if not events.empty:
                self.frames.append(events)
        else:
            self.parts.extend(events)
        if len(self.records) >= self.commit_docs or time.monotonic() - self.last_commit >= self.commit_seconds:
            self.flush()

    def flush(self) -> None:
        if not self.records:
            return
        if self.replace and not self.replaced and not any(r.status == "ok" for r in self.records):
            return  # a rebuild waits for a document that was read before it drops the old table
        if self.frames:
            self.parts.extend(event_parts(pd.concat(self.frames, ignore_index=True)))
            self.frames = []
        if self.replace and not self.replaced:
            result = self.store.replace_all(self.records, self.parts)
            self.replaced = True
        else:
            result = self.store.add(self.records, self.parts, force=self.force or self.replace)
        self.result = _sum(self.result, result)
        self.records, self.parts = [], []
        self.last_commit = time.monotonic()

    def finish(self) -> WriteResult:
        self.flush()
        self.close()
        if self.replace and not self.replaced:
            raise StoreError("no document could be read and extracted: the table is left as it was")
        self.store.regroup(assign_groups)
        return self.result

    def close(self) -> None:
        """Remove this run's staging folder (what is committed is in the store; the rest is not)."""
        self.store.drop_staging(self.staging)


class FileSink:
    """Collects the run and writes one table file at the end (adding to the file already there)."""

    def __init__(self, path: str | Path, replace: bool = False):
        self.path, self.replace = Path(path), replace
        self.records: list[registry.DocumentRecord] = []
        self.frames: list[pd.DataFrame] = []

    staging = None  # the parts come back in memory

    def close(self) -> None:
        pass

    def add(self, records: list[registry.DocumentRecord], events: list[EventPart] | pd.DataFrame) -> None:
        self.records.extend(records)
        if isinstance(events, list):
            tables = [p.table for p in events if p.rows]
            events = schema.coerce_types(pa.concat_tables(tables).to_pandas()) if tables else events_to_frame([])
        if not events.empty:
            self.frames.append(events)

    def flush(self) -> None:
        pass  # a single file is written once, at the end

    def finish(self) -> pd.DataFrame:
        read_ok = [r for r in self.records if r.status in ("ok", "empty")]
        if self.path.exists() and not any(r.status == "ok" for r in self.records):
            raise StoreError(f"no document could be read and extracted: {self.path} is left as it was")
        new = pd.concat(self.frames, ignore_index=True) if self.frames else events_to_frame([])
        if self.path.exists() and not self.replace:
            old = read_table(self.path)
            new = pd.concat([old[~old["doc_id"].isin({r.doc_id for r in read_ok})], new], ignore_index=True)
        table = assign_groups(new.sort_values("doc_id", kind="stable").reset_index(drop=True))
        table = schema.validate(table)
        write_table(table, self.path)
        return table
