"""Map: the filtered events on the offline map; a click shows the event beside the map.

The base map (boundaries, roads, legend) stays in the browser while the analyst filters; the events go as
replaceable canvas layers (core.views.event_layers), so a filter change re-sends only the events, the
view stays where the analyst left it, and pan/zoom never rerun this script.
"""

from __future__ import annotations

import os
import time

import pandas as pd
import streamlit as st

from core.views import timeline
from pages import ui

_started = time.perf_counter()
table, df, filters = ui.view()
state = st.session_state
L = ui.lang()
st.title(ui.t("map"))

# ---- time control: all dates, up to a day (play the front forward), or one day -----------------
days = [d.date() for d in sorted(pd.to_datetime(df["date"], errors="coerce").dropna().dt.normalize().unique())]
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
animated = c3.toggle("Play (day control on the map)", key="map_time_slider",
                     help="a day control on the map: press play to step through the days (in the browser)")
c3.toggle("Online basemap tiles", key="map_tiles_online", value=False,
          help="OpenStreetMap tiles need internet; the default basemap is drawn from the bundled boundaries")

# Up to the limit every event is drawn; above it, totals per place (the exports carry every event).
_limit = os.environ.get("RASD_MAP_LIMIT", "")
MAP_LIMIT = max(int(_limit), 100_000) if _limit.isdigit() else 100_000
located = map_df[map_df["lat"].notna() & map_df["lon"].notna()]
state["map_events"] = len(map_df)
state["map_located"] = len(located)
state["map_event_ids"] = map_df["event_id"]  # what is handed to the map (tests read it)
ui.filters_caption(map_filters, len(map_df), len(table))
st.caption(f"{len(located):,} on the map · {len(map_df) - len(located):,} without coordinates (listed below)")
if len(map_df) > MAP_LIMIT:
    st.info(f"{len(map_df):,} events match the filters: the map shows totals per place (more than "
            f"{MAP_LIMIT:,}). Click a place to list its events, or narrow the filters to see each event.")


@st.cache_resource(max_entries=16, show_spinner=False)
def _layers(key: tuple, _frame: pd.DataFrame, day_control: bool, limit: int):
    """The event layers of one filter state (``key`` names it: the table's file and version, the filters)."""
    from core.views import event_layers

    return event_layers.build(_frame, limit=limit, detail=False, day_control=day_control)


@st.cache_resource(max_entries=4, show_spinner=False)
def _base_view(key: tuple, _table: pd.DataFrame):
    """The legend entries and first view of the whole table (``key``: its file and version)."""
    from core.views import maps

    return maps.base_view(_table)


try:
    from streamlit_folium import st_folium

    from core.views import assets, event_layers, event_map
except ImportError as exc:
    st.warning(ui.md(f"The map builder is not available yet ({exc}); the events are listed below."))
    st_folium = None

left, right = st.columns([5, 2])
if st_folium is not None:
    assets.use_local_assets()
    path = ui.events_path()
    layers = _layers((str(path), ui._mtime(path), repr(map_filters)), map_df, bool(animated), MAP_LIMIT)
    state["map_payload_bytes"] = layers.nbytes
    with left:
        # A fresh base map per run (streamlit-folium renames what it renders); it depends only on the whole
        # table, so the browser keeps it (and the analyst's view) while the event layers are replaced.
        base = event_map.base_map(view=_base_view((str(path), ui._mtime(path)), table),
                             tiles_online=bool(state.get("map_tiles_online")))
        out = st_folium(base, key="event_map", height=620, use_container_width=True,
                        feature_group_to_add=layers.groups(), layer_control=event_layers.layer_control(),
                        returned_objects=["last_object_clicked", "last_object_clicked_tooltip"]) or {}
    clicked = event_layers.parse_ref(out.get("last_object_clicked_tooltip"))
    if clicked.kind:  # "zoom" clicks (a cell far out) only zoom the map
        state["map_clicked"] = out.get("last_object_clicked_tooltip")
with right, st.container(key="map_details_box"):
    st.subheader(ui.t("event_details"))
    click = state.get("map_clicked")
    picked = (event_layers.events_for_click(map_df, event_layers.parse_ref(click))
              if click and st_folium is not None else map_df.iloc[0:0])
    state["map_details"] = list(picked["event_id"])
    if picked.empty:
        st.caption("Click an event or an area to see its events here.")
    elif len(picked) > 20:
        st.caption(f"{len(picked):,} events here: the 20 most recent are shown.")
    for card in timeline.event_cards(ui.with_details(picked.head(20)), L, sort=False):
        st.markdown(timeline.card_html(card, ui.doc_link(card.doc_id, filters)), unsafe_allow_html=True)

unplaced = map_df[map_df["lat"].isna() | map_df["lon"].isna()]
# Cards only once opened (a closed expander's content is still sent and rendered: up to 200 HTML cards
# that would hold the browser up while the map loads).
unplaced_box = st.expander(f"Events without coordinates ({len(unplaced)}): unresolved or unplaced names",
                           key="map_unplaced", on_change="rerun")
if unplaced_box.open:
    with unplaced_box:
        for card in timeline.event_cards(ui.with_details(timeline.chronological(unplaced).head(200)), L,
                                         sort=False):
            st.markdown(timeline.card_html(card, ui.doc_link(card.doc_id, filters)), unsafe_allow_html=True)

ui.export_panel(map_df, map_filters,
                ("png", "print-png", "pdf", "svg", "html", "csv", "xlsx", "geojson", "acled"), key="map_export",
                title="Rasd — strikes and advances")
state["map_script_s"] = time.perf_counter() - _started  # this page's own time per run (bench/bench_map_browser.py)

# ---- areas of control (issue 14): the whole section lives in pages/map_control.py ----------------------
st.divider()
if st.toggle("Areas of control · مناطق السيطرة", key="ctl_on",
             help="who held each community on a chosen day, derived from the reports, and the front line"):
    from pages import map_control

    map_control.render(table, df, filters)
