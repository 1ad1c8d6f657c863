"""Overview: headline counts of the filtered view, per party and type, the date span, the corpus."""

from __future__ import annotations

from datetime import datetime

import pandas as pd
import streamlit as st

from core.table.query import counts, date_span
from core.views import i18n, timeline
from pages import ui

table, df, filters = ui.view()
L = ui.lang()
st.title(ui.t("app_title"))
ui.filters_caption(filters, len(df), len(table))
lo, hi = date_span(df)
if lo:
    st.markdown(f'**{ui.t("date_span")}:** <span dir="ltr">{lo} → {hi}</span>', unsafe_allow_html=True)
st.session_state["overview_events"] = len(df)
st.session_state["overview_event_ids"] = list(df["event_id"])

uncertain = int(((df["geo_status"] != "resolved") | (df["time_precision"] != "day")).sum()) if len(df) else 0
c1, c2, c3, c4, c5 = st.columns(5)
c1.metric(ui.t("events"), f"{len(df):,}")
c2.metric(ui.t("documents"), f"{df['doc_id'].nunique():,}")
c3.metric(ui.t("places"), f"{df['pcode'].replace('', pd.NA).dropna().nunique():,}")
c4.metric(ui.t("date_span"), f"{(hi - lo).days + 1} days" if lo else "—", help=f"{lo} → {hi}" if lo else None)
c5.metric(ui.t("uncertain"), f"{uncertain:,}", help="vague place (region / unresolved) or date coarser than a day")

if df.empty:
    st.info(ui.t("no_events"))
else:
    left, right = st.columns(2)
    with left:
        st.subheader(ui.t("by_side"))
        by_side = counts(df, "actor1_side").rename_axis("side").reset_index(name="events")
        by_side["party"] = by_side["side"].map(lambda s: i18n.side_label(s, L))
        st.dataframe(by_side[["party", "side", "events"]], hide_index=True, key="overview_by_side")
    with right:
        st.subheader(ui.t("by_type"))
        by_type = counts(df, "type").rename_axis("type").reset_index(name="events")
        by_type["event type"] = by_type["type"].map(lambda x: i18n.type_label(x, L))
        st.dataframe(by_type[["event type", "type", "events"]], hide_index=True, key="overview_by_type")
    st.plotly_chart(timeline.type_side_figure(df, L), key="overview_chart", width="stretch",
                    config={"displaylogo": False})

st.subheader(ui.t("event_table"))
columns = ["date", "type", "actor1", "actor2", "place_ar", "place_en", "admin1_name", "geo_precision",
           "geo_status", "fatalities", "confidence", "summary", "evidence", "outlet", "doc_id", "event_id"]
TABLE_ROWS = 2_000  # the browser gets a page of the table; the exports carry all of it
if len(df) > TABLE_ROWS:
    st.caption(f"The first {TABLE_ROWS:,} of {len(df):,} events (download the table from the Timeline page).")
shown = ui.with_details(df.head(TABLE_ROWS))  # the texts of the rows shown only (an event store)
st.dataframe(shown[[c for c in columns if c in shown.columns]], hide_index=True, key="overview_table",
             column_config={"date": st.column_config.DateColumn(format="YYYY-MM-DD"),
                            "confidence": st.column_config.NumberColumn(format="%.2f")})

st.subheader(ui.t("corpus"))
path = ui.events_path()
docs, issues, error = ui.load_documents()
built = datetime.fromtimestamp(path.stat().st_mtime).strftime("%Y-%m-%d %H:%M") if path.exists() else "—"
outlets = sorted({str(o) for o in table["outlet"].dropna().unique() if str(o)})
st.markdown(
    f"- Event table: {ui.md(path)} — {len(table):,} events from {table['doc_id'].nunique():,} documents, "
    f"built {built}\n"
    f"- Documents folder: {ui.md(ui.corpus_path())} — {len(docs):,} documents"
    + (f" ({len(issues)} ingest notes)" if issues else "") + "\n"
    f"- Outlets: {ui.md(', '.join(outlets)) or '—'}\n"
    f"- Whole table spans {date_span(table)[0]} → {date_span(table)[1]}"
)
if error:
    st.warning(ui.md(error))
