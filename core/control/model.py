"""Who held each community on a given day, derived from the event table.

A *claim* says that after an event a side holds a community (an OCHA P-code): the taker of a
``territory_taken`` event, the side a ``withdrawal`` left the place to, the side an ``agreement`` handed it
to (rules in core/lexicons/control.yaml). The controller of a community as of day D is the side of its
latest claim on or before D, with that claim's event as evidence; claims of the same (latest) day that
disagree make the community "contested" (never resolved silently). An optional baseline (CSV
``pcode, side, as_of``) gives the holder of places no event names; an event on the baseline's own day wins.
Places neither an event nor the baseline names have no controller: the map leaves them unshaded.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np
import pandas as pd

from core import vocab

CONTESTED = "contested"
UNKNOWN = "unknown"
COMMUNITY_PCODE = r"^C\d+$"
BASELINE_COLUMNS = ("pcode", "side", "as_of")
# what a claim carries to the map and the exports (the evidence of a cell)
CLAIM_COLUMNS = ["pcode", "day", "side", "source", "event_id", "doc_id", "type", "evidence", "summary", "outlet",
                 "url", "published", "place_en", "place_ar", "geo_precision", "confidence", "group_id"]
STATE_COLUMNS = ["pcode", "controller", "since", "source", "event_id", "doc_id", "type", "evidence", "summary",
                 "outlet", "url", "published", "place_en", "place_ar", "geo_precision", "n_claims", "claim_sides",
                 "claim_events"]


@dataclass(frozen=True)
class Rules:
    claims: dict
    adversary: dict
    max_geo_precision: int
    states: dict
    style: dict


@cache
def rules() -> Rules:
    data = vocab.load_yaml("control.yaml")
    return Rules(claims=data["claims"], adversary=data.get("adversary") or {},
                 max_geo_precision=int(data.get("max_geo_precision", 2)), states=data.get("states") or {},
                 style=data.get("style") or {})


def state_label(state: str, lang: str = "en") -> str:
    """English (or Arabic) label of a controller: a side of sides.yaml, "contested" or "unknown"."""
    spec = rules().states.get(state) if state in (CONTESTED, UNKNOWN) else vocab.sides().get(state)
    spec = spec or {}
    return spec.get(f"label_{lang}") or spec.get("label_en") or state


def state_colour(state: str) -> str:
    if state in (CONTESTED, UNKNOWN):
        return rules().states[state]["colour"]
    return (vocab.sides().get(state) or vocab.sides()["unknown"])["colour"]


def as_day(value) -> pd.Timestamp:
    """A day (midnight Timestamp) from a date, a datetime, a Timestamp or an ISO string."""
    try:
        day = pd.Timestamp(value)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"not a date (YYYY-MM-DD): {value!r}") from exc
    if pd.isna(day):
        raise ValueError(f"not a date (YYYY-MM-DD): {value!r}")
    return day.tz_localize(None).normalize() if day.tzinfo else day.normalize()


# ---- claims from the event table ---------------------------------------------------------------------
def _text(df: pd.DataFrame, column: str) -> pd.Series:
    if column not in df.columns:
        return pd.Series("", index=df.index, dtype=object)
    values = df[column].astype(object)
    return values.where(values.notna(), "").astype(str).str.strip().replace({"nan": "", "None": "", "<NA>": ""})


def event_claims(events: pd.DataFrame, rule_set: Rules | None = None) -> pd.DataFrame:
    """One claim per event that says who holds a community after it (columns :data:`CLAIM_COLUMNS`)."""
    rule_set = rule_set or rules()
    if events is None or events.empty or "type" not in events.columns:
        return pd.DataFrame(columns=CLAIM_COLUMNS)
    rows = events[events["type"].isin(list(rule_set.claims))]
    pcode = _text(rows, "pcode")
    precision = pd.to_numeric(rows.get("geo_precision"), errors="coerce")
    rows = rows[pcode.str.match(COMMUNITY_PCODE) & precision.le(rule_set.max_geo_precision).fillna(False)]
    if rows.empty:
        return pd.DataFrame(columns=CLAIM_COLUMNS)
    day = pd.to_datetime(rows["date"], errors="coerce")
    if "date_end" in rows.columns:
        day = day.fillna(pd.to_datetime(rows["date_end"], errors="coerce"))
    side = pd.Series("", index=rows.index, dtype=object)
    keep = pd.Series(False, index=rows.index)
    actor1_side = _text(rows, "actor1_side")
    for event_type, spec in rule_set.claims.items():
        of_type = rows["type"].eq(event_type)
        if spec.get("requires_column"):
            of_type &= _text(rows, spec["requires_column"]).ne("")
        chosen = pd.Series("", index=rows.index, dtype=object)
        for column in spec.get("side_from", []):
            chosen = chosen.where(chosen.ne(""), _text(rows, column))
        if spec.get("adversary"):
            chosen = chosen.where(chosen.ne(""), actor1_side.map(rule_set.adversary).fillna(""))
        side = side.where(~of_type, chosen)
        keep |= of_type
    known = set(vocab.sides())
    side = side.where(side.isin(known) & side.ne(""), UNKNOWN)
    out = pd.DataFrame({"pcode": _text(rows, "pcode"), "day": day.dt.normalize(), "side": side, "source": "event"},
                       index=rows.index)
    for column in CLAIM_COLUMNS[4:]:
        out[column] = rows[column] if column in rows.columns else None
    return out[keep & out["day"].notna()].reset_index(drop=True)[CLAIM_COLUMNS]


# ---- the baseline -------------------------------------------------------------------------------------
class BaselineError(ValueError):
    """A baseline file that cannot be read (the message names the file, the line and the problem)."""


def read_baseline(source: str | os.PathLike | io.TextIOBase, name: str | None = None) -> pd.DataFrame:
    """The baseline CSV ``pcode, side, as_of`` (header required; lines starting with ``#`` are comments).

    Every problem is reported at once, in one line per problem joined by "; " (nothing is dropped
    silently): a missing column, an unknown side, a P-code that is not a community, a bad date, a
    P-code given twice for the same day."""
    name = name or str(getattr(source, "name", source))
    try:
        if isinstance(source, io.TextIOBase):
            text = source.read()
        else:
            text = Path(source).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise BaselineError(f"baseline {name}: cannot read it ({exc})") from exc
    lines = [(n, line) for n, line in enumerate(text.splitlines(), start=1)
             if line.strip() and not line.lstrip().startswith("#")]
    if not lines:
        raise BaselineError(f"baseline {name}: empty (expected a header line: pcode,side,as_of)")
    reader = csv.reader([line for _, line in lines])
    header = [h.strip().lower() for h in next(reader)]
    missing = [c for c in BASELINE_COLUMNS if c not in header]
    if missing:
        raise BaselineError(f"baseline {name}: column(s) missing: {', '.join(missing)} (header: pcode,side,as_of)")
    index = {c: header.index(c) for c in BASELINE_COLUMNS}
    known = set(vocab.sides())
    problems, records, seen = [], [], set()
    for (number, _), values in zip(lines[1:], reader, strict=True):
        values = [v.strip() for v in values] + [""] * len(header)
        pcode, side, as_of = (values[index[c]] for c in BASELINE_COLUMNS)
        if not pd.Series([pcode]).str.match(COMMUNITY_PCODE).iloc[0]:
            problems.append(f"line {number}: {pcode!r} is not a community P-code (C followed by digits)")
            continue
        if side not in known:
            problems.append(f"line {number}: unknown side {side!r} (known: {', '.join(known)})")
            continue
        try:
            day = dt.date.fromisoformat(as_of)
        except ValueError:
            problems.append(f"line {number}: as_of {as_of!r} is not a date (YYYY-MM-DD)")
            continue
        if (pcode, day) in seen:
            problems.append(f"line {number}: {pcode} given twice for {day}")
            continue
        seen.add((pcode, day))
        records.append({"pcode": pcode, "side": side, "as_of": pd.Timestamp(day)})
    if problems:
        shown = "; ".join(problems[:5]) + (f"; … {len(problems) - 5} more" if len(problems) > 5 else "")
        raise BaselineError(f"baseline {name}: {shown}")
    return pd.DataFrame(records, columns=list(BASELINE_COLUMNS))


def baseline_claims(baseline: pd.DataFrame | None, label: str = "baseline") -> pd.DataFrame:
    if baseline is None or baseline.empty:
        return pd.DataFrame(columns=CLAIM_COLUMNS)
    out = pd.DataFrame({"pcode": baseline["pcode"].astype(str), "day": pd.to_datetime(baseline["as_of"]),
                        "side": baseline["side"].astype(str), "source": "baseline"})
    out["evidence"] = [f"{label}: held by {state_label(s)} as of {d:%Y-%m-%d}" for s, d in
                       zip(out["side"], out["day"], strict=True)]
    for column in CLAIM_COLUMNS:
        if column not in out.columns:
            out[column] = None
    out["event_id"], out["doc_id"] = "", ""
    return out[CLAIM_COLUMNS]


# ---- the model ---------------------------------------------------------------------------------------
class ControlModel:
    """The claims of an event table (and baseline), sorted once; :meth:`state` answers for any day."""

    def __init__(self, events: pd.DataFrame | None, baseline: pd.DataFrame | None = None, *,
                 baseline_label: str = "baseline", rule_set: Rules | None = None):
        self.rules = rule_set or rules()
        frames = [f for f in (event_claims(events, self.rules), baseline_claims(baseline, baseline_label))
                  if not f.empty]
        claims = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=CLAIM_COLUMNS)
        claims["day"] = pd.to_datetime(claims["day"]).astype("datetime64[ns]")
        claims["confidence"] = pd.to_numeric(claims["confidence"], errors="coerce").fillna(0.0)
        # sorted by day, baseline before events of the same day, so a slice [:k] is "everything up to day D"
        claims["_rank"] = np.where(claims["source"].eq("baseline"), 0, 1)
        self.claims = claims.sort_values(["day", "_rank"], kind="stable").reset_index(drop=True)
        self._days = self.claims["day"].to_numpy()

    @property
    def first_day(self) -> pd.Timestamp | None:
        return pd.Timestamp(self._days[0]) if len(self._days) else None

    @property
    def last_day(self) -> pd.Timestamp | None:
        return pd.Timestamp(self._days[-1]) if len(self._days) else None

    def claims_until(self, as_of) -> pd.DataFrame:
        end = np.searchsorted(self._days, np.datetime64(as_day(as_of), "ns"), side="right")
        return self.claims.iloc[:end]

    def n_reports(self, as_of) -> int:
        """Distinct source documents behind the event claims up to ``as_of`` (the legend's N)."""
        until = self.claims_until(as_of)
        return int(until.loc[until["source"].eq("event"), "doc_id"].nunique())

    def state(self, as_of) -> pd.DataFrame:
        """One row per community with a controller as of ``as_of`` (columns :data:`STATE_COLUMNS`)."""
        until = self.claims_until(as_of)
        if until.empty:
            return pd.DataFrame(columns=STATE_COLUMNS)
        last = until.groupby("pcode", sort=False)["day"].transform("max")
        top = until[until["day"].eq(last)]
        # on a community's latest day: an event beats the baseline, a named side beats "unknown"
        has_event = top.groupby("pcode", sort=False)["_rank"].transform("max")
        top = top[top["_rank"].eq(has_event)]
        named = top["side"].ne(UNKNOWN)
        has_named = named.groupby(top["pcode"], sort=False).transform("any")
        top = top[named | ~has_named]
        grouped = top.groupby("pcode", sort=False)
        n_sides = grouped["side"].transform("nunique")
        # evidence: the most confident claim (then the latest published) of the community's latest day
        best = top.assign(_n_sides=n_sides).sort_values(["pcode", "confidence", "published"],
                                                        ascending=[True, False, False], kind="stable",
                                                        na_position="last")
        first = best.drop_duplicates("pcode")
        out = first.rename(columns={"day": "since"}).copy()
        out["controller"] = np.where(out["_n_sides"].gt(1), CONTESTED, out["side"])
        counts = grouped.size()
        out["n_claims"] = out["pcode"].map(counts).astype(int)
        out["claim_sides"] = out["side"].astype(object)
        out["claim_events"] = out["event_id"].fillna("").astype(object)
        several = out["n_claims"].gt(1).to_numpy()
        if several.any():  # a few places with several claims on their latest day: listed one by one
            sides, events = {}, {}
            many = top[top["pcode"].isin(set(out.loc[several, "pcode"]))]
            for pcode, side, event_id in zip(many["pcode"], many["side"], many["event_id"].fillna(""), strict=True):
                sides.setdefault(pcode, set()).add(side)
                if event_id:
                    events.setdefault(pcode, {})[event_id] = None
            out.loc[several, "claim_sides"] = ["|".join(sorted(sides[p])) for p in out.loc[several, "pcode"]]
            out.loc[several, "claim_events"] = [",".join(events.get(p, {})) for p in out.loc[several, "pcode"]]
        return out[STATE_COLUMNS].reset_index(drop=True)

    def history(self, pcode: str, as_of=None) -> pd.DataFrame:
        """Every claim on ``pcode`` (up to ``as_of`` when given), oldest first."""
        claims = self.claims if as_of is None else self.claims_until(as_of)
        return claims[claims["pcode"].eq(pcode)][CLAIM_COLUMNS]
