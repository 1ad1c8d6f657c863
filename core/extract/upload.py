"""Documents brought in through the dashboard (the Ingest page): files, a zip, or pasted text.

``items_from_uploads`` turns what the analyst gave into :class:`~core.extract.inputs.Item` records
(the same the command line extracts), refusing what is not a document with one line each;
``extract_uploads`` runs extraction in this process (a callback reports progress);
``add_to_table`` adds the documents that were read to the table (an event store folder or a
single table file), after checking the table can be written. Nothing is written for documents
that failed: the table stays as it was for them.
"""

from __future__ import annotations

import hashlib
import io
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

import pandas as pd

from core.extract.engines import extract_item
from core.extract.ingest import published_range
from core.extract.inputs import TEXT_SUFFIXES, Item
from core.table import registry

MAX_UPLOAD_FILES = 1_000
MAX_ZIP_BYTES = 200_000_000  # uncompressed total of one zip (a zip bomb is refused, not unpacked)
MAX_PASTE_CHARS = 2_000_000
INFERRED = "inferred from the text"
_SAFE_ID = re.compile(r"[^\w.-]+")


@dataclass(frozen=True)
class UploadMeta:
    """What the analyst says about the documents: applies to each of them."""

    published: str = ""  # YYYY-MM-DD, or "" = unknown: infer it from the text (dateline, weekday)
    outlet: str = ""
    url: str = ""
    title: str = ""

    def item_meta(self) -> dict[str, str]:
        return {"published": self.published.strip(), "outlet": " ".join(self.outlet.split()),
                "url": self.url.strip(), "title": " ".join(self.title.split()),
                "date_basis": "" if self.published.strip() else INFERRED}


@dataclass
class UploadResult:
    records: list[registry.DocumentRecord] = field(default_factory=list)
    events: pd.DataFrame | None = None
    warnings: list[str] = field(default_factory=list)

    @property
    def ok(self) -> list[registry.DocumentRecord]:
        return [r for r in self.records if r.status == "ok"]

    @property
    def failed(self) -> list[registry.DocumentRecord]:
        return [r for r in self.records if r.status not in ("ok",)]


def check_meta(meta: UploadMeta) -> str | None:
    """One line saying what is wrong with the metadata, or None."""
    from core.extract.ingest import parse_date

    if meta.published.strip():
        day = parse_date(meta.published)
        if day is None:
            return f"publication date {meta.published.strip()[:40]!r} is not YYYY-MM-DD"
        lo, hi = published_range()
        if not lo <= day <= hi:
            return f"publication date {day.isoformat()} is outside {lo.year}–{hi.isoformat()}"
    url = meta.url.strip()
    if url and not re.match(r"^https?://[^\s]+$", url, re.I):
        return "the URL must start with http:// or https:// and hold no spaces"
    return None


def doc_id_of(name: str) -> str:
    """A document id from a file name: its stem, without path or odd characters."""
    stem = PurePosixPath(name.replace("\\", "/")).name
    stem = stem.rsplit(".", 1)[0] if "." in stem else stem
    return _SAFE_ID.sub("_", stem).strip("._")[:120] or "document"


def items_from_uploads(files: list[tuple[str, bytes]], pasted: str = "", meta: UploadMeta | None = None
                       ) -> tuple[list[Item], list[str]]:
    """(items, problems): each ``(file name, bytes)`` (.txt/.html, or a .zip of them) and the pasted text."""
    meta = meta or UploadMeta()
    m = meta.item_meta()
    items: list[Item] = []
    problems: list[str] = []
    for name, data in files:
        suffix = PurePosixPath(name).suffix.lower()
        if suffix == ".zip":
            members, zip_problems = _zip_members(name, data)
            problems.extend(zip_problems)
            items.extend(Item(doc_id_of(member), raw, f"upload:{name}:{member}", dict(m)) for member, raw in members)
        elif suffix in TEXT_SUFFIXES:
            items.append(Item(doc_id_of(name), data, f"upload:{name}", dict(m)))
        else:
            problems.append(f"{name}: not a .txt, .html or .zip file: not read")
    text = pasted or ""
    if text.strip():
        if len(text) > MAX_PASTE_CHARS:
            problems.append(f"pasted text: {len(text):,} characters, only the first {MAX_PASTE_CHARS:,} are read")
            text = text[:MAX_PASTE_CHARS]
        digest = hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:10]
        items.append(Item(f"pasted-{digest}", text, "upload:pasted text", dict(m)))
    if len(items) > MAX_UPLOAD_FILES:
        problems.append(f"{len(items):,} documents: only the first {MAX_UPLOAD_FILES:,} are read")
        items = items[:MAX_UPLOAD_FILES]
    return _distinct_ids(items, problems), problems


def _zip_members(name: str, data: bytes) -> tuple[list[tuple[str, bytes]], list[str]]:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = [i for i in archive.infolist() if not i.is_dir()]
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        return [], [f"{name}: not a readable zip archive ({exc}): not read"]
    problems = []
    wanted = [i for i in infos if PurePosixPath(i.filename).suffix.lower() in TEXT_SUFFIXES
              and not PurePosixPath(i.filename).name.startswith(".") and "__MACOSX" not in i.filename]
    skipped = len(infos) - len(wanted)
    if skipped:
        problems.append(f"{name}: {skipped} member(s) that are not .txt/.html files: not read")
    total = sum(i.file_size for i in wanted)
    if total > MAX_ZIP_BYTES:
        return [], problems + [f"{name}: unpacks to {total:,} bytes (more than {MAX_ZIP_BYTES:,}): not read"]
    members = []
    for info in wanted[:MAX_UPLOAD_FILES]:
        try:
            members.append((info.filename, archive.read(info)))
        except (zipfile.BadZipFile, OSError, RuntimeError, ValueError, NotImplementedError) as exc:
            problems.append(f"{name}: {info.filename}: cannot be unpacked ({exc}): not read")
    return members, problems


