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
import pyarrow as pa

from core.model import event_columns
from core.table import schema
from core.table.dataset import UNKNOWN_MONTH, EventStore, is_store
from core.table.query import Filters

ARABIC_PLACE_COLUMNS = ("place_ar", "place_surface", "admin1_name", "admin2_name")
LATIN_PLACE_COLUMNS = ("place_en", "pcode", "admin1_pcode")
MEMORY_LIMIT = "256MB"  # DuckDB's own buffers; the dashboard process stays well under 1 GB
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
        con.execute("SET enable_progress_bar = false")
        con.execute("SET parquet_metadata_cache = true")  # a part's footer is read once, not on every filter
    return con


def _scan(files: Sequence[str]) -> tuple[str, list]:
    """FROM clause over ``files`` with each row's table position (_f = file index, _r = row in file).

    DuckDB keeps the scan's order (``preserve_insertion_order``): files in list order, rows in file order;
    only a window (grouped once) reorders, and is sorted back by (_f, _r). The files are matched by column
    name only when their schemas differ (a store's parts share one: matching by name would read every
    part's footer on every query, most of a filter's time on a million events)."""
    by_name = "true" if not _uniform(tuple(str(f) for f in files)) else "false"
    sql = ("(SELECT *, file_index AS _f, file_row_number AS _r "
           f"FROM read_parquet($files, union_by_name = {by_name}, hive_partitioning = false))")
    return sql, list(files)


@functools.lru_cache(maxsize=64)
def _uniform(files: tuple[str, ...]) -> bool:
    """Whether every file has the same Parquet schema (part files are never rewritten in place: a new
    generation writes new names, so the answer is cached by the names)."""
    if len(files) <= 1:
        return True
    import pyarrow.parquet as pq

    first = pq.read_schema(files[0])
    return all(pq.read_schema(f).equals(first) for f in files[1:])


def where_clause(filters: Filters, place_values: dict[str, list[str]] | None = None,
                 spans: bool = True) -> tuple[str, dict]:
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
        cond = among("admin1_pcode", "admin1", filters.admin1)
        if spans:  # a region spanning governorates counts in each (admin1_pcodes, '|'-separated)
            cond = f"({cond} OR list_has_any(string_split(coalesce(admin1_pcodes, ''), '|'), $admin1))"
        conds.append(cond)
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


@functools.lru_cache(maxsize=64)
def _has_column(files: tuple[str, ...], name: str) -> bool:
    """Whether any of ``files`` has the column (tables written before it was added lack it)."""
    scan, _ = _scan(files)
    described = connect().sql(f"DESCRIBE SELECT * FROM {scan}", params={"files": list(files)}).fetchall()
    return any(row[0] == name for row in described)


GROUPING_KEYS = ("group_id", "event_id", "pcode", "place_ar", "confidence")  # what "grouped once" ranks by


def _filtered_sql(source: Source, filters: Filters, files: list[str],
                  columns: Sequence[str] | None = None) -> tuple[str, dict]:
    """The matching rows with _f, _r; only ``columns`` (and what ordering and grouping need) when given, so a
    sort or window above carries no column the caller does not want (the long texts above all)."""
    scan, _ = _scan(files)
    where, params = where_clause(filters, place_values(source, filters.place) if filters.place.strip() else None,
                                 spans=bool(filters.admin1) and _has_column(tuple(files), "admin1_pcodes"))
    params["files"] = files
    select = "*"
    if columns is not None:
        needed = dict.fromkeys([*columns, "date", *(GROUPING_KEYS if filters.grouped_once else ()), "_f", "_r"])
        select = ", ".join(f'"{c}"' for c in needed)
    sql = f"SELECT {select} FROM {scan} WHERE {where}"
    if filters.grouped_once:
        sql = (f"SELECT * EXCLUDE (_k) FROM (SELECT *, row_number() OVER (PARTITION BY "
               f"coalesce(nullif(CAST(group_id AS VARCHAR), ''), event_id), coalesce(pcode, place_ar, '') "
               f"ORDER BY confidence DESC NULLS LAST, _f, _r) AS _k FROM ({sql})) WHERE _k = 1")
    return sql, params


