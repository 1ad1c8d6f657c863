"""Typed records that flow through Rasd: documents, mentions, places, actors, events.

Records are small frozen dataclasses. The event table's columns are generated from
:class:`Event` (see :func:`event_columns`), so the table and the record cannot drift.
Field meanings follow ``docs/codebook.md`` and ``../shared/design/taxonomy.md``.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

GeoPrecision = Literal[1, 2, 3]
TimePrecision = Literal["day", "week", "month", "range", "unknown"]
GeoStatus = Literal["resolved", "region", "unresolved", "none"]
PLACE_ROLES = ("event", "landmark", "reporter", "source", "actor", "origin", "destination", "relation", "locator")
EVENT_PLACE_ROLES = ("event", "landmark")  # the roles that may place an event


def dict_init(cls):
    """Give a frozen dataclass an ``__init__`` that writes the instance dict directly (same signature and
    defaults): the generated one calls ``object.__setattr__`` per field, the cost of creating records made by
    the thousand per document. The instance stays frozen afterwards (``__setattr__`` still refuses)."""
    fields = dataclasses.fields(cls)
    if hasattr(cls, "__post_init__") or hasattr(cls, "__slots__") or any(not f.init or f.kw_only for f in fields):
        raise TypeError(f"dict_init: {cls.__name__} needs the generated __init__")
    namespace: dict = {"_MISSING": dataclasses.MISSING}
    params, lines = [], []
    for f in fields:
        if f.default is not dataclasses.MISSING:
            namespace[f"_d_{f.name}"] = f.default
            params.append(f"{f.name}=_d_{f.name}")
            lines.append(f"    _self_dict[{f.name!r}] = {f.name}")
        elif f.default_factory is not dataclasses.MISSING:
            namespace[f"_f_{f.name}"] = f.default_factory
            params.append(f"{f.name}=_MISSING")
            lines.append(f"    _self_dict[{f.name!r}] = _f_{f.name}() if {f.name} is _MISSING else {f.name}")
        else:
            params.append(f.name)
            lines.append(f"    _self_dict[{f.name!r}] = {f.name}")
    source = f"def __init__(self, {', '.join(params)}):\n    _self_dict = self.__dict__\n" + "\n".join(lines) + "\n"
    exec(source, namespace)  # (how dataclasses itself builds __init__)
    init = namespace["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    cls.__init__ = init
    return cls


@dataclass(frozen=True)
class Document:
    """One news report: its text and what we know about where and when it was published."""

    doc_id: str
    text: str
    published: date | None = None  # None: relative dates stay unresolved (flagged, never "today")
    outlet: str = ""
    url: str = ""
    title: str = ""
    date_basis: str = ""
    source_path: str = ""
    sha1: str = ""
    flags: tuple[str, ...] = ()  # e.g. "no_published_date", "html_stripped", "decoded_cp1256"
    published_inferred: bool = False  # ``published`` found by core.extract.published, not given by the manifest
    published_basis: str = ""  # how: url | dateline | text (inferred); "" when given or unknown


@dataclass(frozen=True)
class Place:
    """A gazetteer entry (community, admin unit, neighbourhood, site, road, region, foreign place)."""

    place_id: str  # OCHA P-code (C####, SY##..., N####) or a project id ("road:M5", "geo:Ankara")
    name_ar: str
    name_en: str
    kind: str  # community | admin1 | admin2 | admin3 | neighbourhood | site | road | region | foreign
    lat: float | None
    lon: float | None
    admin1_pcode: str = ""
    admin1_name_en: str = ""
    admin1_name_ar: str = ""
    admin2_pcode: str = ""
    admin2_name_en: str = ""
    admin2_name_ar: str = ""
    admin3_pcode: str = ""
    admin3_name_en: str = ""
    admin3_name_ar: str = ""
    qualifier_ar: str = ""  # the part after " - " in OCHA names ("مركز أريحا")
    country: str = "SY"
    # every governorate a region spans ("شمال غرب سوريا": SY07, SY02, SY05, SY06), main one first; () = admin1_pcode
    admin1_pcodes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Span:
    start: int
    end: int


@dict_init
@dataclass(frozen=True)
class PlaceMention:
    """A toponym found in text. ``place`` is None when the mention is unresolved."""

    surface: str
    start: int
    end: int
    place: Place | None
    precision: int  # 1 named place, 2 near/axis/outskirts, 3 region
    score: float
    reason: str
    status: GeoStatus = "resolved"
    candidates: tuple[Place, ...] = ()  # runners-up, best first
    cue: str = ""  # the cue word that introduced it (قرية، قرب، ريف ...)
    fallback: Place | None = None  # unresolved name: the enclosing region named in the same sentence
    # what the toponym is in its sentence (PLACE_ROLES): only "event" places (and "landmark"s, precision 2) place
    # events; "reporter" (the correspondent's location), "source" (a source's title or affiliation, "الموالية
    # لأنقرة"), "actor" (a capital that speaks or acts, "قالت أنقرة") and "relation" (a place that only describes
    # the place named before it, "X الحدودية مع تركيا") do not
    role: str = "event"
    refers_to: str = ""  # a place reference ("البلدة", "محيطها"): the surface of the name it stands for
    # role "locator" ("X جنوب غرب مدينة Y", "X قرب Y": Y) or "relation": the original span of the name it locates; the events
    # assembly drops it from an event that holds that name, and otherwise keeps it as the event's place
    locates: tuple[int, int] | None = None


@dataclass(frozen=True)
class Actor:
    actor_id: str
    side: str
    label_en: str
    adjective_en: str = ""


@dict_init
@dataclass(frozen=True)
class ActorMention:
    actor: Actor
    surface: str
    start: int
    end: int
    role_hint: str = ""  # "supporter" for "backed by" phrases, "" otherwise
    kind: str = ""  # name | person | office | adjective (how the actor is named)


@dict_init
@dataclass(frozen=True)
class TimeMention:
    surface: str
    start: int
    end: int
    date: date | None
    date_start: date | None
    date_end: date | None
    precision: str  # TimePrecision
    flags: tuple[str, ...] = ()


@dict_init
@dataclass(frozen=True)
class NumberMention:
    surface: str
    start: int
    end: int
    value: int
    approximate: bool = False


@dict_init
@dataclass(frozen=True)
class TriggerMention:
    event_type: str
    layer: str
    surface: str
    start: int
    end: int
    weight: float = 1.0
    pos: str = ""  # verb | noun (how the event is expressed; guides agent/target finding)
    generic: bool = False  # a generic attack word (استهدف، هجوم) that merges into a specific trigger


@dict_init
@dataclass(frozen=True)
class Event:
    """One row of the event table: one event at one place (ACLED style, one row per place)."""

    event_id: str
    doc_id: str
    type: str
    layer: str  # strike | ground | advance | other
    date: date | None
    date_start: date | None
    date_end: date | None
    time_precision: str
    actor1: str | None
    actor1_side: str | None
    actor2: str | None
    actor2_side: str | None
    place_ar: str | None
    place_en: str | None
    pcode: str | None
    admin1_pcode: str | None
    lat: float | None
    lon: float | None
    geo_precision: int | None
    geo_status: str  # resolved | region | unresolved | none
    fatalities: int | None
    evidence: str
    char_start: int
    char_end: int
    confidence: float
    rule: str
    group_id: str
    summary: str = ""
    admin1_name: str | None = None
    admin2_name: str | None = None
    # every governorate the place spans, '|'-separated ("SY07|SY02|SY05|SY06" for north-west Syria); for a place
    # inside one governorate, its admin1_pcode (docs/codebook.md)
    admin1_pcodes: str = ""
    place_kind: str | None = None
    place_surface: str | None = None
    geo_reason: str | None = None
    time_surface: str | None = None
    time_flags: str = ""
    core: bool = False
    outlet: str = ""
    url: str = ""
    published: date | None = None
    published_inferred: bool = False
    published_basis: str = ""
    extra: dict = field(default_factory=dict, compare=False, repr=False)


def event_columns() -> list[str]:
    """Column names of the event table, in order, derived from :class:`Event`."""
    return [f.name for f in dataclasses.fields(Event) if f.name != "extra"]
