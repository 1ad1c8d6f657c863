"""One-line English summaries of events, built only from the event's fields.

"Russian airstrikes on Kafr Nobol (Idleb)", "Syrian government forces take Saraqab (Idleb)",
"Turkey–Russia talks in Ankara" — for readers without Arabic. The wording per type lives in
``lexicons/event_summaries.yaml``.
"""

from __future__ import annotations

from functools import cache, lru_cache

from core import vocab


@cache
def _templates() -> dict[str, dict[str, str]]:
    return vocab.load_yaml("event_summaries.yaml")


def _actor_noun(actor_id: str | None) -> str:
    actor = vocab.actors().get(actor_id or "")
    return actor.label_en if actor else ""


def _actor_adj(actor_id: str | None) -> str:
    actor = vocab.actors().get(actor_id or "")
    return actor.adjective_en if actor else ""


def _where(place_en: str | None, admin1: str | None, place_ar: str | None) -> str:
    name = place_en or place_ar or ""
    if admin1 and name and admin1.lower() not in name.lower():
        return f"{name} ({admin1})"
    return name or (admin1 or "")


@lru_cache(maxsize=4096)  # a pure function of its fields: many rows share them
def summarize(*, event_type: str, actor1: str | None, actor2: str | None, place_en: str | None = None,
              place_ar: str | None = None, admin1_name: str | None = None, fatalities: int | None = None) -> str:
    """A readable one-liner; parts that are unknown are left out, never guessed."""
    spec = _templates().get(event_type) or {}
    label = vocab.event_types().get(event_type, {}).get("label_en", event_type)
    adj, noun, target = _actor_adj(actor1), _actor_noun(actor1), _actor_noun(actor2)
    where = _where(place_en, admin1_name, place_ar)
    if noun and spec.get("with_actor"):
        text = spec["with_actor"].format(adj=adj, actor=noun, target=target or "", label=label)
    else:
        text = spec.get("plain", "{label}").format(label=label, target=target or "")
    if target and "{target}" not in spec.get("with_actor", "") and spec.get("target"):
        text += " " + spec["target"].format(target=target)
    if where:
        text += f" {spec.get('prep', 'in')} {where}"
    if fatalities:
        text += f"; {fatalities} killed"
    text = " ".join(text.split())
    return text[:1].upper() + text[1:]
