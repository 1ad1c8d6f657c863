"""Matching keys of place names and the other ways the news spells them (shared by the build and the loader)."""

from __future__ import annotations

import re

from core.text import normalize

# Words that begin many village names; written both joined and apart in the news ("كفرنبل"/"كفر نبل").
JOINABLE_PREFIXES = ("كفر", "تل", "دير", "عين", "بيت", "خربه", "ابو", "ام", "راس", "بير", "معره", "جسر", "قلعه",
                     "عرب", "تل ", "خان", "مزرعه", "بنات", "عيون", "ظهر", "حوش", "سرج", "ملا")
_PREFIX_WORDS = frozenset(p.strip() for p in JOINABLE_PREFIXES) - {"ابو", "ام"}  # not person names


def name_key(name: str) -> str:
    """Matching key: camel-tools normalization, single spaces, Latin letters in lower case."""
    key = " ".join(normalize(name).split())
    return key.lower() if key.isascii() else key


# OCHA writes one place under two names: "A_B", "A / B", "A-B", "A (B)" (old and new name, or the village
# and the farm it absorbed); the news uses either. Each part of at least MIN_PART_LETTERS letters is a name.
_COMBINED_SEPARATORS = re.compile(r"\s*(?:_|/|-|–|\(|\))\s*")
MIN_PART_LETTERS = 3


def name_parts(key: str) -> list[str]:
    """The names inside an OCHA combined name ("الصياح_صياح ظاهرية" → both), else [] (a plain name)."""
    if not _COMBINED_SEPARATORS.search(key):
        return []
    parts = [" ".join(p.split()) for p in _COMBINED_SEPARATORS.split(key)]
    parts = [p for p in parts if len(p.replace(" ", "").removeprefix("ال")) >= MIN_PART_LETTERS]
    return parts if len(parts) > 1 else []


_NISBA_MIN_LETTERS = 4


def _nisba(word: str) -> bool:
    """A relative adjective ("شرقي", "تحتاني", "داودية" normalized "داوديه"): the news gives it the article."""
    return len(word) >= _NISBA_MIN_LETTERS and not word.startswith("ال") and word.endswith(("ي", "يه"))


def definite_forms(key: str) -> set[str]:
    """OCHA often writes a name without the article the news gives it: a nisba adjective alone ("داودية" →
    "الداودية") or a noun with its nisba adjective, both definite in the news ("دير شرقي" → "الدير الشرقي",
    Arabic agreement puts the article on both). Other names keep their form ("نصر" is not "النصر")."""
    parts = key.split(" ")
    if len(parts) == 1 and _nisba(parts[0]):
        return {"ال" + parts[0]}
    if len(parts) == 2 and _nisba(parts[1]) and not parts[0].startswith("ال") and len(parts[0]) >= 3 \
            and parts[0] not in ("ابو", "ام"):
        return {"ال" + parts[0] + " ال" + parts[1]}
    return set()


def spelling_variants(key: str) -> set[str]:
    """Other ways the news writes the same normalized name (joined/split prefixes, hamza on ya)."""
    out = {key}
    if " " in key:
        joined = key.replace(" ", "")
        if len(joined) >= 5:
            out.add(joined)
    else:
        for pre in JOINABLE_PREFIXES:
            pre = pre.strip()
            if key.startswith(pre) and len(key) - len(pre) >= 3:
                out.add(pre + " " + key[len(pre):])
    if key.startswith("معرت") and len(key) > 6:  # construct state written with ت: "معرتحرمة" = "معرة حرمة"
        out |= {"معره " + key[4:].strip(), "معره" + key[4:].strip()}
    for k in list(out):  # the article after a prefix word: "تل طوقان" / "تل الطوقان"
        parts = k.split(" ")
        if len(parts) == 2 and parts[0] in _PREFIX_WORDS and len(parts[1]) >= 3:
            out.add(parts[0] + " " + (parts[1][2:] if parts[1].startswith("ال") else "ال" + parts[1]))
    for k in list(out):
        if "ئ" in k:
            out.add(k.replace("ئ", "ي"))
        if "ء" in k:
            out.add(k.replace("ء", ""))
    return out
