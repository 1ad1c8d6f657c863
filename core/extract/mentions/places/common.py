"""What the place modules share: token patterns, proclitics, the match record, the per-ids candidate
summary and cheap geometry."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from functools import cache

from core.geo.names import name_key
from core.model import Place

PROCLITICS = ("", "و", "ف", "ب", "ل", "ك", "وب", "ول", "وك", "فب", "فل", "فك")
_WORD = re.compile(r"[\u0621-\u064aa-z0-9]+|[^\s]")
_SPACE_WORD = re.compile(r"(\s*)(" + _WORD.pattern + ")")  # a _WORD token with the spaces before it
_NONWORD_NOT_SPACE = re.compile(r"[^\u0621-\u064aa-z0-9 ]")
_WORD_CHARS = frozenset([chr(c) for c in range(0x621, 0x64B)] + list("abcdefghijklmnopqrstuvwxyz0123456789"))
_SENTENCE_END = set(".!?؟\n;؛")
_LIST_SEPARATORS = {"،", ",", "و"}
_ASCII_UPPER = re.compile(r"[A-Z]+")
# A definite common-word name whose indefinite form is among this many most frequent words is a common noun
# ("المدينة" ← "مدينة"): it needs a naming cue (cues.yaml: naming). Same cut as the build's ORDINARY_STEM_TOP_N.
STRICT_STEM_RANK = 15_000
ADMIN_RANK = {"admin0": -1, "admin1": 0, "admin2": 1, "admin3": 2}


def _norm_list(words) -> set[str]:
    return {name_key(w) for w in words}


@cache
def _strip_proclitics(word: str) -> tuple[str, ...]:
    """The word and its forms without proclitics ("بريف" → ("بريف", "ريف"), "للمدينة" → (..., "المدينه"))."""
    forms = [word]
    if len(word) > 3 and word[:2] in ("وب", "ول", "وك", "فب", "فل", "فك"):
        forms.append(word[2:])
    if len(word) > 2 and word[0] in "وفبلك":
        forms.append(word[1:])
    if word.startswith("لل") and len(word) > 3:
        forms.append("ا" + word[1:])
    if word.startswith(("ولل", "فلل")) and len(word) > 4:
        forms.append("ا" + word[2:])
    return tuple(forms)


@dataclass(slots=True)
class _Match:
    start: int  # normalized text, without proclitics
    end: int
    key: str
    ids: tuple[str, ...]
    t0: int  # first token index
    t1: int  # last token index
    prefix: str = ""
    cues: list[str] = field(default_factory=list)  # normalized cue words, nearest first
    cue_tok: int = -1  # token of the nearest cue word (for its surface in the original text)
    cue_kinds: set[str] = field(default_factory=set)  # settlement | near | admin:adminN | city | countryside
    directions: str = ""  # compass code of a countryside/direction construction ("SE")
    region_form: str = ""  # countryside | direction | ""
    locator_for: int | None = None  # index of the match this one locates ("X شرق مدينة Y")
    hints: list[int] = field(default_factory=list)  # locator matches pointing at this match
    risky: bool = False
    accepted: bool = False
    via_list: int | None = None  # accepted thanks to the list partner with this index
    inherited_cue: str = ""
    road: bool = False
    direction_tok: int = -1  # first token of a direction construction ("شمال غربي")
    in_list: bool = False  # one of several place names joined by "و" / "،"
    list_id: int = -1  # index of its list in _Doc.lists
    region_hint: frozenset[str] = frozenset()  # governorates of the countryside right after it ("X بريف حماة")
    # the admin unit (or town) of that countryside and its direction ("X في ريف إدلب الشرقي": SY07, "E")
    region_unit: str = ""
    region_dirs: str = ""


@dataclass(frozen=True)
class _Candidates:
    """What the disambiguation reads of a match's candidate places, computed once per distinct tuple of ids."""

    places: list[Place]
    by_kind: dict[str, list[Place]]
    admin_units: list[Place]  # admin0..3, by ADMIN_RANK
    admin1: str  # the governorate this name alone points to ("" if none or several): admin1_weights
    multi_points: list[tuple[float, float]]  # points of several community/site candidates (else empty)
    anchor: tuple[float, float] | None  # the point of a single community/site candidate
    only_neighbourhoods: bool  # some candidates, every one a city quarter (Resolution.usable)
    local: list[Place]  # the community candidates, then the sites
    # the kind Resolution.resolve codes the name as before anything else: "region", "foreign" (when no community
    # has the name) or "site"; "" for none
    first_kind: str

    @classmethod
    def of(cls, places: list[Place]) -> _Candidates:
        by_kind: dict[str, list[Place]] = {}
        for p in places:
            by_kind.setdefault(p.kind, []).append(p)
        admins = [p for p in places if p.kind in ("admin1", "admin2", "admin3", "region")]
        local = [p for p in places if p.kind in ("community", "site")]
        # a name that is an admin unit in one governorate and villages in others ("الحواش") says nothing, nor
        # one that is a village in one and a city quarter in another ("المهاجرين")
        quarters = [p for p in places if p.kind == "neighbourhood"]
        a1s = {p.admin1_pcode for p in admins + local + quarters if p.admin1_pcode}
        a1 = a1s.pop() if len(a1s) == 1 and (admins or len(local) == 1) else ""
        located = [c for c in local if c.lat is not None]
        return cls(places=places, by_kind=by_kind,
                   admin_units=sorted((p for p in places if p.kind in ADMIN_RANK), key=lambda p: ADMIN_RANK[p.kind]),
                   admin1=a1,
                   multi_points=[(c.lat, c.lon) for c in located] if len(located) > 1 else [],
                   anchor=(local[0].lat, local[0].lon) if len(local) == 1 and local[0].lat is not None and all(
                       q.admin1_pcode == local[0].admin1_pcode for q in quarters) else None,
                   only_neighbourhoods=bool(places) and all(p.kind == "neighbourhood" for p in places),
                   local=by_kind.get("community", []) + by_kind.get("site", []),
                   first_kind=next((k for k in ("region", "foreign", "site") if k in by_kind
                                    and not (k == "foreign" and "community" in by_kind)), ""))


