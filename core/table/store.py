"""Read and write the event table (Parquet or CSV), atomically and schema-checked."""

from __future__ import annotations

import os
from operator import attrgetter
from pathlib import Path

import pandas as pd

from core.model import Event, event_columns
from core.table import schema
from core.table.atomic import write_atomic
from core.table.tablefile import read_file


def events_to_frame(events: list[Event]) -> pd.DataFrame:
    """The table of ``events``, its columns in record order (read straight off the records: no deep copies)."""
    columns = event_columns()
    values = attrgetter(*columns)
    return schema.coerce_types(pd.DataFrame.from_records([values(e) for e in events], columns=columns))


def write_table(df: pd.DataFrame, path: str | os.PathLike) -> Path:
    """Validate and write; the file is replaced only once the new one is complete (mode per the umask)."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in (".parquet", ".csv"):
        raise ValueError(f"unsupported table format: {path.suffix} (use .parquet or .csv)")
    df = schema.validate(df)
    if suffix == ".parquet":
        return write_atomic(path, lambda tmp: df.to_parquet(tmp, index=False))
    return write_atomic(path, lambda tmp: df.to_csv(tmp, index=False, encoding="utf-8-sig"))


def read_table(path: str | os.PathLike) -> pd.DataFrame:
    """The whole table, schema-checked: a Parquet or CSV file, or a store folder (core.table.dataset)."""
    path = Path(path)
    if not path.exists():
        raise FileNotFoundError(f"event table not found: {path} (run `make table` or `python -m core extract`)")
    if path.is_dir():
        from core.table.dataset import EventStore

        return schema.validate_table(EventStore.open(path).read_all(), str(path))
    return read_file(path)
