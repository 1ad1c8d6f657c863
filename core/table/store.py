"""Read and write the event table (Parquet or CSV), atomically and schema-checked."""

from __future__ import annotations

import os
import tempfile
from operator import attrgetter
from pathlib import Path

import pandas as pd

from core.model import Event, event_columns
from core.table import schema

# Identifier and code columns read from CSV as text: "001" is a doc_id, not the number 1.
TEXT_COLUMNS = {c: str for c in ("event_id", "doc_id", "group_id", "pcode", "admin1_pcode", "admin1_pcodes")}


def events_to_frame(events: list[Event]) -> pd.DataFrame:
    """The table of ``events``, its columns in record order (read straight off the records: no deep copies)."""
    columns = event_columns()
    values = attrgetter(*columns)
    return schema.coerce_types(pd.DataFrame.from_records([values(e) for e in events], columns=columns))


def write_table(df: pd.DataFrame, path: str | os.PathLike) -> Path:
    """Validate and write; the file is replaced only once the new one is complete."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    df = schema.validate(df)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    os.close(fd)
    try:
        if path.suffix.lower() == ".parquet":
            df.to_parquet(tmp, index=False)
        elif path.suffix.lower() == ".csv":
            df.to_csv(tmp, index=False, encoding="utf-8-sig")
        else:
            raise ValueError(f"unsupported table format: {path.suffix} (use .parquet or .csv)")
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return path


def read_table(path: str | os.PathLike) -> pd.DataFrame:
    path = Path(path)
    if not path.exists():
        raise FileNotFoundError(f"event table not found: {path} (run `make table` or `python -m core extract`)")
    if path.suffix.lower() == ".parquet":
        df = pd.read_parquet(path)
    else:
        df = pd.read_csv(path, encoding="utf-8-sig", dtype=TEXT_COLUMNS)  # "001" stays "001"
    return schema.validate(df)
