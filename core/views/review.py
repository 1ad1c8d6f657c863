"""What the Review page shows: the events worth checking, unresolved place names, and the mapping
of a name to a place (``geodata/user_places.csv`` + a correction of each affected event).

Every list is computed with vectorised pandas over the table (no scan per row of all rows).
"""

from __future__ import annotations

import csv
import io
import os
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pandas as pd

from core.table import corrections
from core.table.atomic import write_bytes_atomic
from core.views.highlight import escape_body

LOW_CONFIDENCE = 0.6
REASONS = {
    "low_confidence": "low confidence",
    "unresolved_place": "place not found in the gazetteer",
    "region_place": "place is a region only",
    "ambiguous_place": "place chosen among same-named places",
    "inferred_date": "date inferred (publication date or an earlier sentence)",
    "agent_from_context": "agent taken from the context",
}
USER_PLACE_COLUMNS = ("name_ar", "aliases_ar", "name_en", "kind", "lat", "lon", "pcode", "admin1_pcode", "note")


def reasons_frame(df: pd.DataFrame) -> pd.DataFrame:
    """One boolean column per reason (:data:`REASONS`), aligned with ``df``."""
    rule = df["rule"].astype(str)
    flags = df["time_flags"].astype(str) if "time_flags" in df else pd.Series("", index=df.index)
    reason = df["geo_reason"].astype(str) if "geo_reason" in df else pd.Series("", index=df.index)
    return pd.DataFrame({
        "low_confidence": df["confidence"].astype(float) < LOW_CONFIDENCE,
        "unresolved_place": df["geo_status"] == "unresolved",
        "region_place": df["geo_status"] == "region",
        "ambiguous_place": reason.str.contains("chosen among", regex=False),
        "inferred_date": rule.str.contains(r"time:(?:published|paragraph|none)", regex=True)
        | flags.str.contains("date_from_published", regex=False) | (df["time_precision"] == "unknown"),
        "agent_from_context": rule.str.contains(r"agent:(?:context|signature)", regex=True),
    }, index=df.index)


def review_queue(df: pd.DataFrame, reviewed: set[str] | None = None, reasons: tuple[str, ...] = tuple(REASONS)
                 ) -> pd.DataFrame:
    """Events to check (one of ``reasons``), not yet reviewed, most doubtful first, with a ``why`` column."""
    if df.empty:
        return df.assign(why=pd.Series(dtype=str), n_reasons=pd.Series(dtype=int))
    flags = reasons_frame(df)[list(reasons)]
    n = flags.sum(axis=1)
    chosen = (n > 0) & ~df["event_id"].isin(reviewed or set())
    why = flags[chosen].apply(lambda r: "; ".join(REASONS[k] for k in r.index if r[k]), axis=1)
    out = df[chosen].assign(why=why, n_reasons=n[chosen])
    return out.sort_values(["n_reasons", "confidence", "doc_id", "char_start"], ascending=[False, True, True, True],
                           kind="stable").reset_index(drop=True)


def sentence_html(row: pd.Series | dict) -> str:
    """The event's evidence sentence, escaped, its place and time words marked (as on the Sources page)."""
    text = str(row.get("evidence") or "")
    marks = []
    for column, css in (("place_surface", "m-place" + (" unresolved" if row.get("geo_status") == "unresolved"
                                                        else "")), ("time_surface", "m-time")):
        surface = row.get(column)
        if isinstance(surface, str) and surface and (at := text.find(surface)) >= 0:
            marks.append((at, at + len(surface), css))
    marks.sort()
    out, pos = [], 0
    for a, b, css in marks:
        if a < pos:
            continue  # overlapping words: the first one is marked
        out.append(escape_body(text[pos:a]))
        out.append(f'<mark class="{css}">{escape_body(text[a:b])}</mark>')
        pos = b
    out.append(escape_body(text[pos:]))
    return f'<div class="rasd-ar" dir="rtl" lang="ar">{"".join(out)}</div>'


