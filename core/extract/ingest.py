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
from collections import Counter
from dataclasses import dataclass, replace
from datetime import date, timedelta
from pathlib import Path

from core.model import Document

MAX_DOC_BYTES = 5_000_000  # larger files are truncated at this size (flagged), not dropped
MAX_DOC_CHARS = 2_000_000  # longer texts (pasted, JSON Lines, decoded files) are cut here (flagged)
MAX_MANIFEST_BYTES = 50_000_000
MAX_MANIFEST_FIELD = 100_000  # characters in one manifest cell (a longer one is a broken file)
EARLIEST_PUBLISHED = date(1990, 1, 1)  # publication dates outside [this, today + a year] are typos
# Invisible format characters (bidi embeddings/overrides/isolates, zero-width space/joiners, soft
# hyphen, BOM, Arabic letter mark): they split words, so names and cue words stop matching.
_FORMAT_CHARS_RE = re.compile("[\u00ad\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
# Leading bytes of binary formats that are not text, whatever decoder accepts them.
BINARY_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"), (b"\xff\xd8\xff", "a JPEG image"), (b"GIF8", "a GIF image"),
    (b"RIFF", "a RIFF (WebP/WAV/AVI) file"), (b"%PDF", "a PDF file"), (b"PK\x03\x04", "a ZIP archive (or DOCX/XLSX)"),
    (b"\x1f\x8b", "a gzip archive"), (b"BZh", "a bzip2 archive"), (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"\x7fELF", "a program (ELF)"), (b"MZ", "a Windows program"), (b"\xd0\xcf\x11\xe0", "an MS Office (OLE) file"),
    (b"PAR1", "a Parquet file"), (b"SQLite format 3", "an SQLite database"), (b"\x00\x00\x01\x00", "an icon file"),
    (b"II*\x00", "a TIFF image"), (b"MM\x00*", "a TIFF image"), (b"OggS", "an Ogg file"), (b"ID3", "an MP3 file"),
)
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


def binary_kind(raw: bytes) -> str:
    """What a binary file is ("a PNG image", "a binary file"), or "" for text (UTF-16 counts as text)."""
    for signature, kind in BINARY_SIGNATURES:
        if raw.startswith(signature):
            return kind
    if _utf16_codec(raw):
        return ""
    head = raw[:4096]
    if b"\x00" in head:
        return "a binary file"
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    return "a binary file" if head and controls > len(head) // 10 else ""


