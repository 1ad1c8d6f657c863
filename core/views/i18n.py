"""Interface labels in English and Arabic (core/lexicons/ui_labels.yaml).

The dashboard shows "English · Arabic" by default and Arabic only when the analyst turns
the Arabic interface on. Unknown keys fall back to the key itself, so a missing label is
visible rather than fatal.
"""

from __future__ import annotations

from functools import cache

from core import vocab


@cache
def labels() -> dict[str, dict[str, str]]:
    return vocab.load_yaml("ui_labels.yaml")


def label(key: str, lang: str = "both") -> str:
    """``lang``: "en", "ar", or "both" ("Map · الخريطة")."""
    entry = labels().get(key)
    if not entry:
        return key
    en, ar = entry.get("en", key), entry.get("ar", "")
    if lang == "en" or not ar:
        return en
    if lang == "ar":
        return ar
    return f"{en} · {ar}"


def side_label(side: str, lang: str = "both") -> str:
    spec = vocab.sides().get(side, {})
    return _pair(spec.get("label_en", side), spec.get("label_ar", ""), lang)


def type_label(event_type: str, lang: str = "both") -> str:
    spec = vocab.event_types().get(event_type, {})
    return _pair(spec.get("label_en", event_type), spec.get("label_ar", ""), lang)


def actor_label(actor_id: str, lang: str = "both") -> str:
    actor = vocab.actors().get(actor_id)
    if actor is None:
        return actor_id
    return _pair(actor.label_en, _actor_arabic_names().get(actor_id, ""), lang)


@cache
def _actor_arabic_names() -> dict[str, str]:
    """First Arabic form of each actor in the lexicon (its usual name)."""
    raw = vocab.load_yaml("actors.yaml") or {}
    return {aid: (spec.get("forms") or [""])[0] for aid, spec in raw.items() if isinstance(spec, dict)}


def _pair(en: str, ar: str, lang: str) -> str:
    if lang == "en" or not ar:
        return en
    if lang == "ar":
        return ar
    return f"{en} · {ar}"
