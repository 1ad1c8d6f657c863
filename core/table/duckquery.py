"""Filters pushed down into DuckDB: the dashboard's filter → frame on tables larger than memory.

The source is a Parquet file or an event store folder (core.table.dataset); a CSV file is read
with pandas (CSV tables are small exports). A :class:`~core.table.query.Filters` value gives the
same rows, in the same order, as ``filters.apply(read_table(path))``: the table order is the
store's parts in order (``file_row_number`` within each), "grouped once" keeps the first row of
the highest confidence per (group, place) like the pandas path, and the place search matches
the distinct place names with the same normalization, then filters with ``IN``. Only the
matching rows come into pandas; counts are aggregated in the query.
"""

from __future__ import annotations

import functools
import os
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd

from core.model import event_columns
from core.table import schema
from core.table.dataset import UNKNOWN_MONTH, EventStore, is_store
from core.table.query import Filters

ARABIC_PLACE_COLUMNS = ("place_ar", "place_surface", "admin1_name", "admin2_name")
LATIN_PLACE_COLUMNS = ("place_en", "pcode", "admin1_pcode")
MEMORY_LIMIT = "512MB"  # DuckDB's own buffers; the dashboard process stays well under 1 GB
NO_FILTER = Filters()
_local = threading.local()  # one connection per thread (a connection is not shared between threads)


@dataclass(frozen=True)
class Source:
    """A table to query: its files in table order and a stamp that changes when it is rewritten."""

    path: str
    files: tuple[str, ...]
    stamp: str
    months: tuple[str, ...] = ()  # month of each file (stores), for pruning by date

    @classmethod
    def of(cls, path: str | os.PathLike) -> Source:
        p = Path(path)
        if p.is_dir() and is_store(p):
            store = EventStore(p)
            m = store.manifest()
            return cls(str(p), tuple(str(f) for f in store.part_files(manifest=m)), f"gen{m['generation']}",
                       tuple(part["month"] for part in m["parts"]))
        if p.is_dir():
            raise FileNotFoundError(f"{p} is a folder but not an event store (no store.json)")
        if not p.exists():
            raise FileNotFoundError(f"event table not found: {p}")
        st = p.stat()
        return cls(str(p), (str(p),), f"{st.st_mtime_ns}:{st.st_size}")

    @property
    def is_csv(self) -> bool:
        return self.path.lower().endswith(".csv")

    def files_for(self, filters: Filters) -> list[str]:
        """Only the files whose month can hold rows within the filter's dates."""
        if not self.months or (filters.date_from is None and filters.date_to is None):
            return list(self.files)
        lo = filters.date_from.strftime("%Y-%m") if filters.date_from else "0000-00"
        hi = filters.date_to.strftime("%Y-%m") if filters.date_to else "9999-99"
        return [f for f, m in zip(self.files, self.months, strict=True) if m != UNKNOWN_MONTH and lo <= m <= hi]


def connect() -> duckdb.DuckDBPyConnection:
    """This thread's in-memory DuckDB connection (made once: a new one costs ~50 ms)."""
    con = getattr(_local, "con", None)
    if con is None:
        con = _local.con = duckdb.connect()
        con.execute(f"SET memory_limit = '{MEMORY_LIMIT}'")
    return con


def _scan(files: Sequence[str]) -> tuple[str, list]:
    """FROM clause over ``files`` with each row's table position (_f = file index, _r = row in file)."""
    sql = ("(SELECT *, list_position($files, filename) AS _f, file_row_number AS _r "
           "FROM read_parquet($files, filename = true, file_row_number = true, union_by_name = true, "
           "hive_partitioning = false))")
    return sql, list(files)


def where_clause(filters: Filters, place_values: dict[str, list[str]] | None = None) -> tuple[str, dict]:
    """SQL condition and named parameters for ``filters`` (the place search needs ``place_values``)."""
    conds: list[str] = []
    params: dict = {}
    if filters.date_from is not None:
        conds.append('"date" >= CAST($date_from AS TIMESTAMP)')
        params["date_from"] = filters.date_from.isoformat()
    if filters.date_to is not None:
        conds.append('"date" <= CAST($date_to AS TIMESTAMP)')
        params["date_to"] = filters.date_to.isoformat()

    def among(column: str, name: str, values: Sequence[str]) -> str:
        params[name] = list(values)
        return f"list_contains(${name}, {column})"

    if filters.sides:
        side = among("actor1_side", "sides", filters.sides)
        if filters.side_role != "actor1":
            side = f"({side} OR list_contains($sides, actor2_side))"
        conds.append(side)
    if filters.actors:
        conds.append(f"({among('actor1', 'actors', filters.actors)} OR list_contains($actors, actor2))")
    if filters.types:
        conds.append(among("type", "types", filters.types))
    if filters.layers:
        conds.append(among("layer", "layers", filters.layers))
    if filters.admin1:
        conds.append(among("admin1_pcode", "admin1", filters.admin1))
    if filters.place.strip():
        hits = [among(col, f"place_{col}", vals) for col, vals in (place_values or {}).items() if vals]
        conds.append("(" + " OR ".join(hits) + ")" if hits else "FALSE")
    if filters.min_confidence > 0:
        conds.append("coalesce(confidence, 0) >= $min_confidence")
        params["min_confidence"] = float(filters.min_confidence)
    return (" AND ".join(f"({c})" for c in conds) or "TRUE"), params


@functools.lru_cache(maxsize=16)
def _distinct_places(files: tuple[str, ...], stamp: str) -> dict[str, tuple[str, ...]]:
    con = connect()
    scan, _ = _scan(files)
    out = {}
    for col in ARABIC_PLACE_COLUMNS + LATIN_PLACE_COLUMNS:
        rows = con.sql(f"SELECT DISTINCT {col} FROM {scan} WHERE {col} IS NOT NULL", params={"files": list(files)}).fetchall()
        out[col] = tuple(str(r[0]) for r in rows)
    return out


