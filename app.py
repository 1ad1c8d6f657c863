"""Rasd dashboard: `streamlit run app.py` (or `make run`, http://localhost:8501).

The entry point draws what every page shares (styles, the sidebar filters, the URL) and
then runs the chosen page: Overview, Map, Timeline, Sources, Ingest, Review.
Environment: RASD_EVENTS (event table, default data/build/events.parquet), RASD_CORPUS
(documents folder, default data/corpus) and RASD_MANIFEST (default: the corpus's manifest.csv).
"""

from __future__ import annotations

import streamlit as st

from pages import ui

st.set_page_config(page_title="Rasd · رصد", page_icon="🛰️", layout="wide")  # emoji: a :material/ favicon is fetched from fonts.gstatic.com
ui.inject_css()
st.sidebar.toggle("Arabic interface · الواجهة العربية", key="ui_ar")
if st.session_state.get("ui_ar"):  # right-to-left sidebar, titles and labels; mixed content keeps its own direction
    st.markdown('<style>[data-testid="stSidebarNav"], h1, h2, h3, [data-testid="stWidgetLabel"],'
                ' [data-testid="stMetricLabel"], [role="radiogroup"] {direction: rtl; text-align: right;}</style>',
                unsafe_allow_html=True)

PAGES = [
    st.Page("pages/overview.py", title=ui.t("overview"), icon=":material/monitoring:", default=True, url_path="overview"),
    st.Page("pages/map.py", title=ui.t("map"), icon=":material/map:", url_path="map"),
    st.Page("pages/timeline.py", title=ui.t("timeline"), icon=":material/timeline:", url_path="timeline"),
    st.Page("pages/sources.py", title=ui.t("sources"), icon=":material/article:", url_path="sources"),
    st.Page("pages/ingest.py", title="Ingest · إدخال", icon=":material/upload_file:", url_path="ingest"),
    st.Page("pages/review.py", title="Review · مراجعة", icon=":material/fact_check:", url_path="review"),
]
page = st.navigation(PAGES)
ui.prepare()
st.session_state[ui.IN_APP] = True
try:
    page.run()
finally:
    st.session_state[ui.IN_APP] = False
    ui.remember_widgets()
