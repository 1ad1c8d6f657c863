"""The event draft: what one event gathers from the mentions of a clause while it is assembled."""

from __future__ import annotations

from dataclasses import dataclass, field

from core import vocab
from core.extract.segment import Segment
from core.model import ActorMention, PlaceMention, TimeMention, TriggerMention

OWN_FAMILY_TYPES = ("withdrawal",)  # "دخلت ... بعد انسحاب الفصائل": two events, two agents


def family_of(layer: str, event_type: str) -> str:
    return event_type if event_type in OWN_FAMILY_TYPES else vocab.LAYER_FAMILY.get(layer, event_type)


NO_AGENT_TYPES = ("displacement",)

# agents not named by the event's own clause: from the event before it, a signature weapon, the report
INFERRED_AGENT_RULES = frozenset({"agent:context", "agent:signature", "agent:discourse"})


@dataclass
class Draft:
    """An event being assembled from the mentions of one clause."""

    event_type: str
    layer: str
    triggers: list[TriggerMention]
    clause: Segment
    sentence: Segment
    agent: ActorMention | None = None
    agent_rule: str = ""
    target: ActorMention | None = None
    places: list[PlaceMention] = field(default_factory=list)
    place_rule: str = ""
    time: TimeMention | None = None
    time_rule: str = ""
    fatalities: int | None = None
    char_start: int = 0
    char_end: int = 0
    own_span: tuple[int, int] | None = None  # the part of the clause this draft reports (up to the next draft)
    retrospective: bool = False  # recalls an earlier event without a time of its own (``aspect``)
    headed: bool = False  # an advance whose every place was only where it headed or came near ("تقدمت نحو X"): no event
    undergone: bool = False  # its target underwent it ("أعلنت X تعرض مقرها لقصف"): told as a fact (``roles``)
    framing: list[PlaceMention] = field(default_factory=list)  # wide regions dropped as framing its settlement
    fought: list[ActorMention] = field(default_factory=list)  # "سيطرت ... بعد معارك مع X": the parties fought with
    amid_of: Draft | None = None  # "تقدمت ... وسط اشتباكات": the event this one accompanies (it happens there too)
    # (places list, its settlement keys, the resolved ones): ``agreement.points_of`` reads them thousands of times
    # while a long document is linked; valid while ``places`` is that list (lists of places are replaced, never edited)
    points_memo: tuple | None = field(default=None, repr=False, compare=False)

    @property
    def agent_id(self) -> str | None:
        """The agent's actor id, or None when the draft has no agent."""
        return self.agent.actor.actor_id if self.agent is not None else None

    @property
    def start(self) -> int:
        triggers = self.triggers
        if len(triggers) == 1:  # (most drafts; read thousands of times per document)
            return triggers[0].start
        return min([t.start for t in triggers])

    @property
    def end(self) -> int:
        triggers = self.triggers
        if len(triggers) == 1:
            return triggers[0].end
        return max([t.end for t in triggers])

    @property
    def family(self) -> str:
        return family_of(self.layer, self.event_type)