def _utf16_codec(raw: bytes) -> str:
    """"utf-16" when ``raw`` is UTF-16 text (a BOM, or the zero bytes of Latin/Arabic code units), else ""."""
    if raw[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return "utf-16"
    head = raw[:4096]
    if len(head) < 4 or len(head) % 2:
        return ""
    even, odd = head[0::2], head[1::2]
    # Arabic (U+06xx) or ASCII code units: one byte of each pair is 0x00 or 0x06 most of the time
    for hi, codec in ((odd, "utf-16-le"), (even, "utf-16-be")):
        if sum(1 for b in hi if b in (0, 6)) > 0.9 * len(hi) and hi.count(0) > 0.05 * len(hi):
            try:
                raw.decode(codec)
            except UnicodeDecodeError:
                continue
            return codec
    return ""


def decode_bytes(raw: bytes) -> tuple[str, tuple[str, ...]]:
    """Decode UTF-8 (with or without BOM), UTF-16 (BOM or zero bytes), else Windows-1256 (Arabic sites)."""
    codec = _utf16_codec(raw)
    if codec:
        try:
            return raw.decode(codec).lstrip("\ufeff"), ("decoded_utf16",)
        except UnicodeDecodeError:
            pass
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


def published_range() -> tuple[date, date]:
    """Publication dates accepted: from 1990 to a year after today (2099 or 9999 are typos)."""
    return EARLIEST_PUBLISHED, date.today() + timedelta(days=366)


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
        kind = binary_kind(raw)
        if kind:
            issues.append(IngestIssue(doc_id, "error", f"{kind}, not a text document: not read"))
            raw, flags = b"", ["binary"]
        if len(raw) > MAX_DOC_BYTES:
            cut = MAX_DOC_BYTES
            while cut > 0 and (raw[cut] & 0xC0) == 0x80:  # do not split a UTF-8 character
                cut -= 1
            issues.append(IngestIssue(doc_id, "warning", f"file is {len(raw):,} bytes: only the first {cut:,} are "
                                                         f"read, the last {len(raw) - cut:,} bytes are cut"))
            raw = raw[:cut]
            flags.append("truncated")
        text, dflags = decode_bytes(raw)
        flags.extend(dflags)
        if "decoded_utf16" in dflags:
            issues.append(IngestIssue(doc_id, "warning", "UTF-16 text: decoded as UTF-16"))
        if "decoded_cp1256" in dflags:
            issues.append(IngestIssue(doc_id, "warning", "not UTF-8: decoded as Windows-1256 (Arabic)"))
        if "undecodable_bytes_replaced" in dflags:
            issues.append(IngestIssue(doc_id, "warning", "neither UTF-8 nor Windows-1256: undecodable bytes replaced"))
    else:
        text = raw
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
    text, n_format = _FORMAT_CHARS_RE.subn("", text)
    if n_format:
        issues.append(IngestIssue(doc_id, "warning", f"{n_format:,} invisible format characters (bidi controls, "
                                                     "zero-width spaces, soft hyphens) removed"))
        flags.append("format_chars_removed")
    if len(text) > MAX_DOC_CHARS:
        cut = text.rfind("\n", MAX_DOC_CHARS // 2, MAX_DOC_CHARS) + 1 or MAX_DOC_CHARS
        issues.append(IngestIssue(doc_id, "warning", f"text is {len(text):,} characters: only the first {cut:,} are "
                                                     f"read, the last {len(text) - cut:,} are cut"))
        text = text[:cut]
        flags.append("truncated")
    if looks_like_html(text):
        text = strip_html(text)
        flags.append("html_stripped")
        issues.append(IngestIssue(doc_id, "warning", "HTML markup removed; visible text kept"))
    if "binary" in flags:
        pass
    elif not text.strip():
        issues.append(IngestIssue(doc_id, "error", "document is empty"))
        flags.append("empty")
    elif not _ARABIC_RE.search(text):
        issues.append(IngestIssue(doc_id, "warning", "no Arabic text found: no events will be extracted"))
        flags.append("non_arabic")
    pub = parse_date(published)
    if published not in (None, "") and pub is None:
        shown = str(published)[:40]
        issues.append(IngestIssue(doc_id, "warning", f"publication date {shown!r} is not YYYY-MM-DD: ignored"))
        flags.append("bad_published_date")
    earliest, latest = published_range()
    if pub is not None and not earliest <= pub <= latest:
        issues.append(IngestIssue(doc_id, "warning", f"publication date {pub.isoformat()} is outside "
                                                     f"{earliest.year}–{latest.isoformat()}: ignored"))
        flags.append("bad_published_date")
        pub = None
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
    """Manifest (CSV or JSON list) → {doc_id: metadata}. Unknown columns are ignored; a file that cannot
    be read whole raises :class:`IngestError` with one line saying why (see :func:`read_manifest_checked`)."""
    return read_manifest_checked(path)[0]


def read_manifest_checked(path: Path) -> tuple[dict[str, dict[str, str]], list[IngestIssue]]:
    """The manifest's metadata and its warnings (repeated doc_ids: the first row is used)."""
    path = Path(path)
    if not path.exists():
        raise IngestError(f"manifest not found: {path}")
    if path.is_dir():
        raise IngestError(f"manifest {path} is a folder, not a CSV or JSON file")
    try:
        size = path.stat().st_size
        if size > MAX_MANIFEST_BYTES:
            raise IngestError(f"manifest {path} is {size:,} bytes (more than {MAX_MANIFEST_BYTES:,}): not a manifest")
        data = path.read_bytes()
    except OSError as exc:
        raise IngestError(f"manifest {path} cannot be read: {exc.strerror or exc}") from exc
    kind = binary_kind(data)
    if kind:
        raise IngestError(f"manifest {path} is {kind}, not a CSV or JSON file")
    raw, _ = decode_bytes(data)
    rows: list[tuple[int, dict]]
    if path.suffix.lower() in (".json", ".jsonl") or raw.lstrip().startswith(("[", "{")):
        try:
            loaded = json.loads(raw)
        except json.JSONDecodeError as exc:
            raise IngestError(f"manifest {path} is not valid JSON: {exc}") from exc
        docs = loaded.get("documents", []) if isinstance(loaded, dict) else loaded
        if not isinstance(docs, list):
            raise IngestError(f"manifest {path}: expected a list of documents")
        rows = [(i + 1, row) for i, row in enumerate(docs)]
        where = "entry"
    else:
        rows = _csv_rows(path, raw)
        where = "line"
    out: dict[str, dict[str, str]] = {}
    first_at: dict[str, int] = {}
    issues: list[IngestIssue] = []
    for at, row in rows:
        if not isinstance(row, dict) or not str(row.get("doc_id") or "").strip():
            continue
        doc_id = str(row["doc_id"]).strip()
        if doc_id in out:
            issues.append(IngestIssue(doc_id, "warning", f"listed twice in the manifest ({where}s {first_at[doc_id]} "
                                                         f"and {at}): {where} {first_at[doc_id]} is used"))
            continue
        first_at[doc_id] = at
        out[doc_id] = {k: str(row.get(k) or "") for k in MANIFEST_FIELDS}
    return out, issues


def _csv_rows(path: Path, raw: str) -> list[tuple[int, dict]]:
    """(line number, row) of a CSV manifest; a broken quote or a huge cell is an :class:`IngestError`."""
    reader = csv.reader(io.StringIO(raw), strict=True)
    previous = csv.field_size_limit(MAX_MANIFEST_FIELD)
    rows: list[tuple[int, dict]] = []
    line = 1
    try:
        header = next(reader, None)
        if header is None:
            return []
        header = [h.strip() for h in header]
        if "doc_id" not in header:
            raise IngestError(f"manifest {path} has no doc_id column (columns: {', '.join(header)[:200]})")
        line = reader.line_num + 1
        for values in reader:
            rows.append((line, dict(zip(header, values, strict=False))))
            line = reader.line_num + 1
    except csv.Error as exc:
        reason = "unterminated quote" if "end of data" in str(exc) else str(exc)
        raise IngestError(f"manifest {path}: {reason} in the row at line {line}") from exc
    finally:
        csv.field_size_limit(previous)
    return rows


def assign_doc_ids(files: list[Path], root: Path | None) -> tuple[dict[Path, str], list[IngestIssue]]:
    """doc_id of each file: its stem (relative path without suffix below ``root``); files sharing one
    (``a.txt`` and ``a.html``) keep their suffix (``a.txt``, ``a.html``) so neither is lost."""
    def base(f: Path) -> str:
        rel = f.relative_to(root).with_suffix("").as_posix() if root is not None else f.stem
        return rel if "/" in rel else f.stem

    bases = {f: base(f) for f in files}
    counts = Counter(bases.values())
    ids: dict[Path, str] = {}
    issues: list[IngestIssue] = []
    for f in files:
        stem = bases[f]
        ids[f] = stem if counts[stem] == 1 else stem + f.suffix.lower()
        if counts[stem] > 1:
            names = ", ".join(sorted(g.name for g in files if bases[g] == stem)) if counts[stem] < 10 else "…"
            issues.append(IngestIssue(ids[f], "warning", f"{counts[stem]} files share doc_id {stem!r} ({names}): "
                                                         f"this one is read as {ids[f]!r}"))
    return ids, issues


def manifest_entry(meta: dict[str, dict[str, str]], doc_id: str, stem: str) -> dict[str, str]:
    """A file's manifest row: by its doc_id, else (a renamed shared stem) by its stem."""
    return meta.get(doc_id) or meta.get(stem) or {}


def load_folder(folder: Path, manifest: Path | None = None) -> tuple[list[Document], list[IngestIssue]]:
    """Load every .txt/.html file of ``folder`` (doc_id = file stem), sorted by doc_id."""
    folder = Path(folder)
    if not folder.is_dir():
        raise IngestError(f"documents folder not found: {folder}")
    meta: dict[str, dict[str, str]] = {}
    issues: list[IngestIssue] = []
    if manifest is None and (folder / "manifest.csv").exists():
        manifest = folder / "manifest.csv"
    if manifest is not None:
        meta, issues = read_manifest_checked(manifest)
    docs: list[Document] = []
    files = sorted(p for p in folder.iterdir() if p.suffix.lower() in (".txt", ".html", ".htm") and p.is_file())
    ids, id_issues = assign_doc_ids(files, None)
    issues.extend(id_issues)
    for p in files:
        doc_id = ids[p]
        m = manifest_entry(meta, doc_id, p.stem)
        try:
            raw = p.read_bytes()
        except OSError as exc:
            issues.append(IngestIssue(doc_id, "error", f"cannot read {p.name}: {exc.strerror or exc}"))
            continue
        doc, doc_issues = document_from_text(
            doc_id,
            raw,
            published=m.get("published"),
            outlet=m.get("outlet", ""),
            url=m.get("url", ""),
            title=m.get("title", ""),
            date_basis=m.get("date_basis", ""),
            source_path=str(p),
        )
        issues.extend(doc_issues)
        if "binary" in doc.flags:
            continue  # not a document: reported, nothing to keep
        if not doc.title:
            first_line = doc.text.strip().split("\n", 1)[0]
            doc = replace(doc, title=first_line[:120])
        docs.append(doc)
    used = set(ids.values()) | {p.stem for p in files}
    for doc_id in sorted(set(meta) - used):
        issues.append(IngestIssue(doc_id, "warning", "listed in the manifest but no file found"))
    return docs, issues
