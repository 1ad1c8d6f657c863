"""Non-events: drafts too weak, denied, background or without the agent their type needs."""

from __future__ import annotations

from core import vocab
from core.extract.events.cues import event_cues, words_between
from core.extract.events.draft import Draft

AGENT_REQUIRED = ("diplomacy", "statement", "agreement", "joint_patrol", "other_strategic", "territory_taken")


def keep_draft(text: str, d: Draft) -> bool:
    """Drafts too weak to be an event: a vague word ("التصعيد") without "بين X و Y"; a generic
    attack word with neither agent nor toll; a map event named only by a noun, without agent,
    toll or a precise place (background: "تشكل استعادة الطريق هدفا")."""
    if d.event_type in AGENT_REQUIRED and d.agent is None:
        return False
    if d.time_rule == "time:background" and d.fatalities is None:
        return False
    if d.event_type != "statement" and set(words_between(text, d.sentence.start, d.start)) & event_cues()["denials"]:
        return False  # "نفت الوزارة أن تكون طائراتها قد قصفت ..."
    if all(t.weight <= 0.4 for t in d.triggers) and d.agent_rule != "agent:between":
        return False
    if all(t.generic or t.weight <= 0.4 for t in d.triggers) and d.agent is None and d.fatalities is None:
        return False
    if d.layer in vocab.MAP_LAYERS and not d.places and d.fatalities is None and d.time_rule not in (
            "time:clause", "time:sentence"):
        return False  # background: an unplaced, undated fight ("قوات النظام التي تشن هجوما")
    if d.layer in vocab.MAP_LAYERS and d.agent is None and d.fatalities is None and all(
            t.pos == "noun" for t in d.triggers) and not any(p.precision in (1, 2) and p.place for p in d.places):
        return False
    return True