@dataclass(frozen=True)
class UnresolvedName:
    name: str
    count: int  # events
    documents: int
    sentences: tuple[str, ...]  # up to three evidence sentences


def unresolved_names(df: pd.DataFrame, max_sentences: int = 3) -> list[UnresolvedName]:
    """Unresolved place names with how many events and documents name them, most frequent first."""
    rows = df[(df["geo_status"] == "unresolved") & df["place_surface"].notna() & (df["place_surface"] != "")]
    out = []
    for name, group in rows.groupby("place_surface", sort=False):
        sentences = tuple(dict.fromkeys(group["evidence"].astype(str)))[:max_sentences]
        out.append(UnresolvedName(str(name), len(group), group["doc_id"].nunique(), sentences))
    return sorted(out, key=lambda u: (-u.count, u.name))


def search_places(gazetteer, query: str, limit: int = 20) -> list:
    """Gazetteer places for ``query``: a P-code, a name or spelling variant, else names containing it."""
    query = " ".join(str(query or "").split())
    if not query:
        return []
    found = []
    if (place := gazetteer.by_id(query)) is not None:
        found.append(place)
    found += [p for p in gazetteer.lookup(query) if p not in found]
    if len(found) < limit:
        q = query.lower()
        for p in gazetteer.places.values():
            if len(found) >= limit:
                break
            if p not in found and p.lat is not None and (q in p.name_ar or q in p.name_en.lower()):
                found.append(p)
    return found[:limit]


def place_choice(place) -> dict:
    """The place fields a correction stores for a gazetteer place."""
    return {"place_ar": place.name_ar, "place_en": place.name_en, "pcode": place.place_id,
            "admin1_pcode": place.admin1_pcode or None, "lat": place.lat, "lon": place.lon,
            "place_kind": place.kind, "reason": f"gazetteer {place.place_id}"}


def add_user_place(path: str | os.PathLike, name: str, *, place=None, lat: float | None = None,
                   lon: float | None = None, who: str = "") -> dict:
    """Append ``name`` to the user places file: an alias of a gazetteer ``place``, or a new place at
    ``lat``/``lon``. Written atomically; the header and comments already there are kept."""
    name = " ".join(str(name or "").split())
    if not name:
        raise corrections.CorrectionError("the name to map is empty")
    row = dict.fromkeys(USER_PLACE_COLUMNS, "")
    row["name_ar"] = name
    row["note"] = f"Review page, {who or 'analyst'}, {date.today().isoformat()}"
    if place is not None:
        row["pcode"] = place.place_id
    else:
        checked = corrections.place_values({"lat": lat, "lon": lon})
        row.update(lat=f"{checked['lat']:.6f}", lon=f"{checked['lon']:.6f}", kind="community")
    path = Path(path)
    old = path.read_text(encoding="utf-8") if path.exists() else ""
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=USER_PLACE_COLUMNS, lineterminator="\n")
    if not any(line.startswith("name_ar") for line in old.splitlines()):
        writer.writeheader()
    writer.writerow(row)
    if old and not old.endswith("\n"):
        old += "\n"
    write_bytes_atomic(path, (old + buf.getvalue()).encode("utf-8"))
    return row


def map_name(table: pd.DataFrame, name: str, choice: dict, who: str, corrections_file: str | os.PathLike,
             user_places_file: str | os.PathLike, place=None) -> int:
    """Map an unresolved ``name`` to a place: the user places file gets it (the next extraction finds
    it), and every event still unresolved at that name is re-geocoded now (a correction each).
    Returns how many events were re-geocoded."""
    add_user_place(user_places_file, name, place=place, lat=choice.get("lat"), lon=choice.get("lon"), who=who)
    affected = table[(table["geo_status"] == "unresolved") & (table["place_surface"] == name)]
    for _, row in affected.iterrows():
        corrections.record(corrections_file, row, "edit", who, {"place": {**choice, "reason": choice.get(
            "reason") or f"name {name!r} mapped"}}, note=f"name {name!r} mapped")
    return len(affected)
