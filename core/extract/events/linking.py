"""Within-article event linking: the mentions of one real event become one event.

An article reports the same strike or advance two or three times: the lead summary, the
detail, a rising toll, a recap ("وكان ... قد")، a back-reference ("القصف"، "الغارة"، "الهجوم")
or another source repeating it. Two map-layer drafts of one document are mentions of one
event when

- their types agree: the same type, or two strike types when one of them is named only by a
  generic attack word ("استهدف"، "هجوم") whose type is a guess, or when the same agent strikes a settlement
  both name, or when a lead without settlement typed shelling from "قصف" alone (no artillery named) sums the air
  or drone strike a later sentence tells at a settlement of its region;
- their days agree: the same day when both are dated by their own text (or by the report they
  continue); a draft dated only by the publication fallback (a week) or by a longer span agrees
  with any day inside it; an undated one agrees with any;
- their places agree: the later names no settlement the earlier does not (a district of a city the earlier names
  counts as the city's: "غارات على مدينة X" then "غارات على حي Y" of X), a region contains the other's
  settlements (a region of the other's governorates only: a claim over two governorates is not
  the detail in one; a named area, a mountain or a plain, only near one of them), or one of them names no place;
- their agents agree: the same actor, or one of them unnamed, or (a clash) the two sides told the other way
  round (each one's agent the other's target);
- they come from different clauses, or from one clause (two verbs of one type) with the same
  type and places (the clause split them, so they are two events unless they repeat the places); two
  clauses of one sentence, the first a strike verb at a settlement, the second a strike elsewhere (no
  settlement in common), are two strikes.

A mention that recalls an earlier event without a day of its own (``aspect``: "وكان ... قد"، "في وقت
سابق") joins the nearest event of its layer whose places agree, whatever its agent and day, or is dropped.

A later mention naming more settlements is joined only when it repeats the same stated toll at a settlement
the first names (a lead summary and its detail). A later sentence that tells some of a lead's settlements with
a strike word of its own (not a back-reference "الغارات"، "القصف" or a generic "استهدف") is a detail: like ACLED,
one event per place once the text tells them apart; the lead keeps its other settlements, or goes when the
details told them all. So does a later sentence naming settlements that lie in a region the lead names beside its
own settlements ("قصفت مدينة X وقرى ريف Y" then "وطال القصف قريتي A وB" of Y's countryside): the detail is its own
event and the lead loses that region.

Different places (two towns) or different days stay separate events. Each draft joins the most
recent compatible event before it, so a back-reference goes to its nearest antecedent. The
linked event keeps the most specific mention as its base (a settlement rather than a region, an
exact day, a named agent) and takes from the others what it lacks: an exact day, an agent, the
settlements they add and the highest stated toll.

A district counts as the city's only when the text does not put it outside the city (a countryside, a town word,
"في محيط", a direction towards the city: ``told_outside_city``). A lead naming one settlement told again later by a
strike naming it (or its area, "جنوب X") among others is one event, the detail's (``_city_lead``). Air defence
meeting a strike is no clash; a targeting of an aircraft and the downing told after it are one downing; a capture
told again, its first agent named before it, is the same capture though the retelling picked another agent; a later
toll that opens as a part of an earlier one ("ومن بين القتلى 15") leaves the earlier event the rest. Cue words:
``core/lexicons/linking.yaml``.

Cost: each draft is compared with the last ``LINK_LOOKBACK_EVENTS`` events of its layer kept so far in
its document (a news article holds a few dozen at most), so a very long document costs linear time.
"""

from __future__ import annotations

from datetime import date

from core import vocab
from core.distance import haversine_km
from core.extract.events.agreement import (
    NAMED_AREA_KM,
    day_span,
    days_agree,
    districts_of,
    places_agree,
    points_of,
    resolved_points_of,
    told_near,
)
from core.extract.events.continuation import continues_campaign, names_own_agent
from core.extract.events.cues import WORD_RE, strip_clitic
from core.extract.events.draft import Draft
from core.extract.events.instruments import instrument_kind
from core.extract.events.interception import intercepts_aerial
from core.extract.events.retelling import (
    air_defence,
    count_parts_once,
    names_city_area,
    retake_words,
    side_generic_agents,
    targets_aircraft,
    told_outside_city,
)
from core.text import normalize

