"""A minimal Streamlit page drawing the event map as the dashboard does (for browser tests): the base map
(core.views.event_map.base_map) through streamlit-folium, the events as replaceable canvas layers
(core.views.event_layers) with the layer control.

Query parameters: ``?slider=1`` adds the day control. Env ``RASD_MAP_TABLE`` picks the event table
(default: the hand-written fixture). ``RASD_DISABLE_LOCAL_ASSETS=1`` shows what happens offline without
local assets (the map stays blank).
"""

import os

import streamlit as st
from streamlit_folium import st_folium

from core.table.store import read_table
from core.views import assets, event_layers
from core.views.event_map import base_map
from core.views.maps import map_counts

assets.use_local_assets()  # after importing streamlit_folium, before building any map

st.set_page_config(page_title="Rasd map check", layout="wide")
st.title("خريطة رصد · Rasd map check")
table = os.environ.get("RASD_MAP_TABLE", "tests/fixtures/events_sample.csv")
events = read_table(table)
slider = st.query_params.get("slider") == "1"
counts = map_counts(events)
st.markdown(
    f'<p dir="auto">{counts["drawn"]} of {counts["events"]} events drawn · '
    f'رُسم {counts["drawn"]} من {counts["events"]} حدثاً</p>',
    unsafe_allow_html=True,
)
layers = event_layers.build(events, day_control=slider)
st_folium(base_map(events), height=560, use_container_width=True, returned_objects=[], key="map",
          feature_group_to_add=layers.groups(), layer_control=event_layers.layer_control())
