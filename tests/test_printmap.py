"""Print map (PNG 300 dpi, SVG, PDF) and the Arabic text shaping it relies on."""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import numpy as np
import pytest

from core import vocab
from core.exports import files as exports
from core.exports import print_map
from core.table import store
from core.table.query import Filters
from tests.export_helpers import check_pdf, colour_pixels, image_array, seed_table
from tests.fixtures_paths import SAMPLE_TABLE

REFERENCE = Path(__file__).resolve().parent / "reference" / "label_saraqib.png"
SARAQIB = "سراقب"
ZWNJ = "\u200c"  # zero-width non-joiner: the same letters, forbidden to join


@pytest.fixture(scope="module")
def sample():
    return store.read_table(SAMPLE_TABLE)


# ---- Arabic shaping ----------------------------------------------------------------------------------
def test_matplotlib_shapes_complex_text():
    major, minor = (int(x) for x in print_map.matplotlib.__version__.split(".")[:2])
    assert (major, minor) >= (3, 11), "Arabic shaping needs matplotlib ≥ 3.11 (libraqm)"
    print_map.check_text_shaping()
    assert print_map.arabic_font_family() in print_map.ARABIC_FAMILIES


def test_glyph_run_is_joined_and_right_to_left():
    glyphs = print_map.shaped_glyphs(SARAQIB)
    names = {char: name for char, name, _ in glyphs}
    # contextual forms, not the isolated code points: initial seen, final raa, initial qaf, final baa
    assert names["س"] == "uniFEB3" and names["ر"] == "uniFEAE"
    assert names["ق"] == "uniFED7" and names["ب"] == "uniFE90"
    x = {char: pos for char, _, pos in glyphs}
    # right to left: the first letter of the word is drawn rightmost, the last leftmost
    assert x["س"] > x["ر"] > x["ا"] > x["ق"] > x["ب"]
    isolated = {char: name for char, name, _ in print_map.shaped_glyphs(ZWNJ.join(SARAQIB)) if char != ZWNJ}
    assert isolated["س"] == "uni0633" and isolated["ب"] == "uni0628"


def _ink(png: bytes) -> np.ndarray:
    return image_array(png).mean(axis=2) < 128


def test_label_matches_the_reference_rendering():
    """The map's label code path renders "سراقب" as the reference made by the same code path."""
    png = print_map.render_label_png(SARAQIB)
    now, ref = image_array(png), image_array(REFERENCE.read_bytes())
    assert now.shape == ref.shape
    assert np.abs(now - ref).mean() < 2.0, "the Arabic label no longer renders like the reference"
    ink_now, ink_ref = _ink(png), _ink(REFERENCE.read_bytes())
    assert (ink_now ^ ink_ref).sum() <= 0.05 * ink_ref.sum()


def test_joined_word_differs_from_its_separate_letters_and_from_reversed_text():
    joined = _ink(print_map.render_label_png(SARAQIB))
    separate = _ink(print_map.render_label_png(ZWNJ.join(SARAQIB)))
    # what python-bidi / arabic-reshaper would hand over: the letters pre-reversed; matplotlib then
    # reverses them once more, so the label would read "بقارس"
    reversed_text = _ink(print_map.render_label_png(SARAQIB[::-1]))
    for other in (separate, reversed_text):
        assert (joined ^ other).sum() > 0.25 * joined.sum()
    cols = np.flatnonzero(joined.any(axis=0))
    cols_sep = np.flatnonzero(separate.any(axis=0))
    assert cols.size and cols_sep.size
    assert (cols[-1] - cols[0]) < (cols_sep[-1] - cols_sep[0]), "a joined word is narrower than its isolated letters"


def test_no_reshaper_in_the_requirements():
    text = (Path(__file__).resolve().parent.parent / "requirements.txt").read_text(encoding="utf-8").lower()
    assert re.search(r"^matplotlib==3\.(1[1-9]|[2-9]\d)", text, re.M), "pin matplotlib ≥ 3.11"
    assert "arabic-reshaper" not in text and "python-bidi" not in text