def filtered(path: str | os.PathLike, filters: Filters, limit: int | None = None,
             most_recent: int | None = None, columns: Sequence[str] | None = None) -> pd.DataFrame:
    """The rows of the table at ``path`` that pass ``filters``, in table order (the first ``limit`` only;
    with ``most_recent``, only that many of the latest dated rows, still in table order).

    ``columns``: only these columns, plus :data:`ROW_ID` (each row's place in the table, for
    :func:`details`); the dashboard asks for :data:`VIEW_COLUMNS` and fetches the long texts of the rows it
    shows. Without ``columns``, every column (exports, the Sources page)."""
    source = Source.of(path)
    if source.is_csv:
        from core.table.store import read_table

        out = filters.apply(read_table(path))
        out = out.head(limit) if limit is not None else out
        return out[[c for c in columns if c in out.columns]] if columns is not None else out
    files = source.files_for(filters)
    if not files:
        empty = schema.coerce_types(pd.DataFrame(columns=event_columns()))
        return empty if columns is None else empty[list(columns)].assign(**{ROW_ID: pd.Series(dtype="int64")})
    sql, params = _filtered_sql(source, filters, files, columns)
    if most_recent is not None:
        sql = f"SELECT * FROM ({sql}) WHERE {_most_recent_condition(sql, params, most_recent)}"
    order = " ORDER BY _f, _r" if filters.grouped_once else ""
    if columns is None:
        select = "* EXCLUDE (_f, _r)"
    else:  # the row id: the file's place in the whole table's file list, and the row's in the file
        params["file_pos"] = [source.files.index(f) for f in files]
        select = ", ".join(f'"{c}"' for c in columns) + f", CAST($file_pos[CAST(_f AS BIGINT) + 1] AS BIGINT) * {ROW_FILE} + CAST(_r AS BIGINT) AS {ROW_ID}"
    sql = f"SELECT {select} FROM ({sql}){order}"
    if limit is not None:
        sql += f" LIMIT {int(limit)}"
    table = connect().sql(sql, params=params).to_arrow_table()
    if columns is None:
        return schema.coerce_types(table.to_pandas()).reset_index(drop=True)
    df = table.to_pandas(types_mapper={pa.int64(): pd.Int64Dtype()}.get if _NULLABLE_INTS & set(columns) else None)
    del table
    if ROW_ID in df.columns:
        df[ROW_ID] = df[ROW_ID].astype("int64")
    return schema.coerce_types(df, partial=True)


def _most_recent_condition(sql: str, params: dict, n: int) -> str:
    """A condition keeping the ``n`` rows of ``sql`` that come first by (date descending, undated last, then table
    order), as a filter: rows per day counted in the query, the cut found from the counts, then the last row
    kept on the cut day (sorting every matching row to take the first ``n`` cost more than the query itself)."""
    con = connect()
    days = con.sql(f'SELECT "date", count(*) FROM ({sql}) GROUP BY 1 ORDER BY 1 DESC NULLS LAST',
                   params=params).fetchall()
    taken, cut = 0, None
    for i, (_, rows) in enumerate(days):
        if taken + rows >= n:
            cut = i
            break
        taken += rows
    if cut is None:
        return "TRUE"
    day = days[cut][0]
    same = '"date" IS NULL' if day is None else '"date" = $cut_day'
    if day is not None:
        params["cut_day"] = day
    last_f, last_r = con.sql(f"SELECT _f, _r FROM ({sql}) WHERE {same} ORDER BY _f, _r LIMIT 1 OFFSET {n - taken - 1}",
                             params=params).fetchall()[0]
    params["cut_f"], params["cut_r"] = int(last_f), int(last_r)
    before = '"date" IS NOT NULL' if day is None else '"date" > $cut_day'  # every row that sorts first
    return f"({before}) OR ({same} AND (_f < $cut_f OR (_f = $cut_f AND _r <= $cut_r)))"


# What the dashboard's views draw and count: ids, dates, place and coordinates, type, parties, precision,
# fatalities. The long texts (evidence, summary, URL, notes) stay in the files until a row is shown
# (:func:`details`): on a million events they were most of a filter's time and of the frame's memory.
VIEW_COLUMNS = ("event_id", "doc_id", "type", "layer", "date", "date_start", "date_end", "time_precision",
                "actor1", "actor1_side", "actor2", "actor2_side", "place_ar", "place_en", "pcode", "admin1_pcode",
                "admin1_name", "lat", "lon", "geo_precision", "geo_status", "fatalities", "char_start",
                "confidence", "group_id", "outlet", "place_kind",
                "admin1_pcodes", "place_surface", "admin2_name")  # with these, Filters.apply works on the frame
ROW_ID = "_row"  # file position × ROW_FILE + row in the file: finds a row's other columns (:func:`details`)
ROW_FILE = 1 << 32
_NULLABLE_INTS = {"geo_precision", "fatalities"}


def details(path: str | os.PathLike, frame: pd.DataFrame, columns: Sequence[str] | None = None) -> pd.DataFrame:
    """``frame`` (rows of :func:`filtered` with ``columns``) with more of the table's columns, read for its rows
    only (by :data:`ROW_ID`): ``columns``, or all of them (then in the table's order and dtypes, without the
    row id, as :func:`filtered` without ``columns`` gives). A frame without row ids is returned as it is."""
    if ROW_ID not in frame.columns:
        return frame
    wanted = [c for c in (columns or event_columns()) if c not in frame.columns]
    extra = _rows_by_id(Source.of(path), frame[ROW_ID].to_numpy(), wanted)
    out = pd.concat([frame.reset_index(drop=True), extra], axis=1)
    out.index = frame.index
    if columns:
        return schema.coerce_types(out, partial=True)
    return schema.coerce_types(out.drop(columns=[ROW_ID]))


