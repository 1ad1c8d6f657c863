"""Map: the filtered events on the offline folium map (core.views.maps); a click shows the event beside the map."""

from __future__ import annotations

import copy
import os

import pandas as pd
import streamlit as st

from core.table import query
from core.views import timeline
from pages import ui

table, df, filters = ui.view()
state = st.session_state
L = ui.lang()
st.title(ui.t("map"))

# ---- time control: all dates, up to a day (play the front forward), or one day -----------------
days = sorted({d.date() for d in pd.to_datetime(df["date"], errors="coerce").dropna()})
c1, c2, c3 = st.columns([2, 3, 2])
mode = c1.radio(ui.t("play_mode"), ["all", "until", "day"], key="map_time_mode", horizontal=True,
                format_func={"all": "all dates", "until": "up to day", "day": "single day"}.get)
map_df, map_filters = df, filters
if mode != "all" and len(days) > 1:
    if state.get("map_day") not in days:
        state["map_day"] = days[-1] if mode == "until" else days[0]
    day = c2.select_slider(ui.t("day_slider"), options=days, key="map_day", format_func=lambda d: d.isoformat())
    map_filters = filters.with_changes(date_to=day) if mode == "until" else filters.with_changes(date_from=day,
                                                                                                  date_to=day)
    map_df = map_filters.apply(df)
elif mode != "all" and days:
    c2.caption(f"{ui.t('day_slider')}: {days[0]}")
animated = c3.toggle("Play (time slider on the map)", key="map_time_slider",
                     help="the map's own time slider: press play to step through the days")
c3.toggle("Online basemap tiles", key="map_tiles_online", value=False,
          help="OpenStreetMap tiles need internet; the default basemap is drawn from the bundled boundaries")

export_df = map_df
# A browser map stays responsive up to about a thousand events: beyond, filter before drawing.
_limit = os.environ.get("RASD_MAP_LIMIT", "")
MAP_LIMIT = int(_limit) if _limit.isdigit() and int(_limit) > 0 else 1_000
if len(map_df) > MAP_LIMIT:
    st.warning(f"{len(map_df):,} events match the filters: the map draws the {MAP_LIMIT:,} most recent. "
               "Narrow the dates, party or place to see them all (the exports carry every event).")
    map_df = query.most_recent(map_df, MAP_LIMIT)
located = map_df[map_df["lat"].notna() & map_df["lon"].notna()]
state["map_events"] = len(map_df)
state["map_located"] = len(located)
state["map_event_ids"] = list(map_df["event_id"])  # what is handed to the map (tests read it)
ui.filters_caption(map_filters, len(map_df), len(table))
st.caption(f"{len(located):,} on the map · {len(map_df) - len(located):,} without coordinates (listed below)")


@st.cache_resource(max_entries=24, show_spinner="Drawing the map …")
def _map(frame: pd.DataFrame, title: str, time_slider: bool, tiles_online: bool):
    from core.views import maps

    return maps.build_map(frame, title=title, tiles_online=tiles_online, time_slider=time_slider)


try:
    from streamlit_folium import st_folium

    from core.views import assets, maps
except ImportError as exc:
    st.warning(ui.md(f"The map builder is not available yet ({exc}); the events are listed below."))
    st_folium = None

left, right = st.columns([5, 2])
if st_folium is not None:
    assets.use_local_assets()
    with left:
        # st_folium renames the map's elements while rendering: never hand it the cached object itself
        fmap = copy.deepcopy(_map(map_df, map_filters.describe(), bool(animated), bool(state.get("map_tiles_online"))))
        # The view handed to the map changes only when the map itself changes (a filter, the day): then the new
        # map opens where the analyst left the old one. Between changes the same view is passed again, so the
        # component never re-centres itself (and never loops on its own returned centre).
        signature = (tuple(map_df["event_id"]), bool(animated), bool(state.get("map_tiles_online")))
        if state.get("map_signature") != signature:
            state["map_signature"] = signature
            state["map_view_passed"] = state.get("map_view")
        center, zoom = state.get("map_view_passed") or (None, None)
        out = st_folium(fmap, key="event_map", height=620, use_container_width=True,
                        returned_objects=["last_object_clicked", "last_object_clicked_tooltip", "center", "zoom"],
                        center=center, zoom=zoom) or {}
    if out.get("center") and out.get("zoom"):  # an answer from the map (its defaults carry no centre)
        state["map_view"] = ((out["center"]["lat"], out["center"]["lng"]), out["zoom"])
    clicked = out.get("last_object_clicked")
    if clicked and clicked.get("lat") is not None:
        state["map_clicked"] = {"lat": float(clicked["lat"]), "lng": float(clicked["lng"]),
                                "tooltip": out.get("last_object_clicked_tooltip") or ""}
with right, st.container(key="map_details_box"):
    st.subheader(ui.t("event_details"))
    click = state.get("map_clicked")
    picked = (maps.events_at_click(map_df, click["lat"], click["lng"], click["tooltip"])
              if click and st_folium is not None else map_df.iloc[0:0])
    state["map_details"] = list(picked["event_id"])
    if picked.empty:
        st.caption("Click a marker to see its events here.")
    for card in timeline.event_cards(picked, L)[:20]:
        st.markdown(timeline.card_html(card, ui.doc_link(card.doc_id, filters)), unsafe_allow_html=True)

unplaced = map_df[map_df["lat"].isna() | map_df["lon"].isna()]
with st.expander(f"Events without coordinates ({len(unplaced)}): unresolved or unplaced names"):
    for card in timeline.event_cards(unplaced, L)[:200]:
        st.markdown(timeline.card_html(card, ui.doc_link(card.doc_id, filters)), unsafe_allow_html=True)

ui.export_panel(export_df, map_filters,
                ("png", "print-png", "pdf", "svg", "html", "csv", "xlsx", "geojson", "acled"), key="map_export",
                title="Rasd — strikes and advances")

# ---- areas of control (issue 14): the whole section lives in pages/map_control.py ----------------------
st.divider()
if st.toggle("Areas of control · مناطق السيطرة", key="ctl_on",
             help="who held each community on a chosen day, derived from the reports, and the front line"):
    from pages import map_control

    map_control.render(table, df, filters)