BACKGROUND_TIME_RULES = ("time:background", "time:tally")  # no day because it tells a period, not a fallback
RELINKED_STRIKES = ("airstrike", "drone_strike", "shelling", "bombing")
PRECISE_STRIKES = ("airstrike", "drone_strike")  # types a strike gets from its instrument, which a lead may leave out
SYMMETRIC_TYPES = ("armed_clash",)  # its two sides are told either way round
REGION_KINDS = ("region", "admin1", "admin2", "admin3")  # places a lead may name that hold its details' settlements
LINK_LOOKBACK_EVENTS = 40  # the events of a layer a draft may join: the most recent ones (linear cost; a report
# retells an event a few events after it, and the realdev articles link the same with a window of 10)


def _generic(d: Draft) -> bool:
    return all(t.generic for t in d.triggers)


def _types_agree(a: Draft, b: Draft) -> bool:
    if a.event_type == b.event_type:
        return True
    if a.event_type not in RELINKED_STRIKES or b.event_type not in RELINKED_STRIKES:
        return False
    # a type guessed from a generic attack word, or the same agent striking a settlement both name (one strike
    # called a raid in one sentence and a missile strike in the next)
    return _generic(a) or _generic(b) or _bare_shelling_reference(a) or _bare_shelling_reference(b) or (
        a.agent_id is not None and a.agent_id == b.agent_id
        and (bool(points_of(a) & points_of(b)) or _summary_strike(a, b)))


def _bare_shelling_reference(d: Draft) -> bool:
    """A strike told only by a definite "القصف" (no agent, no artillery in its clause: "نعى الدفاع المدني أحد عناصره
    في القصف الذي استهدف المدينة"): a back-reference whose type is a guess, like a generic attack word."""
    return d.agent is None and d.event_type == "shelling" and _back_reference(d) and not _names_artillery(d)


def _summary_strike(a: Draft, b: Draft) -> bool:
    """One of two strikes of one agent names no settlement and was typed shelling from "قصف" alone (its clause names
    no artillery): a lead summing the strikes ("مجزرة جديدة في ريف X جراء القصف الروسي") that the other, an air or
    drone strike at a settlement of a later sentence, tells in detail. Whether the places agree is checked apart."""
    for vague, precise in ((a, b), (b, a)):
        if (vague.start < precise.start and vague.sentence.start != precise.sentence.start
                and vague.event_type == "shelling" and precise.event_type in PRECISE_STRIKES and not resolved_points_of(vague)
                and resolved_points_of(precise) and not _names_artillery(vague)):
            return True
    return False


def _names_artillery(d: Draft) -> bool:
    return any(instrument_kind(w) == "shelling" for w in WORD_RE.findall(normalize(d.clause.text)))


def same_event(a: Draft, b: Draft, published: date | None) -> bool:
    """Whether two map-layer drafts of one document report one event (see the module docstring)."""
    if not _types_agree(a, b):
        return False
    if a.clause.start == b.clause.start and (a.event_type != b.event_type or not a.places or not b.places):
        return False  # drafts split within one clause are two events unless they repeat the same places
    if a.layer == "strike" and a.sentence == b.sentence and a.clause.start != b.clause.start and _own_verb(a) and (
            not _generic(b) and points_of(a) and b.places and not points_of(a) & points_of(b)):
        return False  # "شن غارة على القرية، كما نفذ غارتين على جبل X": two predicates, two places, two events
    if a.sentence == b.sentence and a.clause.start != b.clause.start and not _back_reference(b) and (
            _one_clause_dated(a, b, published)):
        return False  # "استهدف الطيران المدينة، في حين توفي جريحان جراء غارات على المدينة يوم أمس": two days
    if not _agents_agree(a, b) and not _sides_swapped(a, b) and not _restated_capture(a, b):
        return False
    return days_agree(a, b, published) and (places_agree(a, b) or _same_toll_and_place(a, b))


def _agents_agree(a: Draft, b: Draft) -> bool:
    """The same agent, one of them unnamed, or (not a clash: two groups fight on several fronts) a side named loosely
    ("الفصائل") and one of its groups."""
    agent_a, agent_b = a.agent_id, b.agent_id
    if agent_a is None or agent_b is None or agent_a == agent_b:
        return True
    if a.event_type in SYMMETRIC_TYPES:
        return False
    loose = side_generic_agents()
    return (agent_a in loose or agent_b in loose) and a.agent.actor.side == b.agent.actor.side