def _rows_by_id(source: Source, ids, names: list[str]) -> pd.DataFrame:
    """Columns ``names`` of the rows ``ids`` (:data:`ROW_ID` values), in that order: each file read once,
    only those columns, then only those rows taken."""
    import numpy as np
    import pyarrow.parquet as pq

    from core.table.dataset import arrow_schema

    if not names or not len(ids):
        kinds = arrow_schema()
        empty = pa.table({c: pa.array([], kinds.field(c).type if c in kinds.names else pa.string()) for c in names})
        return empty.to_pandas(types_mapper={pa.int64(): pd.Int64Dtype()}.get).reindex(range(len(ids)))
    file_pos, rows = ids // ROW_FILE, ids % ROW_FILE
    pieces, positions = [], []
    for pos in pd.unique(file_pos):
        at = (file_pos == pos).nonzero()[0]
        part = pq.ParquetFile(source.files[int(pos)])
        present = [c for c in names if c in part.schema_arrow.names]
        pieces.append(part.read(columns=present).take(pa.array(rows[at])))
        positions.append(at)
    table = pa.concat_tables(pieces, promote_options="default")
    extra = table.to_pandas(types_mapper={pa.int64(): pd.Int64Dtype()}.get)
    return extra.iloc[np.argsort(np.concatenate(positions), kind="stable")].reset_index(drop=True)


def rekey(path: str | os.PathLike, corrections: list) -> list:
    """Corrections (core.table.corrections) whose event id is no longer in the table (a re-extraction after a
    code change) pointed at the event of the same document and evidence sentence, found in the query: the
    view frame has no evidence column to find them by."""
    from dataclasses import replace

    source = Source.of(path)
    if not corrections or source.is_csv or not source.files:
        return corrections
    scan, files = _scan(source.files)
    con = connect()
    ids = sorted({c.event_id for c in corrections})
    known = {r[0] for r in con.sql(f"SELECT DISTINCT event_id FROM {scan} WHERE list_contains($ids, event_id)",
                                   params={"files": files, "ids": ids}).fetchall()}
    lost = [c for c in corrections if c.event_id not in known]
    if not lost:
        return corrections
    rows = con.sql(f"SELECT doc_id, evidence, event_id FROM {scan} WHERE list_contains($docs, doc_id)",
                   params={"files": files, "docs": sorted({c.doc_id for c in lost})}).fetchall()
    by_sentence = {(d, e): i for d, e, i in rows}
    return [replace(c, event_id=by_sentence[(c.doc_id, c.evidence)])
            if c.event_id not in known and (c.doc_id, c.evidence) in by_sentence else c for c in corrections]


def view_frame(path: str | os.PathLike, filters: Filters, limit: int) -> tuple[pd.DataFrame, int]:
    """What the dashboard holds for ``filters``: the :data:`VIEW_COLUMNS` of the matching rows (the ``limit``
    most recent when more match, in table order), and how many match."""
    n = count(path, filters)
    rows = filtered(path, filters, most_recent=limit if n > limit else None, columns=VIEW_COLUMNS)
    return rows, n


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


# what the dashboard keeps of a whole store: the filters' options and counts, and the whole-table figures
SUMMARY_COLUMNS = ("event_id", "doc_id", "date", "type", "layer", "actor1", "actor1_side", "actor2", "actor2_side",
                   "admin1_pcode", "outlet")


# columns kept as categoricals; columns compared with each other share their categories
CATEGORY_GROUPS = (("doc_id",), ("type",), ("layer",), ("actor1", "actor2"), ("actor1_side", "actor2_side"),
                   ("admin1_pcode",), ("outlet",))


def columns(path: str | os.PathLike, names: Sequence[str]) -> pd.DataFrame:
    """All rows of the table, only the columns ``names`` (in table order)."""
    source = Source.of(path)
    if source.is_csv or not source.files:
        return filtered(path, NO_FILTER)[list(names)]
    scan, files = _scan(source.files)
    cols = ", ".join(f'"{c}"' for c in names)
    table = connect().sql(f"SELECT {cols} FROM {scan}", params={"files": files}).to_arrow_table()
    df = table.to_pandas(self_destruct=True, split_blocks=True)
    del table
    if "date" in df.columns:
        df["date"] = pd.to_datetime(df["date"]).astype("datetime64[ns]")
    for group in CATEGORY_GROUPS:  # few distinct values: codes instead of strings (a tenth of the memory)
        present = [c for c in group if c in df.columns]
        if present:
            categories = sorted(set().union(*(df[c].dropna().unique() for c in present)))
            for c in present:
                df[c] = pd.Categorical(df[c], categories=categories)
    pa.default_memory_pool().release_unused()
    return df


def document_rows(path: str | os.PathLike, doc_id: str) -> pd.DataFrame:
    """Every row of one document, in table order."""
    source = Source.of(path)
    if source.is_csv or not source.files:
        df = filtered(path, NO_FILTER)
        return df[df["doc_id"] == doc_id]
    scan, files = _scan(source.files)
    sql = f"SELECT * EXCLUDE (_f, _r) FROM {scan} WHERE doc_id = $doc"
    table = connect().sql(sql, params={"files": files, "doc": doc_id}).to_arrow_table()
    return schema.coerce_types(table.to_pandas()).reset_index(drop=True)
