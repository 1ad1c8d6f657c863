"""One cell per OCHA community: the Voronoi region of its point, clipped to its sub-district (adm3).

Cells are computed once from geodata/build (gazetteer communities + adm3 boundaries), in metres
(UTM 37N, :data:`CELL_CRS`), and cached beside them as ``control_cells.parquet``; the cache is rebuilt
when either input is newer. Communities that share a point share its cell.
"""

from __future__ import annotations

import logging
import os
from functools import cache
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from core.paths import BUILD_DIR

log = logging.getLogger(__name__)

CELL_CRS = "EPSG:32637"  # UTM 37N: metres across north-west Syria (the print map's CRS too)
CELLS_VERSION = 3  # bump when the cells are computed differently: an older cache is then ignored
CACHE_NAME = f"control_cells.v{CELLS_VERSION}.parquet"
MAX_GAP_M2 = 5e6  # a face between sub-districts no cell covers, up to 5 km², joins a neighbouring cell
NODING_GRID_M = 1.0  # borders closer than this are one border (the boundary files disagree by millimetres)
CELL_COLUMNS = ["pcode", "name_en", "name_ar", "admin1_pcode", "admin2_pcode", "admin3_pcode", "lat", "lon"]


def _inputs(build_dir: Path) -> tuple[Path, Path]:
    gazetteer, adm3 = build_dir / "gazetteer.parquet", build_dir / "adm3.geojson"
    for path in (gazetteer, adm3):
        if not path.exists():
            raise FileNotFoundError(f"{path} is missing: run `make geodata` (python -m core geodata build)")
    return gazetteer, adm3


def communities(gazetteer: pd.DataFrame) -> pd.DataFrame:
    """The gazetteer's OCHA communities with a point and a sub-district."""
    rows = gazetteer[(gazetteer["kind"] == "community") & gazetteer["lat"].notna() & gazetteer["lon"].notna()
                     & gazetteer["admin3_pcode"].fillna("").astype(str).ne("")]
    rows = rows.drop_duplicates("place_id").rename(columns={"place_id": "pcode"})
    return rows[CELL_COLUMNS].reset_index(drop=True)


