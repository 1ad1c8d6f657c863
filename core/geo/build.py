"""Build the project's geodata artifacts from the OCHA source files (run at set-up time).

Inputs (a folder, ``GEODATA_SOURCE``; see README "Geodata"):
  ocha/syr_locations_ocha.xlsx                      OCHA locations list (communities)
  ocha/syr_admbnda_uncs_unocha_20201217/*adm{0..3}*  OCHA admin boundaries
  ocha/syr_admbnda_uncs_unocha_20201217/syr_neighbourhoods_*.shp
  open-syria/*.json                                  admin aliases (optional)

Outputs (``geodata/build/``, ignored by git, never committed):
  gazetteer.parquet      one row per place: communities, admin units, neighbourhoods
  adm{0,1,2,3}.geojson   simplified boundaries for the map
  neighbourhoods.geojson
  build_info.json        what was built from which files
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pandas as pd

from core.geo.extras import extend as add_project_places  # aliases, roads, foreign places, user CSV
from core.paths import BUILD_DIR
from core.paths import DEFAULT_GEODATA_SOURCE as DEFAULT_SOURCE
from core.text import normalize

BOUNDARY_DIR = "ocha/syr_admbnda_uncs_unocha_20201217"
LOCATIONS_FILE = "ocha/syr_locations_ocha.xlsx"
ADMIN_FILES = {level: f"{BOUNDARY_DIR}/syr_admbnda_adm{level}_uncs_unocha_20201217.shp" for level in range(4)}
NEIGHBOURHOODS_FILE = f"{BOUNDARY_DIR}/syr_neighbourhoods_unocha_20201217.shp"
REQUIRED_FILES = (LOCATIONS_FILE, *ADMIN_FILES.values(), NEIGHBOURHOODS_FILE)
# Douglas-Peucker tolerance in degrees (~1 km / ~500 m): small files, faithful at governorate zoom.
SIMPLIFY_TOLERANCE = {0: 0.005, 1: 0.005, 2: 0.003, 3: 0.002}

GAZETTEER_COLUMNS = [
    "place_id", "name_ar", "name_en", "qualifier_ar", "key", "kind", "lat", "lon",
    "admin1_pcode", "admin1_name_en", "admin1_name_ar",
    "admin2_pcode", "admin2_name_en", "admin2_name_ar",
    "admin3_pcode", "admin3_name_en", "admin3_name_ar",
    "country", "source",
]


class GeodataSourceError(FileNotFoundError):
    """The geodata source folder is missing or lacks a required file."""


def source_folder(path: str | os.PathLike | None = None) -> Path:
    """The source folder: the argument, else $GEODATA_SOURCE, else ../shared/geodata."""
    return Path(path or os.environ.get("GEODATA_SOURCE") or DEFAULT_SOURCE).expanduser().resolve()


def check_source(folder: Path) -> None:
    if not folder.is_dir():
        raise GeodataSourceError(
            f"geodata source folder not found: {folder}. Set GEODATA_SOURCE to the folder holding "
            "the OCHA files (see README, 'Geodata')."
        )
    missing = [f for f in REQUIRED_FILES if not (folder / f).exists()]
    if missing:
        raise GeodataSourceError(
            f"geodata source folder {folder} is incomplete; missing: " + ", ".join(missing)
            + ". Download them from HDX (see README, 'Geodata')."
        )


def split_qualifier(name: str) -> tuple[str, str]:
    """OCHA "سراقب - سراقب" / "أريحا - مركز أريحا" → (base name, qualifier)."""
    if " - " in name:
        base, qual = name.split(" - ", 1)
        return base.strip(), qual.strip()
    return name.strip(), ""


def name_key(name: str) -> str:
    """Matching key of a name: camel-tools normalization, single spaces."""
    return " ".join(normalize(name).split())


def _communities(folder: Path) -> pd.DataFrame:
    df = pd.read_excel(folder / LOCATIONS_FILE)
    rows = []
    for r in df.itertuples(index=False):
        name_ar, qual = split_qualifier(str(r.LocationName_ar))
        name_en, _ = split_qualifier(str(r.LocationName_en))
        rows.append({
            "place_id": r.Location_Pcode, "name_ar": name_ar, "name_en": name_en, "qualifier_ar": qual,
            "key": name_key(name_ar), "kind": "community",
            "lat": float(r.Latitude_y), "lon": float(r.Longitude_x),
            "admin1_pcode": r.admin1Pcode, "admin1_name_en": r.admin1Name_en, "admin1_name_ar": r.admin1Name_ar,
            "admin2_pcode": r.admin2Pcode, "admin2_name_en": r.admin2Name_en, "admin2_name_ar": r.admin2Name_ar,
            "admin3_pcode": r.admin3Pcode, "admin3_name_en": r.admin3Name_en, "admin3_name_ar": r.admin3Name_ar,
            "country": "SY", "source": "ocha_locations",
        })
    return pd.DataFrame(rows)


def _admin_rows(gdf, level: int) -> pd.DataFrame:
    pts = gdf.geometry.representative_point()
    rows = []
    for (_, r), pt in zip(gdf.iterrows(), pts, strict=False):
        row = {
            "place_id": r[f"ADM{level}_PCODE"], "name_ar": r[f"ADM{level}_AR"], "name_en": r[f"ADM{level}_EN"],
            "qualifier_ar": "", "key": name_key(r[f"ADM{level}_AR"]), "kind": f"admin{level}",
            "lat": float(pt.y), "lon": float(pt.x), "country": "SY", "source": "ocha_boundaries",
        }
        for up in (1, 2, 3):
            if up <= level:
                row[f"admin{up}_pcode"] = r[f"ADM{up}_PCODE"]
                row[f"admin{up}_name_en"] = r[f"ADM{up}_EN"]
                row[f"admin{up}_name_ar"] = r[f"ADM{up}_AR"]
        rows.append(row)
    return pd.DataFrame(rows)


def _neighbourhood_rows(gdf) -> pd.DataFrame:
    pts = gdf.geometry.representative_point()
    rows = []
    for (_, r), pt in zip(gdf.iterrows(), pts, strict=False):
        rows.append({
            "place_id": r["PCODE"], "name_ar": r["NAME_AR"], "name_en": r["NAME_EN"],
            "qualifier_ar": r["ADM4_AR"] or "", "key": name_key(r["NAME_AR"] or ""), "kind": "neighbourhood",
            "lat": float(pt.y), "lon": float(pt.x),
            "admin1_pcode": r["ADM1_PCODE"], "admin1_name_en": r["ADM1_EN"], "admin1_name_ar": r["ADM1_AR"],
            "admin2_pcode": r["ADM2_PCODE"], "admin2_name_en": r["ADM2_EN"], "admin2_name_ar": r["ADM2_AR"],
            "admin3_pcode": r["ADM3_PCODE"], "admin3_name_en": r["ADM3_EN"], "admin3_name_ar": r["ADM3_AR"],
            "country": "SY", "source": "ocha_neighbourhoods",
        })
    return pd.DataFrame(rows)


def _write_geojson(gdf, path: Path, tolerance: float, keep: list[str]) -> None:
    out = gdf[keep + ["geometry"]].copy()
    out["geometry"] = out.geometry.simplify(tolerance, preserve_topology=True)
    out.geometry = out.geometry.set_precision(1e-5)
    path.write_text(out.to_json(drop_id=True, ensure_ascii=False), encoding="utf-8")


def build(source: str | os.PathLike | None = None, out_dir: Path = BUILD_DIR, *, extras: bool = True) -> dict:
    """Build gazetteer and boundary layers; returns a summary. Raises GeodataSourceError."""
    import geopandas as gpd

    folder = source_folder(source)
    check_source(folder)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)

    parts = [_communities(folder)]
    summary: dict = {"source": str(folder), "layers": {}}
    for level, rel in ADMIN_FILES.items():
        gdf = gpd.read_file(folder / rel).to_crs(4326)
        keep = [c for c in gdf.columns if c.startswith("ADM") and c[-2:] in ("EN", "AR", "DE") and "ALT" not in c]
        _write_geojson(gdf, out_dir / f"adm{level}.geojson", SIMPLIFY_TOLERANCE[level], keep)
        summary["layers"][f"adm{level}"] = len(gdf)
        if level >= 1:
            parts.append(_admin_rows(gdf, level))
    nb = gpd.read_file(folder / NEIGHBOURHOODS_FILE).to_crs(4326)
    _write_geojson(nb, out_dir / "neighbourhoods.geojson", 0.0005,
                   ["NAME_EN", "NAME_AR", "PCODE", "ADM4_EN", "ADM4_AR", "ADM4_PCODE", "ADM1_PCODE"])
    summary["layers"]["neighbourhoods"] = len(nb)
    parts.append(_neighbourhood_rows(nb))

    gaz = pd.concat(parts, ignore_index=True)
    for col in GAZETTEER_COLUMNS:
        if col not in gaz.columns:
            gaz[col] = ""
    gaz = gaz[GAZETTEER_COLUMNS]
    text_cols = [c for c in GAZETTEER_COLUMNS if c not in ("lat", "lon")]
    gaz[text_cols] = gaz[text_cols].fillna("").astype(str)
    if extras:
        gaz = add_project_places(gaz, folder, out_dir, summary)
    gaz.to_parquet(out_dir / "gazetteer.parquet", index=False)
    summary["gazetteer_rows"] = len(gaz)
    summary["kinds"] = gaz["kind"].value_counts().to_dict()
    (out_dir / "build_info.json").write_text(json.dumps(summary, ensure_ascii=False, indent=1), encoding="utf-8")
    return summary


def is_built(out_dir: Path = BUILD_DIR) -> bool:
    return (out_dir / "gazetteer.parquet").exists() and (out_dir / "adm1.geojson").exists()