def _distinct_ids(items: list[Item], problems: list[str]) -> list[Item]:
    seen: dict[str, int] = {}
    out = []
    for item in items:
        n = seen.get(item.doc_id, 0)
        seen[item.doc_id] = n + 1
        if n:
            new_id = f"{item.doc_id}-{n + 1}"
            problems.append(f"{item.source}: doc_id {item.doc_id!r} is taken by another upload: read as {new_id!r}")
            item = Item(new_id, item.raw, item.source, item.meta, item.error, item.warnings)
        out.append(item)
    return out


def extract_uploads(items: list[Item], progress: Callable[[int, int, str], None] | None = None) -> UploadResult:
    """Extract each item in this process; ``progress(done, total, doc_id)`` after each one."""
    from core.table.store import events_to_frame

    result = UploadResult()
    events = []
    for i, item in enumerate(items):
        record, doc_events, warnings = extract_item(item)
        result.records.append(registry.DocumentRecord(**{**record.__dict__, "n_events": len(doc_events)}))
        events.extend(doc_events)
        result.warnings.extend(warnings)
        if progress is not None:
            progress(i + 1, len(items), item.doc_id)
    result.events = events_to_frame(events)
    return result


def add_to_table(table_path: str | Path, result: UploadResult) -> str:
    """Add the documents that were read (status ok) and their events; returns what was done.

    Raises ValueError with one line when nothing can be added or the table cannot be written; the
    table is then left exactly as it was."""
    from core.extract.groups import assign_groups
    from core.table.atomic import writable_problem
    from core.table.dataset import EventStore, is_store

    path = Path(table_path)
    ok = result.ok
    if not ok:
        raise ValueError("no document was read and extracted: nothing to add, the table is left as it was")
    if problem := writable_problem(path):
        raise ValueError(f"{problem}: nothing added, the table is left as it was")
    ids = {r.doc_id for r in ok}
    events = result.events if result.events is not None else pd.DataFrame()
    events = events[events["doc_id"].isin(ids)] if not events.empty else events
    if is_store(path) or path.is_dir() or not path.suffix:
        store = EventStore.open(path, create=True)
        written = store.add(ok, events if not events.empty else None)
        store.regroup(assign_groups)
        return f"{written.describe()}; the table holds {store.info()['events']:,} event rows"
    from core.extract.sinks import FileSink

    sink = FileSink(path)
    sink.add(ok, events)
    table = sink.finish()
    return (f"{len(ok)} document(s) added with {len(events):,} event rows; the table holds {len(table):,} "
            "event rows")


def save_documents(folder: str | Path, manifest: str | Path, items: list[Item], result: UploadResult) -> int:
    """Keep the text of the documents that were read in the documents folder (``DOC_ID.txt``/``.html``)
    and their metadata in the manifest (a row per doc_id, replaced when it was there), so the Sources page
    shows them and a re-extraction of the folder finds them. Returns how many were saved."""
    import csv

    from core.extract.ingest import MANIFEST_FIELDS
    from core.table.atomic import writable_problem, write_bytes_atomic

    folder, manifest = Path(folder), Path(manifest)
    ok = {r.doc_id: r for r in result.ok}
    chosen = [i for i in items if i.doc_id in ok]
    if not chosen:
        return 0
    for target in (folder, manifest):
        if problem := writable_problem(target):
            raise ValueError(f"{problem}: nothing added, the table is left as it was")
    rows: dict[str, dict[str, str]] = {}
    if manifest.exists():
        with open(manifest, encoding="utf-8-sig", newline="") as fh:
            rows = {r["doc_id"]: r for r in csv.DictReader(fh) if r.get("doc_id")}
    for item in chosen:
        raw = item.raw if isinstance(item.raw, bytes) else item.raw.encode("utf-8")
        suffix = ".html" if PurePosixPath(item.source).suffix.lower() in (".html", ".htm") else ".txt"
        write_bytes_atomic(folder / f"{item.doc_id}{suffix}", raw)
        record = ok[item.doc_id]
        rows[item.doc_id] = {"doc_id": item.doc_id, **{k: item.meta.get(k, "") for k in MANIFEST_FIELDS
                                                       if k != "doc_id"}, "title": record.title}
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=list(MANIFEST_FIELDS), extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for row in rows.values():
        writer.writerow({k: " ".join(str(row.get(k) or "").split()) for k in MANIFEST_FIELDS})
    write_bytes_atomic(manifest, buf.getvalue().encode("utf-8"))
    return len(chosen)


def commit_upload(table_path: str | Path, folder: str | Path, manifest: str | Path, items: list[Item],
                  result: UploadResult) -> str:
    """Check that the table, the documents folder and the manifest can all be written, then keep the
    documents (:func:`save_documents`) and add them to the table (:func:`add_to_table`)."""
    from core.table.atomic import writable_problem

    if not result.ok:
        raise ValueError("no document was read and extracted: nothing to add, the table is left as it was")
    for target in (table_path, folder, manifest):
        if problem := writable_problem(target):
            raise ValueError(f"{problem}: nothing added, the table is left as it was")
    saved = save_documents(folder, manifest, items, result)
    return add_to_table(table_path, result) + f"; {saved} document(s) kept in {Path(folder).name}/"
