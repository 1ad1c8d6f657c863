"""Timeline: events per day (plotly) by type or party, then a chronological list of event cards."""

from __future__ import annotations

import math

import streamlit as st

from core import timeline
from dashboard import common as ui

table, df, filters = ui.view()
state = st.session_state
L = ui.lang()
st.title(ui.t("timeline"))
ui.filters_caption(filters, len(df), len(table))
state["timeline_events"] = len(df)
state["timeline_event_ids"] = list(df["event_id"])  # what is handed to the chart (tests read it)

by = st.radio(ui.t("colour_by"), list(timeline.GROUPINGS), key="timeline_by", horizontal=True,
              format_func=ui.t)
fig = timeline.timeline_figure(df, by=by, lang=L)
state["timeline_days"] = int(timeline.per_day(df, by)["day"].nunique())
st.plotly_chart(fig, key="timeline_chart", width="stretch",
                config={"displaylogo": False, "toImageButtonOptions": {"filename": "rasd_timeline"}})

cards = timeline.event_cards(df, L)
PER_PAGE = 50
pages = max(1, math.ceil(len(cards) / PER_PAGE))
st.subheader(f"{len(cards):,} · {ui.t('events')}")
if not cards:
    st.info(ui.t("no_events"))
page = st.number_input("page", min_value=1, max_value=pages, value=1, step=1, key="timeline_page") if pages > 1 else 1
shown = cards[(page - 1) * PER_PAGE: page * PER_PAGE]
state["timeline_cards"] = [c.event_id for c in shown]
for card in shown:
    st.markdown(timeline.card_html(card, ui.doc_link(card.doc_id, filters)), unsafe_allow_html=True)

ui.export_panel(df, filters, ("csv", "xlsx", "acled", "geojson", "png", "pdf"), key="timeline_export",
                title="Rasd — events")
