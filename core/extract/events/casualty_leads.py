"""A massacre or a toll told as its own sentence beside the strike that caused it ("ارتكبت الطائرات الحربية مجزرة في
بلدة X قتل فيها 7" then "وقصفت الطائرات سوق البلدة"، "سقط 5 قتلى بقصف مدفعي للنظام على X" told apart from the shelling's
detail): one event, the strike's. The casualties event (a killing with a party named for it, no event word of a
strike of its own) goes when a strike event of the document, in the same or the next paragraph (before or after it),
names one of its settlements on a day that agrees, and its agent is the strike's or the strike names none: the strike
takes the toll (when it has none or a lower one) and the party."""

from __future__ import annotations

from datetime import date

from core.extract.events.agreement import days_agree, points_of
from core.extract.events.draft import Draft

STRIKE_LAYER = "strike"
PARAGRAPHS_APART = 1  # a lead and the detail right after it (or a detail and its toll paragraph)


def fold_casualty_leads(events: list[Draft], published: date | None) -> list[Draft]:
    """``events`` without the casualties events that tell the toll of a strike event beside them (see the module
    doc); that strike completed with their toll and party. Linear: each casualties event reads the strikes of its
    own and neighbouring paragraphs only."""
    strikes_by_paragraph: dict[int, list[Draft]] = {}
    for d in events:
        if d.layer == STRIKE_LAYER:
            strikes_by_paragraph.setdefault(d.sentence.paragraph, []).append(d)
    if not strikes_by_paragraph:
        return events
    folded: set[int] = set()
    for d in events:
        if d.event_type != "casualties" or d.fatalities is None or d.agent is None:
            continue
        points = points_of(d)
        if not points:
            continue
        near = [s for p in range(d.sentence.paragraph - PARAGRAPHS_APART, d.sentence.paragraph + PARAGRAPHS_APART + 1)
                for s in strikes_by_paragraph.get(p, ())]
        near.sort(key=lambda s: abs(s.start - d.start))
        for s in near:
            if s.sentence.start == d.sentence.start or not points & points_of(s):
                continue  # (a toll in the strike's own sentence is read as the strike's already)
            if s.agent_id not in (None, d.agent_id) or not days_agree(s, d, published):
                continue
            if s.fatalities is None or s.fatalities < d.fatalities:
                s.fatalities = d.fatalities
            if s.agent is None:
                s.agent, s.agent_rule = d.agent, d.agent_rule
            folded.add(id(d))
            break
    return [d for d in events if id(d) not in folded] if folded else events
