"""Read documents: a folder of .txt/.html files plus an optional manifest → Document records.

Bad input never crashes the load and never loses text: each problem becomes an
:class:`IngestIssue` with a clear message, and the document is kept when it can be.
"""

from __future__ import annotations

import csv
import hashlib
import html
import io
import json
import re
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from core.model import Document

MAX_DOC_BYTES = 5_000_000  # larger files are truncated at this size (flagged), not dropped
MANIFEST_FIELDS = ("doc_id", "published", "outlet", "url", "title", "date_basis")
_ARABIC_RE = re.compile(r"[\u0600-\u06FF]")
_TAG_RE = re.compile(r"<[^>]+>")
_SCRIPT_RE = re.compile(r"<(script|style)\b.*?</\1\s*>", re.S | re.I)
_BLOCK_RE = re.compile(r"</?(p|div|br|li|h[1-6]|tr|article|section)\b[^>]*>", re.I)


class IngestError(ValueError):
    """A document or manifest that cannot be read at all."""


@dataclass(frozen=True)
class IngestIssue:
    doc_id: str
    level: str  # "warning" | "error"
    message: str


def decode_bytes(raw: bytes) -> tuple[str, tuple[str, ...]]:
    """Decode UTF-8 (with or without BOM), else Windows-1256 (common for Arabic sites)."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8"), ()
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("cp1256"), ("decoded_cp1256",)
    except UnicodeDecodeError:
        return raw.decode("utf-8", errors="replace"), ("undecodable_bytes_replaced",)


def looks_like_html(text: str) -> bool:
    head = text[:2000].lower()
    return "<html" in head or "<body" in head or "<p>" in head or "<div" in head or "<br" in head


def strip_html(text: str) -> str:
    """Visible text of an HTML page, paragraphs kept as line breaks."""
    text = _SCRIPT_RE.sub(" ", text)
    text = _BLOCK_RE.sub("\n", text)
    text = _TAG_RE.sub(" ", text)
    text = html.unescape(text)
    text = re.sub(r"[ \t\r\f\v]+", " ", text)
    return re.sub(r"\n\s*\n+", "\n\n", text).strip()


def parse_date(value: object) -> date | None:
    """YYYY-MM-DD (or a date/datetime object) → date; anything else → None."""
    if value is None:
        return None
    if isinstance(value, date):
        return value if type(value) is date else value.date()  # type: ignore[union-attr]
    s = str(value).strip()
    if not s:
        return None
    m = re.match(r"^(\d{4})-(\d{1,2})-(\d{1,2})", s)
    if not m:
        return None
    try:
        return date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None


def document_from_text(
    doc_id: str,
    raw: bytes | str,
    *,
    published: object = None,
    outlet: str = "",
    url: str = "",
    title: str = "",
    date_basis: str = "",
    source_path: str = "",
) -> tuple[Document, list[IngestIssue]]:
    """Build a Document from raw bytes or text, reporting every problem found."""
    issues: list[IngestIssue] = []
    flags: list[str] = []
    if isinstance(raw, bytes):
        if len(raw) > MAX_DOC_BYTES:
            issues.append(IngestIssue(doc_id, "warning", f"file is {len(raw):,} bytes; only the first {MAX_DOC_BYTES:,} are read"))
            cut = MAX_DOC_BYTES
            while cut > 0 and (raw[cut] & 0xC0) == 0x80:  # do not split a UTF-8 character
                cut -= 1
            raw = raw[:cut]
            flags.append("truncated")
        text, dflags = decode_bytes(raw)
        flags.extend(dflags)
        if "decoded_cp1256" in dflags:
            issues.append(IngestIssue(doc_id, "warning", "not UTF-8: decoded as Windows-1256 (Arabic)"))
        if "undecodable_bytes_replaced" in dflags:
            issues.append(IngestIssue(doc_id, "warning", "neither UTF-8 nor Windows-1256: undecodable bytes replaced"))
    else:
        text = raw
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
    if looks_like_html(text):
        text = strip_html(text)
        flags.append("html_stripped")
        issues.append(IngestIssue(doc_id, "warning", "HTML markup removed; visible text kept"))
    if not text.strip():
        issues.append(IngestIssue(doc_id, "error", "document is empty"))
        flags.append("empty")
    elif not _ARABIC_RE.search(text):
        issues.append(IngestIssue(doc_id, "warning", "no Arabic text found: no events will be extracted"))
        flags.append("non_arabic")
    pub = parse_date(published)
    if published not in (None, "") and pub is None:
        issues.append(IngestIssue(doc_id, "warning", f"publication date {published!r} is not YYYY-MM-DD: ignored"))
        flags.append("bad_published_date")
    if pub is None:
        flags.append("no_published_date")
        issues.append(IngestIssue(doc_id, "warning", "no publication date: relative dates stay unresolved"))
    doc = Document(
        doc_id=doc_id,
        text=text,
        published=pub,
        outlet=(outlet or "").strip(),
        url=(url or "").strip(),
        title=(title or "").strip(),
        date_basis=(date_basis or "").strip(),
        source_path=source_path,
        sha1=hashlib.sha1(text.encode("utf-8")).hexdigest(),
        flags=tuple(flags),
    )
    return doc, issues


def read_manifest(path: Path) -> dict[str, dict[str, str]]:
    """Manifest (CSV or JSON list) → {doc_id: metadata}. Unknown columns are ignored."""
    path = Path(path)
    if not path.exists():
        raise IngestError(f"manifest not found: {path}")
    raw, _ = decode_bytes(path.read_bytes())
    rows: list[dict]
    if path.suffix.lower() == ".json":
        try:
            data = json.loads(raw)
        except json.JSONDecodeError as exc:
            raise IngestError(f"manifest {path} is not valid JSON: {exc}") from exc
        rows = data.get("documents", []) if isinstance(data, dict) else data
        if not isinstance(rows, list):
            raise IngestError(f"manifest {path}: expected a list of documents")
    else:
        rows = list(csv.DictReader(io.StringIO(raw)))
        if rows and "doc_id" not in rows[0]:
            raise IngestError(f"manifest {path} has no doc_id column (columns: {', '.join(rows[0])})")
    out: dict[str, dict[str, str]] = {}
    for row in rows:
        if not isinstance(row, dict) or not str(row.get("doc_id") or "").strip():
            continue
        out[str(row["doc_id"]).strip()] = {k: str(row.get(k) or "") for k in MANIFEST_FIELDS}
    return out


def load_folder(folder: Path, manifest: Path | None = None) -> tuple[list[Document], list[IngestIssue]]:
    """Load every .txt/.html file of ``folder`` (doc_id = file stem), sorted by doc_id."""
    folder = Path(folder)
    if not folder.is_dir():
        raise IngestError(f"documents folder not found: {folder}")
    meta: dict[str, dict[str, str]] = {}
    if manifest is None and (folder / "manifest.csv").exists():
        manifest = folder / "manifest.csv"
    if manifest is not None:
        meta = read_manifest(manifest)
    docs: list[Document] = []
    issues: list[IngestIssue] = []
    files = sorted(p for p in folder.iterdir() if p.suffix.lower() in (".txt", ".html", ".htm") and p.is_file())
    for p in files:
        m = meta.get(p.stem, {})
        doc, doc_issues = document_from_text(
            p.stem,
            p.read_bytes(),
            published=m.get("published"),
            outlet=m.get("outlet", ""),
            url=m.get("url", ""),
            title=m.get("title", ""),
            date_basis=m.get("date_basis", ""),
            source_path=str(p),
        )
        if not doc.title:
            first_line = doc.text.strip().split("\n", 1)[0]
            doc = replace(doc, title=first_line[:120])
        docs.append(doc)
        issues.extend(doc_issues)
    for doc_id in sorted(set(meta) - {d.doc_id for d in docs}):
        issues.append(IngestIssue(doc_id, "warning", "listed in the manifest but no file found"))
    return docs, issues
