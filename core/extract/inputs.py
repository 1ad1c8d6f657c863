"""Documents to extract, read lazily: a folder tree, a glob, or JSON Lines files.

Each document becomes an :class:`Item` (raw bytes or text plus the manifest's fields): what is
shipped to a worker. Nothing holds the whole input in memory; :func:`partitions` cuts the stream
into lists of a few hundred items. A file or line that cannot be read becomes an Item with its
``error`` set, so it is recorded in the registry and the run goes on.

* folder: every .txt/.html/.htm (doc_id = file stem; in subfolders, the relative path without
  suffix) and every .jsonl below it; metadata from ``--manifest`` or ``FOLDER/manifest.csv``.
* glob (``"news/**/*.txt"``, quoted): the matching files, as above.
* ``.jsonl`` file: one JSON object per line with ``doc_id`` and ``text`` and the manifest's fields
  (``published``, ``outlet``, ``url``, ``title``, ``date_basis``).
"""

from __future__ import annotations

import glob
import itertools
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from core.extract.ingest import MANIFEST_FIELDS, IngestError, assign_doc_ids, manifest_entry, read_manifest
from core.table import registry

TEXT_SUFFIXES = (".txt", ".html", ".htm")
GLOB_CHARS = set("*?[")


@dataclass(frozen=True)
class Item:
    doc_id: str
    raw: bytes | str
    source: str
    meta: dict[str, str] = field(default_factory=dict)  # published, outlet, url, title, date_basis
    error: str = ""  # set when the document could not be read
    warnings: tuple[str, ...] = ()  # reading problems that did not stop it (a doc_id shared by two files)

    @property
    def content_hash(self) -> str:
        m = self.meta
        return registry.content_hash(self.raw, m.get("published"), m.get("outlet", ""), m.get("url", ""),
                                     m.get("title", ""))


def is_glob(spec: str) -> bool:
    return bool(GLOB_CHARS & set(spec))


def _files(spec: str | Path) -> tuple[list[Path], Path | None]:
    """The input's files in a stable order, and the folder doc_ids are relative to."""
    spec_s = str(spec)
    if is_glob(spec_s):
        found = sorted(Path(p) for p in glob.glob(spec_s, recursive=True))
        return [p for p in found if p.is_file() and p.suffix.lower() in TEXT_SUFFIXES + (".jsonl",)], None
    path = Path(spec)
    if path.is_file():
        return [path], None
    if not path.is_dir():
        raise IngestError(f"documents not found: {path}")
    files = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in TEXT_SUFFIXES + (".jsonl",)
                   and not any(part.startswith(".") for part in p.relative_to(path).parts))
    return files, path


def default_manifest(spec: str | Path) -> Path | None:
    path = Path(str(spec))
    if not is_glob(str(spec)) and path.is_dir() and (path / "manifest.csv").exists():
        return path / "manifest.csv"
    return None


def count_items(spec: str | Path) -> int:
    """How many documents the input holds (lines of JSON Lines files counted without parsing them)."""
    files, _ = _files(spec)
    n = 0
    for f in files:
        if f.suffix.lower() == ".jsonl":
            with open(f, "rb") as fh:
                n += sum(1 for line in fh if line.strip())
        else:
            n += 1
    return n


def iter_items(spec: str | Path, manifest: Path | None = None) -> Iterator[Item]:
    """Every document of the input, one at a time."""
    files, root = _files(spec)
    manifest = manifest or default_manifest(spec)
    meta = read_manifest(manifest) if manifest else {}
    ids, shared = assign_doc_ids([f for f in files if f.suffix.lower() != ".jsonl"], root)
    shared_note = {i.doc_id: f"warning: {i.doc_id}: {i.message}" for i in shared}
    for f in files:
        if f.suffix.lower() == ".jsonl":
            yield from _jsonl_items(f)
            continue
        doc_id = ids[f]
        m = {k: v for k, v in manifest_entry(meta, doc_id, f.stem).items() if k != "doc_id"}
        notes = (shared_note[doc_id],) if doc_id in shared_note else ()
        try:
            raw = f.read_bytes()
        except OSError as exc:
            yield Item(doc_id, b"", str(f), m, error=f"unreadable file: {exc.strerror or exc}", warnings=notes)
            continue
        yield Item(doc_id, raw, str(f), m, warnings=notes)


def _jsonl_items(path: Path) -> Iterator[Item]:
    try:
        fh = open(path, "rb")  # noqa: SIM115 - closed below; read line by line
    except OSError as exc:
        yield Item(f"{path.stem}:0", b"", str(path), {}, error=f"unreadable file: {exc.strerror or exc}")
        return
    with fh:
        for lineno, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            where = f"{path}:{lineno}"
            try:
                obj = json.loads(line)
            except (json.JSONDecodeError, UnicodeDecodeError) as exc:
                yield Item(f"{path.stem}:{lineno}", b"", where, {}, error=f"line {lineno} is not valid JSON: {exc}")
                continue
            if not isinstance(obj, dict):
                yield Item(f"{path.stem}:{lineno}", b"", where, {}, error=f"line {lineno} is not a JSON object")
                continue
            doc_id = str(obj.get("doc_id") or "").strip() or f"{path.stem}:{lineno}"
            text = obj.get("text")
            m = {k: str(obj.get(k) or "") for k in MANIFEST_FIELDS if k != "doc_id"}
            if not isinstance(text, str):
                yield Item(doc_id, b"", where, m, error=f"line {lineno} has no \"text\" string")
                continue
            yield Item(doc_id, text, where, m)


def partitions(items: Iterable[Item], size: int) -> Iterator[list[Item]]:
    it = iter(items)
    while chunk := list(itertools.islice(it, size)):
        yield chunk
