"""One table file (Parquet or CSV) read and schema-checked: shared by the store (core.table.store) and the
migration of a file into an event store (core.table.dataset), so neither imports the other."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from core.table import schema


def read_file(path: Path) -> pd.DataFrame:
    if path.suffix.lower() == ".parquet":
        df = pd.read_parquet(path)
    else:
        df = pd.read_csv(path, encoding="utf-8-sig", dtype=schema.TEXT_COLUMNS)  # "001" stays "001"
    return schema.validate_table(df, str(path))