def _tells_lead_region(lead: Draft, d: Draft, published: date | None) -> bool:
    """``d`` tells a part of the lead found in a region the lead names (:func:`_told_in_regions`): the same event
    as far as types, agents and days go."""
    return bool(_told_in_regions(lead, d)) and _types_agree(lead, d) and lead.clause.start != d.clause.start and (
        lead.agent_id is None or d.agent_id is None or lead.agent_id == d.agent_id) and days_agree(lead, d, published)


def _one_clause_dated(a: Draft, b: Draft, published: date | None) -> bool:
    """Of two clauses of one sentence, only one has a day of its own and the other none (a time of the
    sentence it was not given: ``dates._dates_other_cause``)."""
    dated = [d for d in (a, b) if d.time_rule == "time:clause" and day_span(d, published)[2]]
    return len(dated) == 1 and all(d.time is None and d.time_rule not in BACKGROUND_TIME_RULES
                                   for d in (a, b) if d is not dated[0])


def _own_verb(d: Draft) -> bool:
    return any(t.pos == "verb" and not t.generic for t in d.triggers)


def _same_toll_and_place(a: Draft, b: Draft) -> bool:
    """The same stated toll at a settlement both name: one event told twice, the second time with more places
    ("قصفت قوات النظام مدينة X ... ما أدى لمقتل 8" then "... على X وY وZ، تسببت بمقتل 8")."""
    return a.fatalities is not None and a.fatalities == b.fatalities and bool(points_of(a) & points_of(b))


def _sides_swapped(a: Draft, b: Draft) -> bool:
    """A clash told from the other side ("هاجمت قوات النظام ..." / "صدت الفصائل هجوما لقوات النظام"): each one's
    agent is the other's target (or one of the targets is unnamed)."""
    if a.event_type not in SYMMETRIC_TYPES or b.event_type not in SYMMETRIC_TYPES:
        return False
    target_a = a.target.actor.actor_id if a.target is not None else None
    target_b = b.target.actor.actor_id if b.target is not None else None
    return target_a in (None, b.agent_id) and target_b in (None, a.agent_id) and (target_a or target_b) is not None


def _specificity(d: Draft, published: date | None) -> tuple:
    return (bool(points_of(d)), day_span(d, published)[2], d.agent is not None, not _generic(d), len(points_of(d)))


def _merge(base: Draft, other: Draft, published: date | None) -> Draft:
    """``base`` completed with what ``other`` adds (see module docstring)."""
    if not day_span(base, published)[2] and day_span(other, published)[2]:
        base.time, base.time_rule = other.time, other.time_rule
    if base.agent is None and other.agent is not None:
        base.agent, base.agent_rule = other.agent, other.agent_rule
    if base.target is None and other.target is not None:
        base.target = other.target
    if other.fatalities is not None and (base.fatalities is None or other.fatalities > base.fatalities) and not (
            _lead_total(other, base)):
        base.fatalities = other.fatalities
    elif _lead_total(base, other):  # the lead is the base (its exact day): the detail's own toll stays
        base.fatalities = other.fatalities
    points = points_of(base)
    if points:  # settlements the other adds; its regions only locate what the base already names
        base.places = base.places + [p for p in other.places if p not in base.places
                                     and (p.precision in (1, 2) or p.place is None)
                                     and (p.place.place_id if p.place is not None else "?" + normalize(p.surface))
                                     not in points]
    elif not base.places:
        base.places, base.place_rule = list(other.places), other.place_rule
    return base


def _lead_total(lead: Draft, detail: Draft) -> bool:
    """A lead told before its detail without a settlement ("خلفت الغارات اليوم في ريف المحافظة 20 قتيلا") sums
    the day's strikes: a detail with a toll of its own ("قتل طفلان في قرية X") keeps it (a rising toll comes
    after, not before). So does a city lead before the detail naming one of its districts."""
    return lead.start < detail.start and bool(points_of(detail)) and detail.fatalities is not None and (
        not points_of(lead) or bool(districts_of(lead, detail)))


