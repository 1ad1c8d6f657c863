"""The document registry of an event store: one row per document, what was done with it.

A document is known by its ``doc_id``; its ``content_hash`` covers everything extraction reads
(text, publication date, outlet, URL, title), so the same hash means the same events and a
re-run can skip it, while a new hash means its events are replaced.
"""

from __future__ import annotations

import functools
import hashlib
import tomllib
from dataclasses import asdict, dataclass, fields
from datetime import UTC, date, datetime

import pandas as pd

from core.paths import REPO_ROOT

STATUSES = ("ok", "empty", "error", "timeout")
RETRIED_STATUSES = ("error", "timeout")  # re-extracted by a run that asks to retry failures


@dataclass(frozen=True)
class DocumentRecord:
    """What the registry knows about one document."""

    doc_id: str
    content_hash: str
    source: str = ""  # where it came from: a file path, "jsonl:FILE:LINE", "upload:NAME"
    published: date | None = None
    published_inferred: bool = False  # True when the date was guessed (no given publication date)
    outlet: str = ""
    url: str = ""
    title: str = ""
    status: str = "ok"  # ok | empty | error | timeout
    error: str = ""
    n_events: int = 0  # rows in the event table
    extracted_at: datetime | None = None
    rasd_version: str = ""

    def __post_init__(self) -> None:
        if self.status not in STATUSES:
            raise ValueError(f"unknown document status {self.status!r} (one of {', '.join(STATUSES)})")
        if not self.doc_id:
            raise ValueError("a document needs a doc_id")


REGISTRY_COLUMNS = [f.name for f in fields(DocumentRecord)]
ERROR_COLUMNS = ["doc_id", "content_hash", "source", "status", "error", "at"]


def content_hash(raw: bytes | str, published: object = None, outlet: str = "", url: str = "",
                 title: str = "") -> str:
    """SHA-256 of what extraction reads from a document: its raw bytes (or text) and the manifest fields."""
    h = hashlib.sha256(raw if isinstance(raw, bytes) else raw.encode("utf-8", "surrogatepass"))
    for part in ("" if published is None else str(published), outlet or "", url or "", title or ""):
        h.update(b"\x1f")
        h.update(part.encode("utf-8", "surrogatepass"))
    return h.hexdigest()


@functools.cache
def rasd_version() -> str:
    """The project version (pyproject.toml), recorded with each extraction."""
    try:
        with open(REPO_ROOT / "pyproject.toml", "rb") as fh:
            return str(tomllib.load(fh)["project"]["version"])
    except (OSError, KeyError, tomllib.TOMLDecodeError):
        return "unknown"


def now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None, microsecond=0)


def records_to_frame(records: list[DocumentRecord]) -> pd.DataFrame:
    df = pd.DataFrame([asdict(r) for r in records], columns=REGISTRY_COLUMNS)
    return coerce_registry(df)


def coerce_registry(df: pd.DataFrame) -> pd.DataFrame:
    """The registry's column set and dtypes (missing columns added empty)."""
    df = df.copy()
    for col in REGISTRY_COLUMNS:
        if col not in df.columns:
            df[col] = None
    for col in ("doc_id", "content_hash", "source", "outlet", "url", "title", "status", "error", "rasd_version"):
        df[col] = df[col].astype(object).where(df[col].notna(), "").astype(str)
    df["published"] = pd.to_datetime(df["published"], errors="coerce").astype("datetime64[ns]")
    df["extracted_at"] = pd.to_datetime(df["extracted_at"], errors="coerce").astype("datetime64[ns]")
    df["published_inferred"] = df["published_inferred"].astype(object).fillna(False).astype(bool)
    df["n_events"] = pd.to_numeric(df["n_events"], errors="coerce").fillna(0).astype("int64")
    return df[REGISTRY_COLUMNS].reset_index(drop=True)


def frame_to_records(df: pd.DataFrame) -> list[DocumentRecord]:
    out = []
    for row in coerce_registry(df).itertuples(index=False):
        values = row._asdict()
        values["published"] = None if pd.isna(values["published"]) else values["published"].date()
        values["extracted_at"] = None if pd.isna(values["extracted_at"]) else values["extracted_at"].to_pydatetime()
        out.append(DocumentRecord(**values))
    return out


def errors_frame(records: list[DocumentRecord]) -> pd.DataFrame:
    """Rows for the errors table: the failed documents of a write."""
    rows = [{"doc_id": r.doc_id, "content_hash": r.content_hash, "source": r.source, "status": r.status,
             "error": r.error, "at": r.extracted_at or now()} for r in records if r.status in RETRIED_STATUSES]
    df = pd.DataFrame(rows, columns=ERROR_COLUMNS)
    df["at"] = pd.to_datetime(df["at"]).astype("datetime64[ns]")
    for col in ERROR_COLUMNS[:-1]:
        df[col] = df[col].astype(str)
    return df
