"""A minimal Streamlit page rendering core.views.maps.build_map through streamlit-folium (for browser tests).

Query parameters: ``?slider=1`` adds the time slider. Env ``RASD_MAP_TABLE`` picks the event table
(default: the hand-written fixture). ``RASD_DISABLE_LOCAL_ASSETS=1`` shows what happens offline without
local assets (the map stays blank).
"""

import os

import streamlit as st
from streamlit_folium import st_folium

from core.table.store import read_table
from core.views import assets
from core.views.maps import build_map, map_counts

assets.use_local_assets()  # after importing streamlit_folium, before building any map

st.set_page_config(page_title="Rasd map check", layout="wide")
st.title("خريطة رصد · Rasd map check")
table = os.environ.get("RASD_MAP_TABLE", "tests/fixtures/events_sample.csv")
events = read_table(table)
slider = st.query_params.get("slider") == "1"
counts = map_counts(events, time_slider=slider)
st.markdown(
    f'<p dir="auto">{counts["drawn"]} of {counts["events"]} events drawn · '
    f'رُسم {counts["drawn"]} من {counts["events"]} حدثاً</p>',
    unsafe_allow_html=True,
)
st_folium(build_map(events, title="Idlib 2019–2020 · إدلب", time_slider=slider), height=560,
          use_container_width=True, returned_objects=[], key="map")