def link_map_events(drafts: list[Draft], published: date | None) -> list[Draft]:
    """The drafts with the map-layer mentions of one event linked into one (others untouched, order kept)."""
    out: list[Draft | None] = []
    by_layer: dict[str, list[int]] = {}
    for d in drafts:
        if d.layer not in vocab.MAP_LAYERS:
            out.append(d)
            continue
        if air_defence(d) or intercepts_aerial(d):
            continue  # the defender's side of a strike: no clash of its own
        if d.event_type == "aircraft_downed" and _downing_told_before(d, out, by_layer.get("strike", []), published):
            continue
        if _attack_reference(d) and _joins_strike(d, [out[i] for i in reversed(by_layer.get("strike", [])[
                -LINK_LOOKBACK_EVENTS:])], published):
            continue
        slots = by_layer.setdefault(d.layer, [])
        if d.retrospective:
            _link_retrospective(d, [out[i] for i in reversed(slots[-LINK_LOOKBACK_EVENTS:])], published)
            continue
        recent = list(reversed(slots[-LINK_LOOKBACK_EVENTS:]))
        if continues_campaign(d) and _link_continuation(d, [out[i] for i in recent], published):
            continue
        # an event the draft repeats; else a lead naming a region that holds the draft's settlements
        i = next((i for i in recent if out[i] is not None and same_event(out[i], d, published)), None)
        may_detail = not d.retrospective and not _back_reference(d)  # (what a detail of a lead needs of the draft)
        if i is None and may_detail:
            i = next((i for i in recent if out[i] is not None and _tells_lead_region(out[i], d, published)), None)
        if i is None and may_detail and _may_tell_city_lead(d) and (j := next(
                (j for j in recent if out[j] is not None and _city_lead(out[j], d, published)), None)) is not None:
            lead, out[j] = out[j], None  # the lead told again in detail: the detail is the event, with its toll
            if not resolved_points_of(lead) <= resolved_points_of(d):
                lead.places = []  # its city is the area the detail names ("جنوب دمشق"): no second row
            d = _merge(d, lead, published)
            slots.append(len(out))
            out.append(d)
            continue
        if i is None:
            if _keeps_news(d, [out[j] for j in recent], published):
                slots.append(len(out))
                out.append(d)
            continue
        o = out[i]
        if _details(o, d):  # a later sentence tells one of the lead's places: an event of its own
            regional = bool(_told_in_regions(o, d))
            if not _split_detail(o, d, published):
                out[i] = None
            # a detail found in the lead's region may still be a recap of settlements told before
            if not regional or _keeps_news(d, [out[j] for j in recent], published):
                slots.append(len(out))
                out.append(d)
        elif _specificity(d, published) > _specificity(o, published):
            out[i] = _merge(d, o, published)
        else:
            _merge(o, d, published)
    kept = [d for d in out if d is not None]
    count_parts_once(kept, LINK_LOOKBACK_EVENTS)
    return kept


def _attack_reference(d: Draft) -> bool:
    """A fight told only by the definite generic attack noun ("وأدى الهجوم التركي إلى ..."، "الهجمات"): it names an
    attack told before, which may be a strike."""
    return d.layer == "ground" and _generic(d) and _definite_nouns_only(d)


def _joins_strike(d: Draft, earlier: list[Draft | None], published: date | None) -> bool:
    """``d`` (an attack reference) joins the nearest earlier strike of another clause it can repeat: agents, days
    and places agreeing. True when it joined (the strike keeps its type and agent)."""
    for o in earlier:
        if o is None or o.clause.start == d.clause.start:
            continue
        agent_o, agent_d = o.agent_id, d.agent_id
        if (agent_o is None or agent_d is None or agent_o == agent_d) and days_agree(o, d, published) and (
                places_agree(o, d)):
            agent, target = o.agent, o.target
            _merge(o, d, published)
            o.agent = agent if agent is not None else o.agent
            o.target = target if target is not None else o.target
            return True
    return False


def _keeps_news(d: Draft, earlier: list[Draft | None], published: date | None) -> bool:
    """Whether ``d`` is still news once the settlements told before are taken out (True: keep it). A later list
    over several settlements, a recap over a period ("باتت تسيطر على 9 قرى في يومين هي A وB ...") or a
    back-reference ("الغارات في A وB") loses, in place, the settlements an earlier event of its type and agent
    already told on a day it covers (like ACLED, one event per place); False when it keeps none (it only repeated
    them, and is dropped). Any other draft is kept unchanged."""
    points = resolved_points_of(d)
    if len(points) < 2 or d.retrospective or (day_span(d, published)[2] and not _definite_nouns(d)
                                               and d.time_rule != "time:discourse"):
        return True  # a list of its own day with a verb of its own ("قطع طريق بين A وB") is news, not a recap
    told: set[str] = set()
    for o in earlier:
        if o is None or o.sentence.start == d.sentence.start or not _types_agree(o, d):
            continue
        agent_o, agent_d = o.agent_id, d.agent_id
        if agent_o is not None and agent_d is not None and agent_o != agent_d:
            continue
        own = resolved_points_of(o)
        if own and own <= points and days_agree(o, d, published):
            told |= own
    if not told:
        return True
    d.places = [p for p in d.places if p.place is None or p.place.place_id not in told]
    return bool(resolved_points_of(d))


