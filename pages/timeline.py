"""Timeline: events per day (plotly) by type or party, then a chronological list of event cards."""

from __future__ import annotations

import math

import pandas as pd
import streamlit as st

from core.views import i18n, timeline
from pages import ui

table, df, filters = ui.view()
state = st.session_state
L = ui.lang()
st.title(ui.t("timeline"))
ui.filters_caption(filters, len(df), len(table))
state["timeline_events"] = len(df)
state["timeline_event_ids"] = list(df["event_id"])  # what is handed to the chart (tests read it)

by = st.radio(ui.t("colour_by"), list(timeline.GROUPINGS), key="timeline_by", horizontal=True,
              format_func=lambda key: i18n.label(key, L))
fig = timeline.timeline_figure(df, by=by, lang=L)
state["timeline_days"] = int(pd.to_datetime(df["date"], errors="coerce").dt.normalize().nunique())
st.plotly_chart(fig, key="timeline_chart", width="stretch",
                config={"displaylogo": False, "toImageButtonOptions": {"filename": "rasd_timeline"}})

PER_PAGE = 50  # cards are built for the page shown only
ordered = timeline.chronological(df)
pages = max(1, math.ceil(len(ordered) / PER_PAGE))
st.subheader(f"{len(ordered):,} · {ui.t('events')}")
if ordered.empty:
    st.info(ui.t("no_events"))
if state.get("timeline_page", 1) > pages:  # fewer pages after a filter change
    state["timeline_page"] = pages
page = st.number_input("page", min_value=1, max_value=pages, value=1, step=1, key="timeline_page") if pages > 1 else 1
shown = timeline.event_cards(ui.with_details(ordered.iloc[(page - 1) * PER_PAGE: page * PER_PAGE]), L, sort=False)
state["timeline_cards"] = [c.event_id for c in shown]
for card in shown:
    st.markdown(timeline.card_html(card, ui.doc_link(card.doc_id, filters)), unsafe_allow_html=True)

ui.export_panel(df, filters, ("csv", "xlsx", "acled", "geojson", "png", "pdf"), key="timeline_export",
                title="Rasd — events")
