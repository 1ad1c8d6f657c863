"""Helpers shared by the export tests: the seed table, image and document checks."""

from __future__ import annotations

import io
import re
from functools import cache
from pathlib import Path

import numpy as np
import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent
SEED_TABLE = REPO_ROOT / "data" / "build" / "events.parquet"
CORPUS = REPO_ROOT / "data" / "corpus"
MANIFEST = REPO_ROOT / "data" / "manifest.csv"


@cache
def seed_table():
    """The event table of the seed corpus: ``make table``'s file, else extracted now (once per session)."""
    from core.table.store import read_table

    if SEED_TABLE.exists():
        return read_table(SEED_TABLE)
    try:
        from core.extract.pipeline import extract_folder
    except ImportError as exc:
        pytest.skip(f"no seed table ({SEED_TABLE}) and no pipeline to make one: {exc}")
    df, _issues = extract_folder(CORPUS, MANIFEST, progress=False)
    return df


def image_array(png: bytes) -> np.ndarray:
    from PIL import Image

    return np.asarray(Image.open(io.BytesIO(png)).convert("RGB")).astype(int)


def hex_rgb(colour: str) -> tuple[int, int, int]:
    colour = colour.lstrip("#")
    return tuple(int(colour[i:i + 2], 16) for i in (0, 2, 4))


def colour_pixels(img: np.ndarray, colour: str, tolerance: int = 30) -> int:
    """How many pixels are within ``tolerance`` (per channel) of ``colour``."""
    target = np.array(hex_rgb(colour))
    return int((np.abs(img - target).max(axis=2) <= tolerance).sum())


def check_pdf(data: bytes) -> int:
    """Structural PDF check (header, trailer, xref offset, pages); returns the page count."""
    assert data.startswith(b"%PDF-1."), "no PDF header"
    assert data.rstrip().endswith(b"%%EOF"), "no PDF trailer"
    match = re.search(rb"startxref\s+(\d+)\s+%%EOF\s*$", data)
    assert match, "no startxref"
    offset = int(match.group(1))
    assert data[offset:offset + 4] == b"xref", "startxref does not point at the xref table"
    pages = len(re.findall(rb"/Type\s*/Page\b", data))
    assert pages >= 1, "no page object"
    return pages


def check_geojson(obj: dict) -> None:
    """The RFC 7946 rules the export must follow (FeatureCollection of Points or null geometries)."""
    assert obj["type"] == "FeatureCollection"
    assert isinstance(obj["features"], list)
    for feature in obj["features"]:
        assert feature["type"] == "Feature"
        assert isinstance(feature["properties"], dict)
        geometry = feature["geometry"]
        if geometry is None:
            continue
        assert geometry["type"] == "Point"
        lon, lat = geometry["coordinates"]
        assert -180 <= lon <= 180 and -90 <= lat <= 90
        assert abs(lat - feature["properties"]["lat"]) < 1e-5 and abs(lon - feature["properties"]["lon"]) < 1e-5