def _details(lead: Draft, d: Draft) -> bool:
    """``d``, in a later sentence, tells part of what ``lead`` summed up over several settlements (a lead "غارات على
    A وB وC" then "وطالت غارتان أطراف A"): like ACLED, one event per place once the text tells them apart."""
    if d.sentence.start == lead.sentence.start or d.retrospective or _back_reference(d):
        return False
    lead_points, points = _named_points(lead), resolved_points_of(d)
    return (len(lead_points) >= 2 and bool(points) and points < lead_points) or bool(_told_in_regions(lead, d))


def _named_points(d: Draft) -> set[str]:
    """The settlements a draft names as its own places: a place it is only near ("قاعدة X بالقرب من مدينة Y"), when
    another place of the draft is named outright, locates that one and is no second target a detail could tell
    apart (``agreement.told_near``)."""
    own = resolved_points_of(d)
    if not any(p.precision == 1 for p in d.places):
        return own
    near = {p.place.place_id for p in d.places if p.place is not None and p.precision == 2 and told_near(p, d)}
    return own - near


def _told_in_regions(lead: Draft, d: Draft) -> list:
    """The lead's regions that hold the settlements ``d`` (a later sentence, a strike word of its own) names beyond
    the lead's own settlements: a lead "قصفت القوات مدينة X وقرى ريف Y" and its detail "وطال القصف قرى A وB" (in
    Y's countryside) tell the villages apart, one event per place. Empty when a settlement of ``d`` lies in none,
    or the lead names no settlement of its own (a lead of regions only joins its detail instead)."""
    if d.sentence.start == lead.sentence.start:
        return []
    regions = [p.place for p in lead.places if p.place is not None and p.precision == 3
               and p.place.kind in REGION_KINDS]
    if not regions or d.retrospective or _back_reference(d) or not resolved_points_of(lead) - resolved_points_of(d):
        return []  # (a later list naming all the lead's settlements and more is no detail of it)
    lead_points = resolved_points_of(lead) | districts_of(lead, d)
    beyond = [p.place for p in d.places if p.place is not None and p.precision in (1, 2)
              and p.place.place_id not in lead_points]
    holding: list = []
    for place in beyond:
        holders = [r for r in regions if _holds(r, place)]
        if not holders:
            return []
        holding += [r for r in holders if r not in holding]
    return holding


def _holds(region, place) -> bool:
    """Whether a region or admin unit holds a settlement: by its admin code (a countryside of a town holds its
    district), a named area by nearness, a governorate's countryside by the governorate."""
    if region.kind in ("admin1", "admin2", "admin3"):
        return region.place_id in (place.admin1_pcode, place.admin2_pcode, place.admin3_pcode)
    if region.admin2_pcode:
        return place.admin2_pcode == region.admin2_pcode
    if region.place_id.count(":") == 1 and region.lat is not None:  # a named area (a mountain, a plain)
        return place.lat is not None and haversine_km(region.lat, region.lon, place.lat, place.lon) <= NAMED_AREA_KM
    return place.admin1_pcode in (region.admin1_pcodes or (region.admin1_pcode,))


DEFINITE_PREFIXES = ("ال", "بال", "وال", "فال", "لل", "ولل", "وبال", "كال")


def _back_reference(d: Draft) -> bool:
    """A strike told only by a definite noun ("جراء الغارات"، "القصف طال") or a generic attack word ("حيث
    استهدفت سوقا") points back to one told before, or tells more of it."""
    return d.layer == "strike" and all(
        t.generic or (t.pos == "noun" and normalize(t.surface).startswith(DEFINITE_PREFIXES)) for t in d.triggers)


