"""The shared vocabulary (event types, layers, sides, actors), loaded from core/lexicons/*.yaml."""

from __future__ import annotations

from functools import cache

import yaml

from core.model import Actor
from core.paths import LEXICON_DIR

MAP_LAYERS = ("strike", "ground", "advance")  # "strikes and advances"
# Layers whose events may describe the same happening: a strike is a strike; ground fighting and
# advances are one family ("clashes ... took the village"). Used by the evaluation's type rule and by
# the extraction when it merges triggers of one report.
LAYER_FAMILY = {"strike": "strike", "ground": "land", "advance": "land"}


# libyaml's parser when PyYAML was built with it: the same objects as ``yaml.safe_load``, ten times faster (some
# lexicons are first read while the first documents are extracted)
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml(name: str):
    with open(LEXICON_DIR / name, encoding="utf-8") as fh:
        return yaml.load(fh, Loader=_SAFE_LOADER)


@cache
def event_types() -> dict[str, dict]:
    return load_yaml("event_types.yaml")


@cache
def sides() -> dict[str, dict]:
    return load_yaml("sides.yaml")


@cache
def actors() -> dict[str, Actor]:
    raw = load_yaml("actors.yaml")
    return {
        actor_id: Actor(actor_id=actor_id, side=spec["side"], label_en=spec["label_en"],
                        adjective_en=spec.get("adjective_en", ""))
        for actor_id, spec in raw.items()
    }


def layer_of(event_type: str) -> str:
    return event_types().get(event_type, {}).get("layer", "other")


def side_of(actor_id: str | None) -> str | None:
    if not actor_id:
        return None
    actor = actors().get(actor_id)
    return actor.side if actor else "unknown"
