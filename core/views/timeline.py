"""The timeline view's data: events per day (a plotly figure) and chronological event cards.

No Streamlit here: the page draws what these functions return. Card HTML is built from
escaped text only, so hostile evidence or outlet strings cannot inject markup.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from core import vocab
from core.views import i18n
from core.views.highlight import anchor_id, escape_body, escape_text

# Font Awesome names of event_types.yaml → a glyph that needs no icon font in the page.
ICON_GLYPHS = {
    "plane": "✈️", "paper-plane": "🛩️", "bomb": "💣", "crosshairs": "🎯", "bolt": "⚔️", "flag": "🚩",
    "sign-out": "↩️", "medkit": "🩹", "users": "👥", "truck": "🚚", "road": "🛣️", "handshake-o": "🤝",
    "comment": "💬", "file-text": "📄", "info": "ℹ️",
}
TYPE_PALETTE = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f",
                "#bcbd22", "#17becf", "#393b79", "#637939", "#8c6d31", "#843c39", "#7b4173")
GROUPINGS = ("type", "side")


def type_glyph(event_type: str) -> str:
    return ICON_GLYPHS.get(vocab.event_types().get(event_type, {}).get("icon", ""), "•")


def type_icon_html(event_type: str, colour: str, hollow: bool = False) -> str:
    """The map's own marker shape for the type (inline SVG: no icon font or emoji font needed)."""
    try:
        from core.views.maps import icon_svg
    except ImportError:
        return escape_text(type_glyph(event_type))
    return f'<span class="rasd-icon">{icon_svg(event_type, colour, hollow=hollow, size=16)}</span>'


def group_colour(by: str, key: str) -> str:
    if by == "side":
        return vocab.sides().get(key, {}).get("colour", "#34495e")
    order = list(vocab.event_types())
    return TYPE_PALETTE[order.index(key) % len(TYPE_PALETTE)] if key in order else "#7f7f7f"


def group_label(by: str, key: str, lang: str = "both") -> str:
    return i18n.side_label(key, lang) if by == "side" else i18n.type_label(key, lang)


def _group_column(df: pd.DataFrame, by: str) -> pd.Series:
    if by not in GROUPINGS:
        raise ValueError(f"timeline grouping must be one of {GROUPINGS}, not {by!r}")
    col = "actor1_side" if by == "side" else "type"
    return df[col].fillna("unknown").astype(str).replace("", "unknown")


def per_day(df: pd.DataFrame, by: str = "type") -> pd.DataFrame:
    """Events per (day, group): columns day, group, events, examples (up to 3 summaries; the event types when
    the frame has no summaries: an event store's view leaves the long texts in the files)."""
    if df.empty:
        return pd.DataFrame(columns=["day", "group", "events", "examples"])
    summary = df["summary"] if "summary" in df.columns else pd.Series("", index=df.index)
    frame = pd.DataFrame({
        "day": pd.to_datetime(df["date"], errors="coerce").dt.normalize(),
        "group": _group_column(df, by),
        "summary": summary.fillna("").astype(str).where(summary.astype(bool), df["type"].astype(str)),
    }).dropna(subset=["day"])
    out = (frame.groupby(["day", "group"], sort=True)
           .agg(events=("summary", "size"), examples=("summary", lambda s: list(dict.fromkeys(s))[:3]))
           .reset_index())
    return out


def timeline_figure(df: pd.DataFrame, by: str = "type", lang: str = "both", title: str = "") -> go.Figure:
    """Stacked bars of events per day, one colour per event type or per party (actor 1's side)."""
    daily = per_day(df, by)
    fig = go.Figure()
    order = list(vocab.sides()) if by == "side" else list(vocab.event_types())
    groups = sorted(daily["group"].unique(), key=lambda g: (order.index(g) if g in order else len(order), g))
    for group in groups:
        part = daily[daily["group"] == group]
        name = group_label(by, group, lang)
        examples = ["<br>".join(escape_text(x, " ") for x in ex) for ex in part["examples"]]
        fig.add_trace(go.Bar(
            x=part["day"], y=part["events"], name=name, marker_color=group_colour(by, group),
            customdata=examples,
            hovertemplate=f"<b>{escape_text(name)}</b><br>%{{x|%Y-%m-%d}}: %{{y}} event(s)<br>%{{customdata}}"
                          "<extra></extra>",
        ))
    fig.update_layout(
        barmode="stack", bargap=0.15, title=title or None, height=380, margin=dict(l=40, r=20, t=40, b=40),
        legend=dict(orientation="h", yanchor="bottom", y=1.02, x=0),
        xaxis=dict(title=None, type="date", tickformat="%Y-%m-%d"), yaxis=dict(title="events per day"),
        font=dict(family="Noto Sans, Noto Sans Arabic, DejaVu Sans, sans-serif"),
    )
    if daily.empty:
        fig.add_annotation(text="no dated events", showarrow=False, xref="paper", yref="paper", x=0.5, y=0.5)
    return fig


@dataclass(frozen=True)
class EventCard:
    event_id: str
    day: str  # "2020-02-11" or "2020-02-08 – 2020-02-11"
    time_note: str  # "" for a day, else the precision ("range", "week", ...)
    type: str
    type_label: str
    glyph: str
    side: str
    colour: str
    actors: str  # "Turkey → Syrian government forces"
    place: str
    place_note: str  # "near", "region", "unresolved", ""
    evidence: str
    summary: str
    outlet: str
    url: str
    doc_id: str
    confidence: float
    fatalities: int | None


def _text(value: object) -> str:
    if value is None or value is pd.NA or (isinstance(value, float) and pd.isna(value)):
        return ""
    return str(value)