def _definite_nouns(d: Draft) -> bool:
    """A strike told only by definite nouns ("الغارات في A وB"): a back-reference, not a new strike verb."""
    return d.layer == "strike" and _definite_nouns_only(d)


def _definite_nouns_only(d: Draft) -> bool:
    return bool(d.triggers) and all(t.pos == "noun" and normalize(t.surface).startswith(DEFINITE_PREFIXES)
                                    for t in d.triggers)


def _split_detail(lead: Draft, d: Draft, published: date | None) -> bool:
    """``d`` becomes its own event: it takes what it lacks of the lead's agent, target and day, and the lead keeps
    only its other places (and not a toll the detail repeats). False when the lead keeps no settlement."""
    if d.agent is None and lead.agent is not None:
        d.agent, d.agent_rule = lead.agent, lead.agent_rule
    if d.target is None and lead.target is not None:
        d.target = lead.target
    if not day_span(d, published)[2] and day_span(lead, published)[2]:
        d.time, d.time_rule = lead.time, lead.time_rule
    if lead.fatalities is not None and lead.fatalities == d.fatalities:
        lead.fatalities = None
    told = resolved_points_of(d) | {r.place_id for r in _told_in_regions(lead, d)}
    lead.places = [p for p in lead.places if p.place is None or p.place.place_id not in told]
    return bool(resolved_points_of(lead))


def _link_retrospective(d: Draft, earlier: list[Draft | None], published: date | None) -> None:
    """A mention recalling an earlier event (``aspect``) joins the nearest event of its layer it can repeat
    (places agreeing; its day and agent are not its own, so they are not compared, and it gives no agent);
    with none it is no event of this report and is dropped."""
    for o in earlier:
        if o is not None and places_agree(o, d) and not (o.clause.start == d.clause.start):
            agent = o.agent
            _merge(o, d, published)
            o.agent = agent
            return


def _link_continuation(d: Draft, earlier: list[Draft | None], published: date | None) -> bool:
    """A campaign told as going on (``continuation``) joins the nearest earlier event of its layer in another clause
    whose type, day and places agree with it, whatever agent its sentence seems to give (the earlier keeps its own),
    unless it names another party as its own subject. True when it joined."""
    for o in earlier:
        if o is None or o.clause.start == d.clause.start or not (
                o.event_type == d.event_type or o.event_type in RELINKED_STRIKES and d.event_type in RELINKED_STRIKES):
            continue
        if same_event(o, d, published):
            return False  # the ordinary linking joins them (and reads a clash's sides)
        if names_own_agent(d) and o.agent_id not in (None, d.agent_id):
            continue  # "ويواصل الطيران السوري قصفه" after a Russian strike: another party's strike
        if days_agree(o, d, published) and points_of(d) and places_agree(o, d):
            agent, target = o.agent, o.target
            _merge(o, d, published)
            o.agent, o.target = agent, (target if target is not None else o.target)
            return True
    return False


def _downing_told_before(d: Draft, out: list[Draft | None], slots: list[int], published: date | None) -> bool:
    """A downing ("أعلنت الفصائل إسقاط المروحية") that tells the result of a targeting told in an earlier sentence
    ("استهدفت الفصائل ... طائرة مروحية"): one downing. The targeting (its agent unnamed, the downing's, or the
    aircraft's owner taken for it) becomes the downing, keeping the downing's sides and its own day and place.
    True when it joined."""
    for i in reversed(slots[-LINK_LOOKBACK_EVENTS:]):
        o = out[i]
        if o is None or o.event_type == "aircraft_downed" or o.sentence.start >= d.sentence.start:
            continue
        if not targets_aircraft(o) or o.agent_id not in (None, d.agent_id, _target_id(d)):
            continue
        if not (days_agree(o, d, published) and (places_agree(o, d) or places_agree(d, o))):
            continue
        o.event_type, o.triggers = d.event_type, o.triggers + d.triggers
        if d.agent is not None:
            o.agent, o.agent_rule = d.agent, d.agent_rule
            o.target = d.target
        if not day_span(o, published)[2] and day_span(d, published)[2]:
            o.time, o.time_rule = d.time, d.time_rule
        if not points_of(o) and d.places:
            o.places, o.place_rule = list(d.places), d.place_rule
        if d.fatalities is not None and (o.fatalities or 0) < d.fatalities:
            o.fatalities = d.fatalities
        # the targeting may itself retell a downing told before it ("أعلنت الوزارة إسقاط طائرة" … "استهدف الجيش
        # الطائرة" … "ما أدى لسقوطها"): one downing
        for j in reversed(slots[-LINK_LOOKBACK_EVENTS:]):
            e = out[j]
            if j < i and e is not None and e.event_type == "aircraft_downed" and same_event(e, o, published):
                out[i] = None
                if _specificity(o, published) > _specificity(e, published):
                    out[j] = _merge(o, e, published)
                else:
                    _merge(e, o, published)
                break
        return True
    return False