def voronoi_cells(points: pd.DataFrame, polygons: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Cells of ``points`` (columns of :data:`CELL_COLUMNS`) clipped to ``polygons`` (ADM3_PCODE, geometry),
    both taken as given in :data:`CELL_CRS` metres for the geometry; points carry lon/lat."""
    xs, ys = _project(points["lon"].to_numpy(float), points["lat"].to_numpy(float))
    pts = points.assign(x=np.round(xs, 1), y=np.round(ys, 1))
    shapes = dict(zip(polygons["ADM3_PCODE"], polygons.geometry, strict=True))
    geometry = np.empty(len(pts), dtype=object)
    xy = pts[["x", "y"]].to_numpy()
    for admin3, rows in pts.groupby("admin3_pcode", sort=False).indices.items():
        area = shapes.get(admin3)
        if area is None or area.is_empty:  # no outline for this sub-district: a 1 km disc, so it stays visible
            geometry[rows] = shapely.buffer(shapely.points(xy[rows]), 1000)
            continue
        unique, inverse = np.unique(xy[rows], axis=0, return_inverse=True)  # towns at one point share a cell
        if len(unique) == 1:
            regions = np.asarray([area], dtype=object)
        else:
            voronoi = shapely.voronoi_polygons(shapely.MultiPoint(unique), extend_to=area.envelope.buffer(1000),
                                               ordered=True)
            regions = shapely.make_valid(shapely.intersection(np.asarray(voronoi.geoms, dtype=object), area))
        cells = regions[inverse.ravel()]
        empty = shapely.is_empty(cells)
        cells[empty] = shapely.buffer(shapely.points(xy[rows][empty]), 500)
        geometry[rows] = cells
    cells = gpd.GeoDataFrame(points.copy(), geometry=list(geometry), crs=CELL_CRS)
    cells["geometry"] = noded_coverage(shapely.make_valid(cells.geometry.to_numpy()))
    return cells


def noded_coverage(geometries: np.ndarray) -> np.ndarray:
    """The cells re-cut from one noded arrangement of all their borders, so that neighbours share their
    border vertex for vertex (a valid coverage): areas then dissolve with the fast coverage union, and the
    front line is the set of border segments two differently held cells share.

    The boundary files are simplified polygon by polygon, so sub-districts overlap a little and leave thin
    gaps between them. Each face of the arrangement goes to the cell that covers most of it; a gap (a face
    no cell covers, smaller than :data:`MAX_GAP_M2`) goes to the cell it shares the longest border with.
    """
    lines = shapely.union_all(shapely.boundary(geometries), grid_size=NODING_GRID_M)
    faces = shapely.get_parts(shapely.polygonize(shapely.get_parts(lines)))
    if not len(faces):
        return geometries
    tree = shapely.STRtree(geometries)
    # most faces lie inside exactly one cell; only the others need measuring
    face_idx, cell_idx = tree.query(shapely.point_on_surface(faces), predicate="within")
    owners = np.bincount(face_idx, minlength=len(faces))
    clear = owners[face_idx] == 1
    chosen = [pd.DataFrame({"face": face_idx[clear], "cell": cell_idx[clear]})]
    unclear = np.flatnonzero(owners != 1)
    if len(unclear):
        f_idx, c_idx = tree.query(faces[unclear], predicate="intersects")
        pair_faces = faces[unclear][f_idx]
        overlap = shapely.area(shapely.intersection(pair_faces, geometries[c_idx]))
        border = shapely.length(shapely.intersection(shapely.boundary(pair_faces), shapely.boundary(geometries[c_idx])))
        pairs = pd.DataFrame({"face": unclear[f_idx], "cell": c_idx, "overlap": overlap, "border": border,
                              "area": shapely.area(pair_faces)})
        pairs = pairs[(pairs["overlap"] > 0) | (pairs["area"] <= MAX_GAP_M2)]
        pairs = pairs.sort_values(["overlap", "border"], ascending=False).drop_duplicates("face")
        chosen.append(pairs[["face", "cell"]])
    best = pd.concat(chosen, ignore_index=True)
    out = geometries.copy()
    face_of, cell_of = best["face"].to_numpy(), best["cell"].to_numpy()
    n_faces = np.bincount(cell_of, minlength=len(geometries))
    single = n_faces[cell_of] == 1
    out[cell_of[single]] = faces[face_of[single]]
    order = np.argsort(cell_of[~single], kind="stable")
    multi_cells, multi_faces = cell_of[~single][order], face_of[~single][order]
    if len(multi_cells):
        starts = np.flatnonzero(np.r_[True, multi_cells[1:] != multi_cells[:-1]])
        for start, end in zip(starts, [*starts[1:], len(multi_cells)], strict=True):
            out[multi_cells[start]] = shapely.coverage_union_all(faces[multi_faces[start:end]])
    return out


@cache
def _transformer():
    from pyproj import Transformer

    return Transformer.from_crs("EPSG:4326", CELL_CRS, always_xy=True)


def _project(lons: np.ndarray, lats: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    xs, ys = _transformer().transform(lons, lats)
    return np.asarray(xs), np.asarray(ys)


def build_cells(build_dir: Path = BUILD_DIR) -> gpd.GeoDataFrame:
    gazetteer_path, adm3_path = _inputs(Path(build_dir))
    points = communities(pd.read_parquet(gazetteer_path))
    polygons = gpd.read_file(adm3_path).to_crs(CELL_CRS)
    polygons["geometry"] = shapely.make_valid(polygons.geometry.to_numpy())
    return voronoi_cells(points, polygons[["ADM3_PCODE", "geometry"]])


def load_cells(build_dir: Path = BUILD_DIR) -> gpd.GeoDataFrame:
    """The cells (cached on disk beside the inputs, and in memory per input version)."""
    build_dir = Path(build_dir)
    inputs = _inputs(build_dir)
    return _load(str(build_dir), max(os.stat(p).st_mtime_ns for p in inputs))


@cache
def _load(build_dir: str, inputs_mtime: int) -> gpd.GeoDataFrame:
    cache_path = Path(build_dir) / CACHE_NAME
    if cache_path.exists() and cache_path.stat().st_mtime_ns >= inputs_mtime:
        try:
            return gpd.read_parquet(cache_path)
        except (OSError, ValueError) as exc:  # a broken cache is rebuilt, never trusted
            log.warning("control cells cache %s unreadable (%s): rebuilding", cache_path, exc)
    cells = build_cells(Path(build_dir))
    tmp = cache_path.with_name(f".{cache_path.name}.{os.getpid()}.tmp")
    try:
        cells.to_parquet(tmp, index=False)
        os.replace(tmp, cache_path)
    except OSError as exc:  # a read-only build folder: keep the cells in memory only
        log.warning("cannot cache control cells in %s (%s)", cache_path, exc)
    finally:
        if tmp.exists():
            tmp.unlink()
    return cells
