"""Analysts' corrections, kept apart from the machine's output and applied when the table is read.

A correction says who did what to one event, and when: ``confirm`` (the row is right), ``edit``
(new values for some fields: type, date, actors, place, fatalities; the old values are kept too) or
``reject`` (not an event). They live in a JSON Lines file beside the table
(:func:`corrections_path`): one line per correction, the last one for an event wins. Extraction
never writes there, so a re-extraction keeps them: a correction finds its event by ``event_id``
(stable while the document, type, span and place are), else by document and evidence sentence.

:func:`apply` gives the table as reviewed: edits applied, rejected rows left out, and a ``review``
column ("confirmed" / "edited", "" for rows nobody checked) that every page and export shows.
"""

from __future__ import annotations

import json
import math
import os
from dataclasses import asdict, dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

import pandas as pd

from core import vocab
from core.table.atomic import write_bytes_atomic

ACTIONS = ("confirm", "edit", "reject")
EDITABLE = ("type", "date", "actor1", "actor2", "place", "fatalities")
REVIEW_COLUMN = "review"
PLACE_FIELDS = ("place_ar", "place_en", "pcode", "admin1_pcode", "lat", "lon", "geo_precision", "geo_status",
                "place_kind", "geo_reason")


class CorrectionError(ValueError):
    """A correction that cannot be stored (unknown event type, actor, date out of range...)."""


@dataclass(frozen=True)
class Correction:
    event_id: str
    doc_id: str
    action: str  # confirm | edit | reject
    who: str
    when: str  # ISO timestamp (UTC)
    changes: dict = field(default_factory=dict)  # field → [old, new] (place: the place fields)
    evidence: str = ""  # the machine's evidence sentence: finds the event again if its id changed
    note: str = ""


def corrections_path(table_path: str | os.PathLike) -> Path:
    """``STORE/corrections.jsonl`` for a store folder, ``TABLE.corrections.jsonl`` beside a table file."""
    path = Path(table_path)
    if path.is_dir() or not path.suffix:
        return path / "corrections.jsonl"
    return path.with_name(path.name + ".corrections.jsonl")


def load(path: str | os.PathLike) -> list[Correction]:
    """Every stored correction, oldest first (a damaged line is skipped, not fatal)."""
    path = Path(path)
    if not path.exists():
        return []
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        try:
            raw = json.loads(line)
            out.append(Correction(**{k: raw[k] for k in Correction.__dataclass_fields__ if k in raw}))
        except (json.JSONDecodeError, TypeError, KeyError):
            continue
    return out


def _plain(value):
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, pd.Timestamp | datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if hasattr(value, "item"):
        return value.item()
    return value


def check_changes(changes: dict) -> dict:
    """Changes as stored (plain JSON values), checked against the vocabulary; raises CorrectionError."""
    out = {}
    for name, new in changes.items():
        if name not in EDITABLE:
            raise CorrectionError(f"{name!r} cannot be edited (editable: {', '.join(EDITABLE)})")
        if name == "type" and new not in vocab.event_types():
            raise CorrectionError(f"unknown event type {new!r}")
        if name in ("actor1", "actor2") and new not in (None, "") and new not in vocab.actors():
            raise CorrectionError(f"unknown actor {new!r}")
        if name == "date":
            try:
                new = date.fromisoformat(str(new)).isoformat()
            except ValueError as exc:
                raise CorrectionError(f"not a date (YYYY-MM-DD): {new!r}") from exc
            if not "1990-01-01" <= new <= date.today().replace(year=date.today().year + 1).isoformat():
                raise CorrectionError(f"date {new} is out of range")
        if name == "fatalities" and new is not None:
            if isinstance(new, bool) or not isinstance(new, int | float) or new < 0 or new != int(new):
                raise CorrectionError(f"fatalities must be a whole number ≥ 0 (got {new!r})")
            new = int(new)
        if name == "place":
            new = place_values(new)
        out[name] = _plain(new) if name != "place" else new
    return out


def place_values(place: dict) -> dict:
    """The place fields of a chosen place: a gazetteer place or bare coordinates."""
    try:
        lat, lon = float(place["lat"]), float(place["lon"])
    except (KeyError, TypeError, ValueError) as exc:
        raise CorrectionError("a place needs lat and lon") from exc
    if not (-90 <= lat <= 90 and -180 <= lon <= 180) or math.isnan(lat + lon):
        raise CorrectionError(f"coordinates out of range: {lat}, {lon}")
    return {"place_ar": place.get("place_ar") or None, "place_en": place.get("place_en") or None,
            "pcode": place.get("pcode") or None, "admin1_pcode": place.get("admin1_pcode") or None,
            "lat": lat, "lon": lon, "geo_precision": 1, "geo_status": "resolved",
            "place_kind": place.get("place_kind") or ("user" if not place.get("pcode") else None),
            "geo_reason": "analyst: " + (place.get("reason") or "chosen in the Review page")}