def countryside_name(name_ar: str) -> str:
    """"ريف إدلب" for the governorate إدلب; the governorate "ريف دمشق" is its own countryside (not "ريف ريف دمشق")."""
    return name_ar if name_ar.startswith("ريف ") else "ريف " + name_ar


def _compass(dirs: str) -> str:
    """Canonical order: N/S before E/W ("ES" → "SE"), duplicates dropped."""
    ns = "".join(d for d in dict.fromkeys(dirs) if d in "NS")[:1]
    ew = "".join(d for d in dict.fromkeys(dirs) if d in "EW")[:1]
    return ns + ew


def _km_pt(lat: float, lon: float, q: tuple[float, float]) -> float:
    """Equirectangular distance in km: exact enough at the scale of a country, and cheap."""
    dy = (q[0] - lat) * 110.95
    dx = (q[1] - lon) * 111.32 * math.cos(math.radians((q[0] + lat) / 2))
    return math.hypot(dx, dy)


def _lies_towards(p: Place, anchor: Place, directions: str) -> bool:
    """Is ``p`` in the compass direction(s) ``directions`` ("NW") from ``anchor``?"""
    tests = {"N": p.lat > anchor.lat, "S": p.lat < anchor.lat, "E": p.lon > anchor.lon, "W": p.lon < anchor.lon}
    return all(tests[d] for d in directions)


def _km(p: Place, q: Place) -> float:
    if p.lat is None or q.lat is None:
        return float("inf")
    return _km_pt(p.lat, p.lon, (q.lat, q.lon))