def place_values(source: Source, query: str) -> dict[str, list[str]]:
    """Per place column, the distinct values the place search matches (as core.table.query.place_match)."""
    from core.text import normalize

    q = query.strip()
    q_norm = normalize(q)
    if not q_norm:
        return {}
    distinct = _distinct_places(source.files, source.stamp)
    out = {col: [v for v in distinct[col] if q_norm in normalize(v)] for col in ARABIC_PLACE_COLUMNS}
    q_lower = q.lower()
    out.update({col: [v for v in distinct[col] if q_lower in v.lower()] for col in LATIN_PLACE_COLUMNS})
    return out


def _filtered_sql(source: Source, filters: Filters, files: list[str]) -> tuple[str, dict]:
    scan, _ = _scan(files)
    where, params = where_clause(filters, place_values(source, filters.place) if filters.place.strip() else None)
    params["files"] = files
    sql = f"SELECT * FROM {scan} WHERE {where}"
    if filters.grouped_once:
        sql = (f"SELECT * EXCLUDE (_k) FROM (SELECT *, row_number() OVER (PARTITION BY "
               f"coalesce(nullif(CAST(group_id AS VARCHAR), ''), event_id), coalesce(pcode, place_ar, '') "
               f"ORDER BY confidence DESC NULLS LAST, _f, _r) AS _k FROM ({sql})) WHERE _k = 1")
    return sql, params


def filtered(path: str | os.PathLike, filters: Filters, limit: int | None = None) -> pd.DataFrame:
    """The rows of the table at ``path`` that pass ``filters``, in table order (the first ``limit`` only)."""
    source = Source.of(path)
    if source.is_csv:
        from core.table.store import read_table

        out = filters.apply(read_table(path))
        return out.head(limit) if limit is not None else out
    files = source.files_for(filters)
    if not files:
        return schema.coerce_types(pd.DataFrame(columns=event_columns()))
    sql, params = _filtered_sql(source, filters, files)
    sql = f"SELECT * EXCLUDE (filename, file_row_number, _f, _r) FROM ({sql}) ORDER BY _f, _r"
    if limit is not None:
        sql += f" LIMIT {int(limit)}"
    table = connect().sql(sql, params=params).to_arrow_table()
    return schema.coerce_types(table.to_pandas()).reset_index(drop=True)


def count(path: str | os.PathLike, filters: Filters = NO_FILTER) -> int:
    source = Source.of(path)
    if source.is_csv:
        return len(filtered(path, filters))
    files = source.files_for(filters)
    if not files:
        return 0
    sql, params = _filtered_sql(source, filters, files)
    return int(connect().sql(f"SELECT count(*) FROM ({sql})", params=params).fetchall()[0][0])


def value_counts(path: str | os.PathLike, columns: Sequence[str], filters: Filters = NO_FILTER) -> pd.Series:
    """Counts of the non-null values of ``columns`` together (a row counted once per distinct value)."""
    source = Source.of(path)
    if source.is_csv:
        df = filtered(path, filters)
        values = pd.concat([df[c] for c in columns], keys=range(len(columns))).reset_index(level=1)
        values = values[values[0].notna()].drop_duplicates() if len(columns) > 1 else values[values[0].notna()]
        return values[0].astype(str).value_counts()
    files = source.files_for(filters)
    if not files:
        return pd.Series(dtype="int64")
    sql, params = _filtered_sql(source, filters, files)
    cols = ", ".join(f'"{c}"' for c in columns)
    agg = (f"SELECT v, count(*) AS n FROM (SELECT DISTINCT _f, _r, unnest([{cols}]) AS v FROM ({sql})) "
           f"WHERE v IS NOT NULL GROUP BY v ORDER BY n DESC, v")
    df = connect().sql(agg, params=params).to_arrow_table().to_pandas()
    return pd.Series(df["n"].to_numpy(), index=df["v"].astype(str).to_numpy(), dtype="int64")


def daily_counts(path: str | os.PathLike, filters: Filters, by: str) -> pd.DataFrame:
    """Events per day and value of ``by`` (date, by, n): the timeline aggregated in the query."""
    source = Source.of(path)
    files = source.files_for(filters)
    if source.is_csv or not files:
        df = filtered(path, filters) if files else schema.coerce_types(pd.DataFrame(columns=event_columns()))
        day = pd.to_datetime(df["date"]).dt.normalize()
        out = df.assign(date=day, by=df[by].fillna("unknown").astype(str)).dropna(subset=["date"])
        return out.groupby(["date", "by"]).size().reset_index(name="n")
    sql, params = _filtered_sql(source, filters, files)
    agg = (f'SELECT CAST(date_trunc(\'day\', "date") AS TIMESTAMP) AS date, coalesce(CAST("{by}" AS VARCHAR), '
           f"'unknown') AS by, count(*) AS n FROM ({sql}) WHERE \"date\" IS NOT NULL GROUP BY 1, 2 ORDER BY 1, 2")
    return connect().sql(agg, params=params).to_arrow_table().to_pandas()


def date_span(path: str | os.PathLike) -> tuple:
    source = Source.of(path)
    if source.is_csv:
        from core.table.query import date_span as pandas_span
        from core.table.store import read_table

        return pandas_span(read_table(path))
    scan, files = _scan(source.files)
    lo, hi = connect().sql(f'SELECT min("date"), max("date") FROM {scan}', params={"files": files}).fetchall()[0]
    return (lo.date() if lo is not None else None, hi.date() if hi is not None else None)
