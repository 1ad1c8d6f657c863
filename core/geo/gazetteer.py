"""Load the built gazetteer (``geodata/build``) as typed :class:`~core.model.Place` records.

``load_gazetteer()`` is cached: the parquet, the alias keys, the boundaries and the road lines are read
once per process. Matching keys come from the OCHA names plus generated spelling variants (with/without a
space after كفر/تل/دير..., hamza forms), the project and OpenSyria aliases and the analyst's additions.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import pandas as pd

from core.geo.names import definite_forms, name_key, qualified_base, spelling_variants
from core.model import Place
from core.paths import BUILD_DIR

COMPASS = {"N": (1, 0), "S": (-1, 0), "E": (0, 1), "W": (0, -1)}


class GazetteerNotBuilt(FileNotFoundError):
    """geodata/build is missing: run ``python -m core geodata build``."""


@dataclass
class Gazetteer:
    """The places and their matching keys. Build with :func:`load_gazetteer`."""

    places: dict[str, Place]
    keys: dict[str, tuple[str, ...]]  # normalized key → place ids (best first: OCHA order)
    build_dir: Path
    definite_keys: dict[str, str] = field(default_factory=dict)  # "الداوديه" → "داوديه", the form OCHA writes
    country_areas: dict[str, str] = field(default_factory=dict)  # "NW" → region spanning governorates
    stem_keys: frozenset = frozenset()  # "شيوخ": the stem of villages close together ("شيوخ تحتاني/فوقاني")
    # key → {place id: its admin unit's normalized name} for names OCHA qualifies by that unit ("جديدة الجسر" is
    # "الجديدة" of "جسر الشغور"): the key names that place only in a text that names the unit
    qualified: dict[str, dict[str, str]] = field(default_factory=dict)
    # key → place ids it names only without their direction adjective ("اللويبدة" for OCHA's "لويبدة شمالية")
    partial: dict[str, frozenset] = field(default_factory=dict)
    _adm1: object = field(default=None, repr=False)
    _region_cache: dict = field(default_factory=dict, repr=False)
    _admin1_cache: dict = field(default_factory=dict, repr=False)
    _prepared: list | None = field(default=None, repr=False)
    _roads: dict | None = field(default=None, repr=False)

    # -- records ------------------------------------------------------------------------------------------
    def by_id(self, place_id: str) -> Place | None:
        return self.places.get(place_id)

    def lookup(self, name: str) -> list[Place]:
        """Places whose name (or a variant / alias) is ``name``."""
        ids: list[str] = []
        for k in spelling_variants(name_key(name)):
            for pid in self.keys.get(k, ()):
                if pid not in ids:
                    ids.append(pid)
        return [self.places[i] for i in ids]

    def of_kind(self, kind: str) -> list[Place]:
        return [p for p in self.places.values() if p.kind == kind]

    # -- geometry -----------------------------------------------------------------------------------------
    @property
    def adm1(self):
        if self._adm1 is None:
            import geopandas as gpd

            self._adm1 = gpd.read_file(self.build_dir / "adm1.geojson")
        return self._adm1

    def admin1_geometry(self, pcode: str):
        """Shapely geometry of a governorate (OCHA admin1 P-code; "SY" = the whole country), or None."""
        if pcode == "SY":
            return self.adm1.geometry.union_all()
        hit = self.adm1[self.adm1["ADM1_PCODE"] == pcode]
        return hit.geometry.iloc[0] if len(hit) else None

    def admin1_of(self, lat: float, lon: float) -> str | None:
        """The governorate P-code containing the point, or None outside Syria."""
        key = (round(lat, 5), round(lon, 5))
        if key not in self._admin1_cache:
            from shapely.geometry import Point

            if self._prepared is None:
                from shapely.prepared import prep

                self._prepared = [(str(r.ADM1_PCODE), r.geometry.bounds, prep(r.geometry))
                                  for r in self.adm1.itertuples()]
            pt = Point(lon, lat)
            self._admin1_cache[key] = next(
                (pcode for pcode, (x0, y0, x1, y1), geom in self._prepared
                 if x0 <= lon <= x1 and y0 <= lat <= y1 and geom.contains(pt)), None)
        return self._admin1_cache[key]

    def road_lines(self) -> dict[str, list[tuple[float, float]]]:
        if self._roads is None:
            path = self.build_dir / "roads.json"
            lines = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
            self._roads = {k: [tuple(p) for p in v] for k, v in lines.items()}
        return {k: list(v) for k, v in self._roads.items()}

    def directional_point(self, admin1_pcode: str, directions: str, centre: tuple[float, float] | None = None
                          ) -> tuple[float, float]:
        """Representative point of the part of a governorate in a compass direction ("S", "SE", "W" ...)
        from ``centre`` (default: the governorate's capital, else its centroid). Returns (lat, lon)."""
        cache_key = (admin1_pcode, directions, centre)
        if cache_key in self._region_cache:
            return self._region_cache[cache_key]
        from shapely.geometry import box

        geom = self.admin1_geometry(admin1_pcode)
        gov = self.places.get(admin1_pcode)
        if geom is None:
            point = (gov.lat, gov.lon) if gov else (0.0, 0.0)
            self._region_cache[cache_key] = point
            return point
        if centre is None:
            capital = [p for p in self.lookup(gov.name_ar) if p.kind == "community"
                       and p.admin1_pcode == admin1_pcode] if gov and gov.kind == "admin1" else []
            centre = (capital[0].lat, capital[0].lon) if capital else (geom.centroid.y, geom.centroid.x)
        minx, miny, maxx, maxy = geom.bounds
        lo_x, hi_x, lo_y, hi_y = minx, maxx, miny, maxy
        for d in directions:
            dy, dx = COMPASS[d]
            if dy > 0:
                lo_y = centre[0]
            elif dy < 0:
                hi_y = centre[0]
            if dx > 0:
                lo_x = centre[1]
            elif dx < 0:
                hi_x = centre[1]
        part = geom.intersection(box(lo_x, lo_y, hi_x, hi_y)) if lo_x < hi_x and lo_y < hi_y else None
        if part is None or part.is_empty:
            part = geom
        pt = part.representative_point()
        point = (round(pt.y, 5), round(pt.x, 5))
        self._region_cache[cache_key] = point
        return point


def _place_from_row(r) -> Place:
    lat = None if pd.isna(r.lat) else float(r.lat)
    lon = None if pd.isna(r.lon) else float(r.lon)
    return Place(
        place_id=r.place_id, name_ar=r.name_ar, name_en=r.name_en, kind=r.kind, lat=lat, lon=lon,
        admin1_pcode=r.admin1_pcode, admin1_name_en=r.admin1_name_en, admin1_name_ar=r.admin1_name_ar,
        admin2_pcode=r.admin2_pcode, admin2_name_en=r.admin2_name_en, admin2_name_ar=r.admin2_name_ar,
        admin3_pcode=r.admin3_pcode, admin3_name_en=r.admin3_name_en, admin3_name_ar=r.admin3_name_ar,
        qualifier_ar=r.qualifier_ar, country=r.country or "SY",
        admin1_pcodes=tuple(a for a in str(getattr(r, "admin1_pcodes", "") or "").split("|") if a),
    )


def _add_keys(keys: dict[str, list[str]], pairs: Iterable[tuple[str, str]]) -> None:
    for key, pid in pairs:
        if not key or key.isdigit():
            continue
        if key.isascii():  # English names and aliases ("Saraqib"): matched in lower case
            key = key.lower()
        parts = [key]
        if "/" in key:  # OCHA quarters named "الراموسة/ المنطقة الصناعية": each part is a name
            parts += [" ".join(part.split()) for part in key.split("/") if len(part.strip()) >= 3]
        for k in {v for part in parts for v in spelling_variants(part)}:
            ids = keys.setdefault(k, [])
            if pid not in ids:
                ids.append(pid)


@cache
def load_gazetteer(build_dir: Path | str = BUILD_DIR) -> Gazetteer:
    """The gazetteer built by ``python -m core geodata build`` (cached per folder)."""
    build_dir = Path(build_dir)
    path = build_dir / "gazetteer.parquet"
    if not path.exists():
        raise GazetteerNotBuilt(f"{path} not found: run `python -m core geodata build` (see README, 'Geodata').")
    df = pd.read_parquet(path)
    places = {r.place_id: _place_from_row(r) for r in df.itertuples(index=False)}
    keys: dict[str, list[str]] = {}
    _add_keys(keys, zip(df["key"], df["place_id"], strict=True))
    alias_path = build_dir / "aliases.parquet"
    if alias_path.exists():
        al = pd.read_parquet(alias_path)
        al = al[al["place_id"].isin(places)]
        _add_keys(keys, zip(al["key"], al["place_id"], strict=True))
        stem_keys = frozenset(al.loc[al["source"] == "ocha_stem", "key"])
        qualified = _qualified_units(al[al["source"] == "ocha_qualified"], places)
        partial = _partial_names(al[al["source"] == "ocha_part"])
    else:
        stem_keys, qualified, partial = frozenset(), {}, {}
    definite = _add_definite_forms(keys, frozenset(k for k, ids in keys.items()
                                                   if all(pid in partial.get(k, ()) for pid in ids)))
    areas = {str(d): str(pid) for d, pid in zip(df.get("country_direction", pd.Series(dtype=str)),
                                                  df["place_id"], strict=False) if d and not pd.isna(d)}
    return Gazetteer(places=places, keys={k: tuple(v) for k, v in keys.items()}, build_dir=build_dir,
                     definite_keys=definite, country_areas=areas, stem_keys=stem_keys, qualified=qualified,
                     partial=partial)


def _partial_names(rows: pd.DataFrame) -> dict[str, frozenset]:
    """Every written form (spelling variants, the article) of the ``ocha_part`` aliases → their place ids."""
    out: dict[str, set[str]] = {}
    for key, pid in zip(rows["key"], rows["place_id"], strict=True):
        for k in spelling_variants(key):
            for form in (k, *definite_forms(k)):
                out.setdefault(form, set()).add(pid)
    return {k: frozenset(v) for k, v in out.items()}


def _qualified_units(rows: pd.DataFrame, places: dict[str, Place]) -> dict[str, dict[str, str]]:
    out: dict[str, dict[str, str]] = {}
    for key, pid in zip(rows["key"], rows["place_id"], strict=True):
        p = places[pid]
        _, unit = qualified_base(name_key(p.name_ar), (p.admin2_name_ar, p.admin3_name_ar, p.qualifier_ar),
                                 p.admin1_name_ar)
        if unit:
            for k in spelling_variants(key):
                out.setdefault(k, {})[pid] = unit
    return out


def _add_definite_forms(keys: dict[str, list[str]], partial_only: frozenset = frozenset()) -> dict[str, str]:
    """"الداودية" for OCHA's "داودية" (``definite_forms``), only where no place bears the name as written: when
    the gazetteer has places named "الريحانية", the news' "الريحانية" is one of them (or a place it lacks),
    not OCHA's "ريحانية". A form known only as part of longer names (``partial_only``) is not so written."""
    derived: dict[str, list[str]] = {}
    written: dict[str, str] = {}
    for key, ids in keys.items():
        for form in definite_forms(key):
            if form not in keys or form in partial_only:
                bucket = derived.setdefault(form, [])
                bucket.extend(pid for pid in ids if pid not in bucket)
                written.setdefault(form, key)
    for form, ids in derived.items():
        keys[form] = ids + [pid for pid in keys.get(form, ()) if pid not in ids]
    return written


def admin1_of(lat: float, lon: float) -> str | None:
    """Governorate P-code (e.g. "SY07") containing the point, None outside Syria."""
    return load_gazetteer().admin1_of(lat, lon)


def admin1_geometry(pcode: str):
    return load_gazetteer().admin1_geometry(pcode)


def road_lines() -> dict[str, list[tuple[float, float]]]:
    """Schematic highway lines: {"M4": [(lat, lon), ...], "M5": [...]} in road order."""
    return load_gazetteer().road_lines()
