"""The event table's schema (pandera), checked on every write and read.

Columns come from :class:`core.model.Event`; the vocabulary checks come from the
lexicons, so adding an event type or actor there is enough. Every column is described
in docs/codebook.md.
"""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa

from core import vocab
from core.model import event_columns

DATE_COLUMNS = ("date", "date_start", "date_end", "published")
TIME_PRECISIONS = ("day", "week", "month", "range", "unknown")
GEO_STATUSES = ("resolved", "region", "unresolved", "none")
PUBLISHED_BASES = ("", "url", "dateline", "text")  # how an inferred publication date was found (core.extract.published)


def event_schema() -> pa.DataFrameSchema:
    types = list(vocab.event_types())
    layers = sorted({spec["layer"] for spec in vocab.event_types().values()})
    sides = list(vocab.sides())
    actor_ids = list(vocab.actors())
    nullable_str = {"nullable": True, "coerce": False}
    return pa.DataFrameSchema(
        {
            "event_id": pa.Column(str, unique=False),
            "doc_id": pa.Column(str),
            "type": pa.Column(str, pa.Check.isin(types)),
            "layer": pa.Column(str, pa.Check.isin(layers)),
            "date": pa.Column("datetime64[ns]", nullable=True),
            "date_start": pa.Column("datetime64[ns]", nullable=True),
            "date_end": pa.Column("datetime64[ns]", nullable=True),
            "time_precision": pa.Column(str, pa.Check.isin(TIME_PRECISIONS)),
            "actor1": pa.Column(object, pa.Check.isin(actor_ids), **nullable_str),
            "actor1_side": pa.Column(object, pa.Check.isin(sides), **nullable_str),
            "actor2": pa.Column(object, pa.Check.isin(actor_ids), **nullable_str),
            "actor2_side": pa.Column(object, pa.Check.isin(sides), **nullable_str),
            "lat": pa.Column(float, pa.Check.in_range(-90, 90), nullable=True),
            "lon": pa.Column(float, pa.Check.in_range(-180, 180), nullable=True),
            "geo_precision": pa.Column("Int64", pa.Check.isin([1, 2, 3]), nullable=True),
            "geo_status": pa.Column(str, pa.Check.isin(GEO_STATUSES)),
            "fatalities": pa.Column("Int64", pa.Check.ge(0), nullable=True),
            "evidence": pa.Column(str),
            "char_start": pa.Column(int, pa.Check.ge(0)),
            "char_end": pa.Column(int, pa.Check.ge(0)),
            "confidence": pa.Column(float, pa.Check.in_range(0, 1)),
            "rule": pa.Column(str),
            "group_id": pa.Column(str),
            "published_inferred": pa.Column(bool),
            "published_basis": pa.Column(str, pa.Check.isin(PUBLISHED_BASES)),
        },
        checks=[
            # no invented coordinates: an unresolved place has none
            pa.Check(lambda df: ~((df["geo_status"] == "unresolved") & df["lat"].notna()),
                     error="unresolved places must not have coordinates"),
        ],
        strict=False,
    )


