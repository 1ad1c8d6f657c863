"""End-to-end geocoding check on the seed corpus against the gold file (../shared/eval/seeds_gold.json):
every gold P-code must be matched by a place mention within 5 km in the same document, and every gold
"unresolved" name must be reported unresolved (never placed). Figures are printed (pytest -s)."""

import json
import math
from pathlib import Path

import pytest

from core.extract.mentions.places import find_places
from core.geo import build

REPO = Path(__file__).resolve().parent.parent
GOLD = REPO.parent / "shared" / "eval" / "seeds_gold.json"
CORPUS = REPO / "data" / "corpus"

pytestmark = [
    pytest.mark.skipif(not GOLD.exists(), reason=f"gold file absent: {GOLD}"),
    pytest.mark.skipif(not build.is_built(), reason="geodata not built: python -m core geodata build"),
]


def km(lat1, lon1, lat2, lon2):
    dlat, dlon = math.radians(lat2 - lat1), math.radians(lon2 - lon1)
    h = math.sin(dlat / 2) ** 2 + math.cos(math.radians(lat1)) * math.cos(math.radians(lat2)) * math.sin(dlon / 2) ** 2
    return 12742 * math.asin(math.sqrt(h))


def gold_place_check(gold: dict, corpus: Path) -> dict:
    """Per (document, gold place): hit within 5 km / unresolved reported / coordinates invented."""
    from core.text import normalize

    mentions = {p.stem: find_places(p.read_text(encoding="utf-8")) for p in sorted(corpus.glob("*.txt"))}
    pcodes, names, unresolved = {}, {}, {}
    for ev in gold["events"]:
        for pl in ev["places"]:
            if "pcode" in pl:
                pcodes[(ev["doc_id"], pl["pcode"])] = (pl["lat"], pl["lon"])
            elif "name" in pl:
                names[(ev["doc_id"], pl["name"])] = (pl["lat"], pl["lon"])
            elif "unresolved" in pl:
                unresolved[(ev["doc_id"], pl["unresolved"])] = None
    out = {"pcode_hits": [], "pcode_misses": [], "name_hits": [], "name_misses": [],
           "unresolved_flagged": [], "unresolved_missed": [], "invented": []}
    for (doc, pcode), (lat, lon) in pcodes.items():
        placed = [m for m in mentions[doc] if m.place is not None and m.place.lat is not None]
        best = min((km(lat, lon, m.place.lat, m.place.lon) for m in placed), default=float("inf"))
        out["pcode_hits" if best <= 5 else "pcode_misses"].append((doc, pcode, round(best, 2)))
    for (doc, name), (lat, lon) in names.items():
        placed = [m for m in mentions[doc] if m.place is not None and m.place.lat is not None]
        best = min((km(lat, lon, m.place.lat, m.place.lon) for m in placed), default=float("inf"))
        out["name_hits" if best <= 5 else "name_misses"].append((doc, name, round(best, 2)))
    for doc, name in unresolved:
        key = normalize(name)
        same = [m for m in mentions[doc] if normalize(m.surface) == key]
        if any(m.status == "unresolved" for m in same):
            out["unresolved_flagged"].append((doc, name))
        else:
            out["unresolved_missed"].append((doc, name))
        if any(m.place is not None for m in same):
            out["invented"].append((doc, name))
    return out


def test_seed_gold_places():
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    r = gold_place_check(gold, CORPUS)
    n_p = len(r["pcode_hits"]) + len(r["pcode_misses"])
    n_u = len(r["unresolved_flagged"]) + len(r["unresolved_missed"])
    n_n = len(r["name_hits"]) + len(r["name_misses"])
    print(f"\ngold P-codes within 5 km: {len(r['pcode_hits'])}/{n_p}; foreign places within 5 km: "
          f"{len(r['name_hits'])}/{n_n}; unresolved names flagged: {len(r['unresolved_flagged'])}/{n_u}; "
          f"coordinates invented for unresolved names: {len(r['invented'])}")
    assert r["pcode_misses"] == [], r["pcode_misses"]
    assert r["name_misses"] == [], r["name_misses"]
    assert r["unresolved_missed"] == [], r["unresolved_missed"]
    assert r["invented"] == []
