"""Event records: one ``Event`` per place of a finished draft, with its id and confidence."""

from __future__ import annotations

import hashlib
from datetime import date, timedelta

from core import vocab
from core.extract.events.draft import INFERRED_AGENT_RULES, Draft
from core.extract.summary import summarize
from core.model import Document, Event, PlaceMention
from core.text import normalize


def _event_id(doc_id: str, event_type: str, char_start: int, place_key: str) -> str:
    return hashlib.sha1(f"{doc_id}|{event_type}|{char_start}|{place_key}".encode()).hexdigest()[:16]


def _confidence(d: Draft, geo_precision: int | None) -> float:
    trig = max(t.weight for t in d.triggers)
    c = 0.3 + 0.2 * trig
    if d.agent is not None:
        c += 0.07 if d.agent_rule in INFERRED_AGENT_RULES else 0.15
    if geo_precision in (1, 2):
        c += 0.15
    elif geo_precision == 3:
        c += 0.08
    if d.time_rule in ("time:clause", "time:sentence"):
        c += 0.1
    elif d.time_rule == "time:paragraph":
        c += 0.05
    return round(min(c, 0.95), 3)


def event_rows(doc: Document, d: Draft, reference: date | None, source: str) -> list[Event]:
    text = doc.text
    if d.time is not None:
        tm = d.time
        ev_date, d_start, d_end, precision = tm.date, tm.date_start or tm.date, tm.date_end or tm.date, tm.precision
        time_surface, time_flags = tm.surface, ",".join(tm.flags)
        if precision not in ("day", "week", "month", "range"):
            precision = "unknown"
    elif reference:
        ev_date, d_start, d_end, precision = reference, reference - timedelta(days=6), reference, "week"
        time_surface, time_flags = None, f"date_from_{source}"
    else:
        ev_date = d_start = d_end = None
        precision, time_surface, time_flags = "unknown", None, "no_published_date"
    actor1 = d.agent.actor.actor_id if d.agent else None
    actor2 = d.target.actor.actor_id if d.target else None
    core = d.layer in vocab.MAP_LAYERS
    rule = "+".join(r for r in (f"trigger:{'/'.join(sorted({t.pos for t in d.triggers}))}", d.agent_rule,
                                d.place_rule, d.time_rule) if r)
    evidence = text[d.char_start:d.char_end].strip()
    base = dict(
        doc_id=doc.doc_id, type=d.event_type, layer=d.layer, date=ev_date, date_start=d_start, date_end=d_end,
        time_precision=precision, actor1=actor1, actor1_side=vocab.side_of(actor1), actor2=actor2,
        actor2_side=vocab.side_of(actor2), fatalities=d.fatalities, evidence=evidence, char_start=d.char_start,
        char_end=d.char_end, rule=rule, group_id="", time_surface=time_surface, time_flags=time_flags, core=core,
        outlet=doc.outlet, url=doc.url, published=doc.published, published_inferred=doc.published_inferred,
        published_basis=doc.published_basis,
    )
    # one row per place; an unresolved name adds the region the sentence gives for it
    rows: list[tuple[str, dict]] = []
    seen: set[str] = set()
    for pm in d.places:
        if pm.status == "unresolved" or pm.place is None:
            key = "unresolved:" + normalize(pm.surface)
            if key not in seen:
                seen.add(key)
                rows.append((key, dict(place_ar=pm.surface, place_en=None, pcode=None, admin1_pcode=None, lat=None,
                                       lon=None, geo_precision=None, geo_status="unresolved", admin1_name=None,
                                       admin2_name=None, place_kind=None, place_surface=pm.surface,
                                       geo_reason=pm.reason)))
            fb = getattr(pm, "fallback", None)
            if fb is not None and fb.place_id not in seen:
                seen.add(fb.place_id)
                region_fields = _place_fields(fb, pm, 3, "region", f"enclosing region of unresolved '{pm.surface}'")
                region_fields["place_surface"] = fb.name_ar  # the row locates the region, not the name
                rows.append((fb.place_id, region_fields))
            continue
        place = pm.place
        if place.place_id in seen:
            continue
        seen.add(place.place_id)
        status = "region" if pm.status == "region" else "resolved"
        precision = int(pm.precision) if pm.precision in (1, 2, 3) else (3 if status == "region" else 1)
        rows.append((place.place_id, _place_fields(place, pm, precision, status, pm.reason)))
    if not rows:
        rows.append(("none", dict(place_ar=None, place_en=None, pcode=None, admin1_pcode=None, lat=None, lon=None,
                                  geo_precision=None, geo_status="none", admin1_name=None, admin2_name=None,
                                  place_kind=None, place_surface=None, geo_reason=None)))
    out = []
    for key, place_fields in rows:
        fields = {**base, **place_fields}
        fields["confidence"] = _confidence(d, fields["geo_precision"])
        fields["event_id"] = _event_id(doc.doc_id, d.event_type, d.char_start, key)
        fields["summary"] = summarize(event_type=d.event_type, actor1=actor1, actor2=actor2,
                                      place_en=fields["place_en"], place_ar=fields["place_ar"],
                                      admin1_name=fields["admin1_name"], fatalities=d.fatalities)
        out.append(Event(**fields))
    return out


def _place_fields(place, pm: PlaceMention, precision: int, status: str, reason: str) -> dict:
    has_point = place.lat is not None and place.lon is not None
    return dict(
        place_ar=place.name_ar, place_en=place.name_en, pcode=place.place_id,
        admin1_pcode=place.admin1_pcode or None,
        admin1_pcodes="|".join(place.admin1_pcodes) or place.admin1_pcode or "", lat=place.lat if has_point else None,
        lon=place.lon if has_point else None, geo_precision=precision, geo_status=status,
        admin1_name=place.admin1_name_en or None, admin2_name=place.admin2_name_en or None,
        place_kind=place.kind, place_surface=pm.surface, geo_reason=reason,
    )