def _target_id(d: Draft) -> str | None:
    return d.target.actor.actor_id if d.target is not None else None


def _city_lead(lead: Draft, d: Draft, published: date | None) -> bool:
    """A lead naming one settlement ("عدوان إسرائيلي على دمشق") told again, in a later sentence, by a strike with an
    event word of its own naming that settlement among others ("غارات … استهدفت مواقع جنوب دمشق ومنطقة X"): one
    event, the detail's; the lead's type a guess (a generic word, or "قصف" without artillery) or the detail's,
    the same agent (or one unnamed), the same day and no other toll."""
    if lead.layer != "strike" or lead.sentence.start >= d.sentence.start or not _may_tell_city_lead(d):
        return False
    if d.retrospective or _back_reference(d):
        return False
    own = resolved_points_of(lead)
    if len(own) != 1 or len(points_of(lead)) != 1 or not (own < resolved_points_of(d) or (
            resolved_points_of(d) and names_city_area(d, next(p.place for p in lead.places if p.place is not None
                                                             and p.place.place_id in own)))):
        return False
    guessed = _generic(lead) or (lead.event_type == "shelling" and not _names_artillery(lead))
    if not (lead.event_type == d.event_type or (guessed and d.event_type in RELINKED_STRIKES)):
        return False
    if lead.agent_id is not None and d.agent_id is not None and lead.agent_id != d.agent_id:
        return False
    if lead.fatalities is not None and d.fatalities is not None and lead.fatalities != d.fatalities:
        return False
    if any(p.place is not None and p.place.place_id not in own and told_outside_city(p, d) for p in d.places):
        return False  # "… الواقعة شرق مدينة X": a place beside the city, not the city's detail
    if not any(d.clause.start <= p.start < d.clause.end for p in d.places if p.place is not None and (
            p.place.place_id in own or p.precision == 3)):
        return False  # the city named in another clause of the sentence ("تنتشل الفرق الضحايا في X، فيما تعرضت A وB")
    if lead.time is not None and d.time is not None and (lead.time.date is None or d.time.date is None) and (
            normalize(lead.time.surface) != normalize(d.time.surface)):
        return False  # two days told in words the report could not date ("ليل الثلاثاء" / "أمس الاثنين")
    return days_agree(lead, d, published)


def _may_tell_city_lead(d: Draft) -> bool:
    """What :func:`_city_lead` asks of the detail alone: a strike told with an event word of its own."""
    return d.layer == "strike" and (_own_verb(d) or any(t.pos == "noun" and not t.generic for t in d.triggers))


CAPTURE_TYPES = ("territory_taken",)


def _restated_capture(a: Draft, b: Draft) -> bool:
    """``b`` (a later sentence) tells again the capture ``a`` told, of the same settlements, though it picked another
    agent ("قوات النظام سيطرت على X بعدما … الفصائل"): ``a``'s agent is named before ``b``'s event word in its
    sentence and is not ``b``'s target, and ``b`` is no retake ("استعادت الفصائل X")."""
    if a.event_type not in CAPTURE_TYPES or b.event_type != a.event_type or a.sentence.start >= b.sentence.start:
        return False
    points_a, points_b = resolved_points_of(a), resolved_points_of(b)
    if not points_b or not points_b <= points_a or a.agent is None:
        return False
    if _target_id(b) == a.agent_id:
        return False
    s = b.sentence
    before = " ".join(WORD_RE.findall(normalize(s.text[:max(0, b.start - s.start)])))
    if any(w in retake_words() or strip_clitic(w) in retake_words()
           for t in b.triggers for w in WORD_RE.findall(normalize(t.surface))) or any(
            w in retake_words() for w in before.split()[-3:]):
        return False
    head = " ".join(WORD_RE.findall(normalize(a.agent.surface))[:2])
    return bool(head) and f" {head} " in f" {before} "