# ---- the print map -------------------------------------------------------------------------------------
def _side_colours_found(img: np.ndarray, df) -> dict[str, int]:
    sides = set(df["actor1_side"].dropna())
    return {side: colour_pixels(img, vocab.sides()[side]["colour"], 25) for side in sides}


def test_print_png_is_300_dpi_a4_with_markers(sample):
    content, mime, name = exports.export_bytes(sample, "print-png", filters=Filters(admin1=("SY07",)),
                                               title="إدلب · Idleb")
    assert mime == "image/png" and name.endswith(".png")
    from PIL import Image

    img = Image.open(io.BytesIO(content))
    assert img.size == (3507, 2481)  # A4 landscape at 300 dpi
    assert round(img.info["dpi"][0]) == 300
    arr = image_array(content)
    assert arr.std() > 20, "blank image"
    found = _side_colours_found(arr, Filters(admin1=("SY07",)).apply(sample))
    assert all(n > 50 for n in found.values()), found


def test_print_svg_and_pdf_parse(sample):
    svg, mime, _ = exports.export_bytes(sample, "svg", filters=Filters(sides=("turkey",)))
    assert mime == "image/svg+xml"
    root = ET.fromstring(svg)
    assert root.tag.endswith("svg")
    assert len(root.findall(".//{http://www.w3.org/2000/svg}path")) > 50
    pdf, mime, _ = exports.export_bytes(sample, "pdf", filters=Filters(sides=("turkey",)))
    assert mime == "application/pdf"
    assert check_pdf(pdf) == 1
    weekly_pdf = exports.export_bytes(sample, "pdf", filters=Filters(sides=("turkey",)), weekly=True)[0]
    assert check_pdf(weekly_pdf) == 2  # the map, then one panel per week


def test_weekly_small_multiples(sample):
    content = exports.export_bytes(sample, "print-png", dpi=100, weekly=True)[0]
    arr = image_array(content)
    assert arr.shape[:2] == (827, 1169) and arr.std() > 20
    weeks = print_map.mapped_events(sample)[0]
    assert len(weeks) == 10  # Ankara is outside the map, the unresolved place has no point


def test_print_map_of_nothing_still_says_so(sample):
    content = exports.export_bytes(sample, "print-png", dpi=60, filters=Filters(place="لا مكان"))[0]
    arr = image_array(content)
    assert arr.std() > 5  # boundaries, title and the "no mapped events" note are drawn


def test_print_map_notes_what_it_cannot_show(sample):
    rows, no_xy, far = print_map.mapped_events(sample)
    assert (no_xy, far) == (1, 1)  # the unresolved place; Ankara
    assert "1 events without coordinates not shown" in print_map._notes(no_xy, far)


def test_seed_corpus_print_formats(tmp_path):
    seeds = seed_table()
    filters = Filters(layers=("strike", "ground", "advance"))
    png = exports.export_bytes(seeds, "print-png", filters=filters, dpi=150, title="Seed corpus")[0]
    arr = image_array(png)
    assert arr.shape[:2] == (int(8.27 * 150), int(11.69 * 150)) and arr.std() > 20
    shown = filters.apply(seeds)
    mapped = print_map.mapped_events(shown)[0]
    if len(mapped):
        found = _side_colours_found(arr, mapped)
        assert any(n > 20 for n in found.values()), found
    ET.fromstring(exports.export_bytes(seeds, "svg", filters=filters)[0])
    check_pdf(exports.export_bytes(seeds, "pdf", filters=filters)[0])


def test_cli_print_formats(tmp_path, capsys):
    from core.__main__ import main

    out = tmp_path / "map.svg"
    assert main(["export", "--format", "svg", "--events", str(SAMPLE_TABLE), "--admin1", "SY07",
                 "--title", "ريف إدلب", "--out", str(out)]) == 0
    assert "exported 9 of 12 events" in capsys.readouterr().out
    ET.fromstring(out.read_bytes())
    png = tmp_path / "map.png"
    assert main(["export", "--format", "print-png", "--dpi", "72", "--events", str(SAMPLE_TABLE),
                 "--out", str(png)]) == 0
    assert image_array(png.read_bytes()).shape[:2] == (int(8.27 * 72), int(11.69 * 72))
