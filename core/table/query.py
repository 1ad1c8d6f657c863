"""Filters over the event table, shared by the dashboard, the exports and the command line.

A :class:`Filters` value is what the analyst chose (dates, parties, actors, types, places,
confidence); ``apply`` turns the table into the frame a view shows, ``describe`` says it in
words (for export captions), and the query-string helpers make a view bookmarkable.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from datetime import date

import pandas as pd

from core import vocab


@dataclass(frozen=True)
class Filters:
    date_from: date | None = None
    date_to: date | None = None
    sides: tuple[str, ...] = ()  # matches actor1_side or actor2_side
    actors: tuple[str, ...] = ()  # matches actor1 or actor2
    types: tuple[str, ...] = ()
    layers: tuple[str, ...] = ()
    admin1: tuple[str, ...] = ()  # governorate P-codes (SY07 ...)
    place: str = ""  # free text: Arabic or English place name, or a P-code
    min_confidence: float = 0.0
    grouped_once: bool = False  # one row per group of reports (the most confident)
    side_role: str = "any"  # "any" | "actor1": which actor the party filter looks at

    def is_empty(self) -> bool:
        return self == Filters()

    def with_changes(self, **changes) -> Filters:
        return replace(self, **changes)

    # ---- applying -------------------------------------------------------------------
    def apply(self, df: pd.DataFrame) -> pd.DataFrame:
        """Rows of ``df`` that pass every filter (order kept)."""
        if df.empty:
            return df
        mask = pd.Series(True, index=df.index)
        dates = pd.to_datetime(df["date"], errors="coerce")  # undated events (NaT) fail any date bound
        if self.date_from is not None:
            mask &= dates >= pd.Timestamp(self.date_from)
        if self.date_to is not None:
            mask &= dates <= pd.Timestamp(self.date_to)
        if self.sides:
            side_hit = df["actor1_side"].isin(self.sides)
            if self.side_role != "actor1":
                side_hit |= df["actor2_side"].isin(self.sides)
            mask &= side_hit
        if self.actors:
            mask &= df["actor1"].isin(self.actors) | df["actor2"].isin(self.actors)
        if self.types:
            mask &= df["type"].isin(self.types)
        if self.layers:
            mask &= df["layer"].isin(self.layers)
        if self.admin1:
            mask &= df["admin1_pcode"].isin(self.admin1) | spans_any(df, self.admin1)
        if self.place.strip():
            mask &= place_match(df, self.place)
        if self.min_confidence > 0:
            mask &= df["confidence"].fillna(0) >= self.min_confidence
        out = df[mask]
        if self.grouped_once and not out.empty:
            out = one_row_per_group(out)
        return out

    # ---- words and URLs ------------------------------------------------------------
    def describe(self) -> str:
        """One line for captions: "2020-02-01 – 2020-02-29 · party: turkey · types: shelling"."""
        parts = []
        if self.date_from or self.date_to:
            parts.append(f"{self.date_from or '…'} – {self.date_to or '…'} (undated left out)")
        if self.sides:
            role = "agent" if self.side_role == "actor1" else "either actor"
            parts.append("party: " + ", ".join(vocab.sides().get(s, {}).get("label_en", s) for s in self.sides)
                         + f" ({role})")
        if self.actors:
            parts.append("actors: " + ", ".join(self.actors))
        if self.types:
            parts.append("types: " + ", ".join(self.types))
        if self.layers:
            parts.append("layers: " + ", ".join(self.layers))
        if self.admin1:
            parts.append("governorates: " + ", ".join(self.admin1))
        if self.place.strip():
            parts.append(f"place: {self.place.strip()}")
        if self.min_confidence > 0:
            parts.append(f"confidence ≥ {self.min_confidence:.2f}")
        if self.grouped_once:
            parts.append("grouped reports once")
        return " · ".join(parts) if parts else "all events"

    def to_query_params(self) -> dict[str, str]:
        """Non-default filters as URL query parameters (lists comma-separated)."""
        out: dict[str, str] = {}
        for f in fields(self):
            value = getattr(self, f.name)
            if value == f.default or value == ():
                continue
            if isinstance(value, tuple):
                out[f.name] = ",".join(value)
            elif isinstance(value, bool):
                out[f.name] = "1" if value else "0"
            else:
                out[f.name] = str(value)
        return out

    @classmethod
    def from_query_params(cls, params: dict[str, str | list[str]]) -> Filters:
        """Inverse of :meth:`to_query_params`; unknown or malformed values are ignored."""
        kwargs: dict = {}
        for f in fields(cls):
            if f.name not in params:
                continue
            raw = params[f.name]
            raw = raw[-1] if isinstance(raw, list) else raw
            raw = str(raw)
            try:
                if f.name in ("date_from", "date_to"):
                    kwargs[f.name] = date.fromisoformat(raw)
                elif f.name in ("min_confidence",):
                    kwargs[f.name] = min(1.0, max(0.0, float(raw)))
                elif f.name == "grouped_once":
                    kwargs[f.name] = raw.lower() in ("1", "true", "yes")
                elif f.name in ("place", "side_role"):
                    kwargs[f.name] = raw
                else:
                    kwargs[f.name] = tuple(v for v in raw.split(",") if v)
            except ValueError:
                continue
        return cls(**kwargs)


def spans_any(df: pd.DataFrame, pcodes) -> pd.Series:
    """Rows whose place spans one of the governorates ``pcodes`` (column admin1_pcodes, '|'-separated: a region
    such as "شمال غرب سوريا" is in each governorate it spans); all False for a table without the column."""
    if "admin1_pcodes" not in df.columns:
        return pd.Series(False, index=df.index)
    wanted = set(pcodes)
    return df["admin1_pcodes"].fillna("").astype(str).map(lambda v: bool(wanted.intersection(v.split("|"))))


def place_match(df: pd.DataFrame, query: str) -> pd.Series:
    """Rows whose place (Arabic, English, P-code or governorate) contains ``query``.

    Arabic is compared after normalization, so "سراقب" finds "سَراقب" and "ادلب" finds "إدلب".
    """
    from core.text import normalize

    q = query.strip()
    q_norm = normalize(q)
    hit = pd.Series(False, index=df.index)
    if not q_norm:
        return hit
    for col in ("place_ar", "place_surface", "admin1_name", "admin2_name"):
        if col in df.columns:
            text = _as_text(df[col])
            found = {value: q_norm in normalize(value) for value in text.unique()}  # each distinct name once
            hit |= text.map(found).astype(bool)
    q_lower = q.lower()
    for col in ("place_en", "pcode", "admin1_pcode"):
        if col in df.columns:
            text = _as_text(df[col])
            hit |= text.map({value: q_lower in value.lower() for value in text.unique()}).astype(bool)
    return hit


def _as_text(column: pd.Series) -> pd.Series:
    return column.astype(object).where(column.notna(), "").astype(str)


def one_row_per_group(df: pd.DataFrame) -> pd.DataFrame:
    """Keep one row per (group_id, place): the most confident report of each grouped event."""
    key = df["group_id"].where(df["group_id"].astype(str) != "", df["event_id"])
    place = df["pcode"].fillna(df["place_ar"]).fillna("")
    # rank only the three columns needed, then keep the chosen rows in their original order
    slim = pd.DataFrame({"_key": key, "_place": place, "_conf": df["confidence"]}, index=df.index)
    ranked = slim.sort_values("_conf", ascending=False, kind="stable")
    kept = ranked.drop_duplicates(["_key", "_place"])
    return df.loc[df.index.isin(kept.index)]


def most_recent(df: pd.DataFrame, n: int) -> pd.DataFrame:
    """The ``n`` most recent rows, newest first (undated last): what a view draws when a filter matches too many."""
    if len(df) <= n:
        return df
    recent = pd.to_datetime(df["date"], errors="coerce").sort_values(ascending=False, na_position="last")
    return df.loc[recent.index[:n]]


def date_span(df: pd.DataFrame) -> tuple[date | None, date | None]:
    dates = pd.to_datetime(df["date"], errors="coerce").dropna()
    if dates.empty:
        return None, None
    return dates.min().date(), dates.max().date()


def counts(df: pd.DataFrame, column: str) -> pd.Series:
    """Value counts of ``column`` (missing values as "unknown"), largest first."""
    return df[column].fillna("unknown").astype(str).value_counts()
