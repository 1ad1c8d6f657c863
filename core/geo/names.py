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


# Admin-unit words that are no qualifier by themselves ("قبتان الجبل" is the village's name, not "of جبل سمعان").
_GENERIC_ADMIN_WORDS = frozenset({"مركز", "جبل", "جبال", "سهل", "وادي", "منطقه", "ناحيه"})


def _bare(word: str) -> str:
    return word[2:] if word.startswith("ال") and len(word) > 4 else word


def qualified_base(key: str, admin_names, governorate: str = "") -> tuple[list[str], str]:
    """(["جديده", "الجديده"], "جسر الشغور") for OCHA's "جديده الجسر" whose district is "جسر الشغور": a two-word
    name whose last word (hyphen or not) is one of the place's admin units (the whole name, or the first word of
    a longer one that is not a generic word like جبل), with the head as the news writes it alone (also with the
    article, for a feminine or nisba noun in construct: "جديدة" → "الجديدة"), and that unit's name. A unit named
    like the governorate ("الداودية حسكة") tells nothing apart: no alias. ([], "") without a qualifier."""
    parts = [p for p in re.split(r"[\s\-–]+", key) if p]
    if len(parts) != 2 or "_" in key or "/" in key or "(" in key:
        return [], ""
    head, tail = parts
    gov = _bare(name_key(governorate).replace(" ", "")) if governorate else ""
    unit = ""
    for a in admin_names:
        words = [w for w in name_key(str(a or "")).split() if w != "مركز"]
        if not words:
            continue
        whole = _bare("".join(words))
        first = _bare(words[0]) if len(words) > 1 and _bare(words[0]) not in _GENERIC_ADMIN_WORDS else ""
        if _bare(tail) in (whole, first) and whole != gov:
            unit = " ".join(words)
            break
    if not unit or len(_bare(head)) < 3 or head in ("ابو", "ام"):
        return [], ""
    heads = [head]
    if not head.startswith("ال") and head.endswith(("ه", "يه", "ي")):
        heads.append("ال" + head)
    return heads, unit


_NISBA_MIN_LETTERS = 4


def _nisba(word: str) -> bool:
    """A relative adjective ("شرقي", "تحتاني", "داودية" normalized "داوديه"): the news gives it the article."""
    return len(word) >= _NISBA_MIN_LETTERS and not word.startswith("ال") and word.endswith(("ي", "يه"))


def _feminine_noun(word: str) -> bool:
    """A noun in ة ("فطيرة", "كنيسة"): the news often writes such a village with the article ("الفطيرة")."""
    return len(word) >= _NISBA_MIN_LETTERS and not word.startswith("ال") and word.endswith("ه") and \
        not word.endswith("اه")


def definite_forms(key: str) -> set[str]:
    """OCHA often writes a name without the article the news gives it: a nisba adjective or a noun in ة alone
    ("داودية" → "الداودية", "فطيرة" → "الفطيرة") or a noun with its nisba adjective, both definite in the news ("دير شرقي" → "الدير الشرقي",
    Arabic agreement puts the article on both). Other names keep their form ("نصر" is not "النصر")."""
    parts = key.split(" ")
    if len(parts) == 1 and (_nisba(parts[0]) or _feminine_noun(parts[0])):
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
        if "_" not in key and "-" not in key:  # OCHA's "بصرالحرير" is written "بصر الحرير" (the article's word apart)
            i = key.find("ال", 3)
            while 0 < i <= len(key) - 5:
                if len(key[:i].removeprefix("ال")) >= 3:  # (not "الم الكيه" from "المالكيه")
                    out.add(key[:i] + " " + key[i:])
                i = key.find("ال", i + 1)
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