def record(path: str | os.PathLike, row: dict | pd.Series, action: str, who: str, changes: dict | None = None,
           note: str = "") -> Correction:
    """Store one correction of the event ``row`` (a table row); returns it."""
    if action not in ACTIONS:
        raise CorrectionError(f"unknown action {action!r} (use {', '.join(ACTIONS)})")
    who = " ".join(str(who or "").split())[:80]
    if not who:
        raise CorrectionError("say who you are (a name or initials) before correcting")
    checked = check_changes(changes or {}) if action == "edit" else {}
    if action == "edit" and not checked:
        raise CorrectionError("nothing was changed")
    old = {name: (_plain(row.get(name)) if name != "place" else {k: _plain(row.get(k)) for k in PLACE_FIELDS})
           for name in checked}
    c = Correction(event_id=str(row["event_id"]), doc_id=str(row["doc_id"]), action=action, who=who,
                   when=datetime.now(UTC).isoformat(timespec="seconds"),
                   changes={k: [old[k], v] for k, v in checked.items()}, evidence=str(row.get("evidence") or ""),
                   note=str(note or "")[:500])
    path = Path(path)
    previous = path.read_bytes() if path.exists() else b""
    if previous and not previous.endswith(b"\n"):
        previous += b"\n"
    write_bytes_atomic(path, previous + (json.dumps(asdict(c), ensure_ascii=False) + "\n").encode("utf-8"))
    return c


def latest(corrections: list[Correction]) -> dict[str, Correction]:
    """The last correction of each event."""
    out: dict[str, Correction] = {}
    for c in corrections:
        out[c.event_id] = c
    return out


def _targets(out: pd.DataFrame, corrections: list[Correction]) -> dict[str, Correction]:
    """The latest correction of each event of ``out``, by event id (or, for an event whose id changed with a
    re-extraction after a code change, by its document and sentence when the frame has the evidence)."""
    ids = set(out["event_id"])
    by_sentence = ({(d, e): i for i, d, e in zip(out["event_id"], out["doc_id"], out["evidence"], strict=True)}
                   if "evidence" in out.columns else {})
    target = {}
    for c in latest(corrections).values():
        eid = c.event_id if c.event_id in ids else by_sentence.get((c.doc_id, c.evidence))
        if eid is not None:
            target[eid] = c
    return target


def marks(df: pd.DataFrame, corrections: list[Correction]) -> pd.DataFrame:
    """``df`` (a few columns of the table) with the review column and without the rejected events; the edited
    values themselves come with :func:`apply` on the full rows."""
    out = df.copy()
    out[REVIEW_COLUMN] = ""
    if not corrections or out.empty:
        return out
    target = _targets(out, corrections)
    status = out["event_id"].map(lambda e: target[e].action if e in target else "")
    out[REVIEW_COLUMN] = status.map({"confirm": "confirmed", "reject": "rejected"}).fillna(
        status.where(status == "", "edited"))
    return out[status != "reject"].reset_index(drop=True)


def apply(df: pd.DataFrame, corrections: list[Correction]) -> pd.DataFrame:
    """The table as reviewed (see the module docstring). The machine's table is not modified."""
    out = df.copy()
    out[REVIEW_COLUMN] = ""
    if not corrections or out.empty:
        return out
    target = _targets(out, corrections)
    index = {eid: i for i, eid in enumerate(out["event_id"])}
    keep = pd.Series(True, index=out.index)
    types = vocab.event_types()
    actors = vocab.actors()
    for eid, c in target.items():
        row = out.index[index[eid]]
        if c.action == "reject":
            keep[row] = False
            continue
        out.at[row, REVIEW_COLUMN] = "confirmed" if c.action == "confirm" else "edited"
        for name, (_old, new) in c.changes.items():
            if name == "type":
                out.at[row, "type"] = new
                out.at[row, "layer"] = types[new]["layer"]
            elif name == "date":
                stamp = pd.Timestamp(new)
                for col in ("date", "date_start", "date_end"):
                    out.at[row, col] = stamp
                out.at[row, "time_precision"] = "day"
            elif name in ("actor1", "actor2"):
                out.at[row, name] = new or None
                out.at[row, f"{name}_side"] = actors[new].side if new else None
            elif name == "fatalities":
                out.at[row, "fatalities"] = new
            elif name == "place":
                for col, value in new.items():
                    if col in out.columns:
                        out.at[row, col] = value
    return out[keep].reset_index(drop=True)