def _day(value: object) -> str:
    ts = pd.to_datetime(value, errors="coerce")
    return "" if pd.isna(ts) else ts.strftime("%Y-%m-%d")


def chronological(df: pd.DataFrame) -> pd.DataFrame:
    """Events sorted by date (undated last), then document and position in it."""
    keys = df.assign(_d=pd.to_datetime(df["date"], errors="coerce"))
    return df.loc[keys.sort_values(["_d", "doc_id", "char_start"], na_position="last", kind="stable").index]


def event_cards(df: pd.DataFrame, lang: str = "both", *, sort: bool = True) -> list[EventCard]:
    """One card per row, chronological (or in the frame's order with ``sort=False``)."""
    cards = []
    for row in (chronological(df) if sort else df).itertuples(index=False):
        day, start, end = _day(row.date), _day(row.date_start), _day(row.date_end)
        precision = _text(row.time_precision)
        if precision != "day" and start and end and start != end:
            day = f"{start} – {end}"
        actor1 = i18n.actor_label(row.actor1, lang) if _text(row.actor1) else "unknown actor"
        actor2 = i18n.actor_label(row.actor2, lang) if _text(row.actor2) else ""
        status, geo_precision = _text(row.geo_status), row.geo_precision
        place_note = {"unresolved": "unresolved place", "region": "region", "none": "no place"}.get(status, "")
        if not place_note and not pd.isna(geo_precision) and int(geo_precision) == 2:
            place_note = "near"
        place = " / ".join(x for x in (_text(row.place_ar), _text(row.place_en)) if x)
        if not place:
            place = _text(getattr(row, "place_surface", ""))
        fatalities = None if pd.isna(row.fatalities) else int(row.fatalities)
        side = _text(row.actor1_side) or "unknown"
        cards.append(EventCard(
            event_id=_text(row.event_id), day=day or "undated", time_note="" if precision == "day" else precision,
            type=_text(row.type), type_label=i18n.type_label(_text(row.type), lang), glyph=type_glyph(_text(row.type)),
            side=side, colour=vocab.sides().get(side, {}).get("colour", "#34495e"),
            actors=actor1 + (f" → {actor2}" if actor2 else ""), place=place, place_note=place_note,
            evidence=_text(row.evidence), summary=_text(row.summary), outlet=_text(row.outlet), url=_text(row.url),
            doc_id=_text(row.doc_id), confidence=float(row.confidence or 0.0), fatalities=fatalities,
        ))
    return cards


def card_html(card: EventCard, doc_link: str = "") -> str:
    """One card as HTML; every piece of text is escaped. ``doc_link``: where the document id links to
    (the dashboard's Sources page for that document), relative URLs only."""
    e, a = escape_body, escape_text  # shown text; attribute values
    flags = [f'<span class="flag">{e(card.time_note)}</span>'] if card.time_note else []
    if card.place_note:
        flags.append(f'<span class="flag">{e(card.place_note)}</span>')
    source = e(card.outlet or card.doc_id)
    if card.url.startswith(("http://", "https://")):
        source = f'<a href="{a(card.url)}" target="_blank" rel="noopener noreferrer">{source}</a>'
    fatalities = f" · {card.fatalities} killed" if card.fatalities else ""
    doc = e(card.doc_id)
    if doc_link and not re.match(r"^[a-z][a-z0-9+.-]*:", doc_link, flags=re.I):  # no scheme: stays in the app
        doc = f'<a href="{a(doc_link)}" target="_self">{doc}</a>'
    return (
        f'<div class="rasd-card" id="{anchor_id(card.event_id)}" data-day="{a(card.day)}" style="--side: {a(card.colour)}">'
        f'<div class="head">{type_icon_html(card.type, card.colour, card.place_note == "near")} {e(card.day)} · {e(card.type_label)} · {e(card.actors)} {" ".join(flags)}</div>'
        f'<div class="meta">place: <span dir="auto">{e(card.place) or "—"}</span>{fatalities}'
        f' · confidence {card.confidence:.2f}</div>'
        f'<div class="rasd-ar" dir="rtl" lang="ar">{e(card.evidence)}</div>'
        f'<div class="meta">{e(card.summary)} · source: {source} · doc {doc} · {e(card.event_id)}</div>'
        "</div>"
    )


def type_side_figure(df: pd.DataFrame, lang: str = "both") -> go.Figure:
    """Events per type (rows), stacked by party (actor 1's side) in the parties' map colours."""
    frame = pd.DataFrame({"type": df["type"].astype(str), "side": _group_column(df, "side")})
    table = frame.groupby(["type", "side"]).size().unstack(fill_value=0) if len(frame) else pd.DataFrame()
    fig = go.Figure()
    type_order = [t for t in vocab.event_types() if t in table.index]
    for side in [s for s in vocab.sides() if s in table.columns]:
        name = group_label("side", side, lang)
        fig.add_trace(go.Bar(
            y=[group_label("type", t, lang) for t in type_order], x=[int(table.at[t, side]) for t in type_order],
            name=name, orientation="h", marker_color=group_colour("side", side),
            hovertemplate=f"{escape_text(name)}<br>%{{y}}: %{{x}}<extra></extra>"))
    fig.update_layout(barmode="stack", height=max(220, 28 * len(type_order) + 90), margin=dict(l=10, r=10, t=30, b=30),
                      legend=dict(orientation="h", yanchor="bottom", y=1.02, x=0), yaxis=dict(autorange="reversed"),
                      xaxis=dict(title="events"),
                      font=dict(family="Noto Sans, Noto Sans Arabic, DejaVu Sans, sans-serif"))
    return fig
