"""Popups built on the server, for the few layers drawn as folium markers (the control layer's strikes of the
chosen day): every value escaped, Arabic right-to-left. The event layers build theirs in the browser."""

from __future__ import annotations

import re

import pandas as pd

from core import vocab
from core.views.maps import _present, esc


def _date_text(row) -> str:
    def fmt(v):
        return pd.Timestamp(v).date().isoformat() if _present(v) else ""

    start, end, day = fmt(row.get("date_start")), fmt(row.get("date_end")), fmt(row.get("date"))
    precision = row.get("time_precision") or "unknown"
    if start and end and start != end:
        text = f"{start} – {end}"
    else:
        text = day or start or "date unknown · تاريخ غير معروف"
    return f"{text} ({precision})"


def _actor_text(actor, side) -> str:
    if not _present(actor):
        return ""
    spec = vocab.actors().get(str(actor))
    label = spec.label_en if spec else str(actor)
    side_spec = vocab.sides().get(str(side) if _present(side) else "", {})
    side_text = f" ({side_spec.get('label_en', '')} · {side_spec.get('label_ar', '')})" if side_spec else ""
    return label + side_text


PRECISION_TEXT = {
    1: "exact place · مكان محدد",
    2: "near / axis · بالقرب / محور",
    3: "region · منطقة",
}


def safe_link(url) -> str:
    """An http(s) URL, escaped, or "" (no javascript: or data: links in popups)."""
    if not _present(url):
        return ""
    url = str(url).strip()
    return esc(url) if re.match(r"^https?://", url, flags=re.I) else ""


def popup_html(row, n_reports: int = 1) -> str:
    """The popup of one event: every value escaped, Arabic paragraphs right-to-left."""
    types = vocab.event_types()
    spec = types.get(str(row.get("type")), {})
    lines = [
        f'<p class="rasd-title"><b>{esc(spec.get("label_en", row.get("type")))}</b> · '
        f'<span class="ar" dir="rtl">{esc(spec.get("label_ar", ""))}</span></p>',
        f'<p><b>Date:</b> {esc(_date_text(row))}</p>',
    ]
    actors = [a for a in (_actor_text(row.get("actor1"), row.get("actor1_side")),
                          _actor_text(row.get("actor2"), row.get("actor2_side"))) if a]
    if actors:
        lines.append(f"<p><b>Actors:</b> {' → '.join(esc(a) for a in actors)}</p>")
    place = " · ".join(esc(v) for v in (row.get("place_ar"), row.get("place_en")) if _present(v))
    admin = " / ".join(esc(v) for v in (row.get("admin2_name"), row.get("admin1_name")) if _present(v))
    if not admin and _present(row.get("admin1_pcode")):
        admin = esc(row.get("admin1_pcode"))
    if place:
        precision = row.get("geo_precision")
        precision_text = PRECISION_TEXT.get(int(precision), "") if _present(precision) else ""
        lines.append(f'<p dir="auto"><b>Place:</b> {place}'
                     + (f" <small>({admin})</small>" if admin else "")
                     + (f"<br><small>{esc(precision_text)}</small>" if precision_text else "") + "</p>")
    if _present(row.get("fatalities")):
        lines.append(f'<p><b>Fatalities · <span class="ar">قتلى</span>:</b> {esc(int(row.get("fatalities")))}</p>')
    if _present(row.get("evidence")):
        lines.append(f'<p class="rasd-evidence ar" dir="rtl">«{esc(row.get("evidence"))}»</p>')
    outlet = esc(row.get("outlet")) if _present(row.get("outlet")) else esc(row.get("doc_id"))
    link = safe_link(row.get("url"))
    source = (f'<a href="{link}" target="_blank" rel="noopener noreferrer">{outlet or link}</a>'
              if link else outlet)
    if _present(row.get("published")):
        source += f" <small>({esc(pd.Timestamp(row.get('published')).date().isoformat())})</small>"
    lines.append(f'<p dir="auto"><b>Source:</b> {source}</p>')
    lines.append(f"<p><b>Reports in group:</b> {int(n_reports)}"
                 + (f" · <b>confidence</b> {float(row.get('confidence')):.2f}"
                    if _present(row.get("confidence")) else "") + "</p>")
    return '<div class="rasd-popup">' + "".join(lines) + "</div>"