def coerce_types(df: pd.DataFrame, partial: bool = False) -> pd.DataFrame:
    """Give a frame the table's column set and dtypes (missing columns are added empty).

    ``partial``: only the columns present get the table's dtypes (a query that asked for some columns, e.g.
    the dashboard's view frame); nothing is added and the frame is not copied first."""
    df = df if partial else df.copy()
    if not partial and "admin1_pcodes" not in df.columns and "admin1_pcode" in df.columns:  # an older table
        df["admin1_pcodes"] = df["admin1_pcode"]
    if not partial:
        for col in event_columns():
            if col not in df.columns:
                df[col] = None
    present = set(df.columns)
    for col in DATE_COLUMNS:
        if col in present and df[col].dtype != "datetime64[ns]":
            df[col] = pd.to_datetime(df[col], errors="coerce").astype("datetime64[ns]")
    for col in ("lat", "lon", "confidence"):
        if col in present:
            df[col] = pd.to_numeric(df[col], errors="coerce").astype(float)
    for col in ("geo_precision", "fatalities"):
        if col in present:
            df[col] = pd.to_numeric(df[col], errors="coerce").astype("Int64")
    for col in ("char_start", "char_end"):
        if col in present:
            df[col] = pd.to_numeric(df[col], errors="coerce").fillna(0).astype(int)
    for col in ("actor1", "actor1_side", "actor2", "actor2_side"):
        if col in present and partial:  # missing is missing ("" too), kept as text: no object column of 10⁶ rows
            if (df[col] == "").any():
                df[col] = df[col].where(df[col] != "")
        elif col in present:
            df[col] = df[col].astype(object).where(df[col].notna() & (df[col].astype(str) != ""), None)
    for col in ("core", "published_inferred"):
        if col in present:
            df[col] = df[col].fillna(False).astype(bool)
    for col in ("event_id", "doc_id", "type", "layer", "time_precision", "geo_status", "evidence", "rule",
                "group_id", "summary", "time_flags", "outlet", "url", "admin1_pcodes",
                "published_basis"):
        if col in present and not _is_complete_text(df[col]):  # already text without gaps: nothing to convert
            df[col] = df[col].astype(object).fillna("").astype(str)
    if partial:
        return df
    return df[event_columns() + [c for c in df.columns if c not in event_columns()]]


def _is_complete_text(column: pd.Series) -> bool:
    return isinstance(column.dtype, pd.StringDtype) and column.dtype == pd.StringDtype(na_value=float("nan")) \
        and not column.isna().any()


def validate(df: pd.DataFrame) -> pd.DataFrame:
    return event_schema().validate(coerce_types(df), lazy=True)


class TableError(ValueError):
    """A table that is not a valid event table; the message is one line naming what is wrong."""


# Identifier and code columns read from CSV as text: "001" is a doc_id, not the number 1.
TEXT_COLUMNS = {c: str for c in ("event_id", "doc_id", "group_id", "pcode", "admin1_pcode", "admin1_pcodes")}

# Columns added after the first tables were written: a table without them still reads, with their defaults
# (coerce_types): not inferred, no basis, and a place spanning only its own governorate.
LATER_COLUMNS = ("published_inferred", "published_basis", "admin1_pcodes")


def required_columns() -> list[str]:
    """Columns a table must hold (the schema's non-nullable ones but the later ones); the others may be absent."""
    return [name for name, col in event_schema().columns.items() if not col.nullable and name not in LATER_COLUMNS]


def describe_failures(exc: Exception, limit: int = 3) -> str:
    """One line out of pandera's lazy validation report: which columns fail which check, with an example."""
    cases = getattr(exc, "failure_cases", None)
    if cases is None or not len(cases):
        return str(exc).splitlines()[0][:300] if str(exc) else type(exc).__name__
    parts = []
    for (column, check), group in list(cases.groupby(["column", "check"], dropna=False, sort=False))[:limit]:
        example = str(group["failure_case"].iloc[0])[:40]
        where = f"column {column!r}" if isinstance(column, str) else "the table"
        parts.append(f"{where}: {len(group)} value(s) fail the check {str(check).split('(')[0][:60]} "
                     f"(e.g. {example!r})")
    more = cases.groupby(["column", "check"], dropna=False).ngroups - limit
    return "; ".join(parts) + (f"; and {more} more problem(s)" if more > 0 else "")


def validate_table(df: pd.DataFrame, source: str = "the table") -> pd.DataFrame:
    """:func:`validate` for a table read from outside: a missing column or a failing check is a
    :class:`TableError` with one line saying which (not pandera's full report)."""
    missing = [c for c in required_columns() if c not in df.columns]
    if missing:
        raise TableError(f"{source} is not an event table: missing columns {', '.join(missing)}")
    try:
        return validate(df)
    except (pa.errors.SchemaErrors, pa.errors.SchemaError) as exc:
        raise TableError(f"{source} does not pass the event schema: {describe_failures(exc)}") from exc
