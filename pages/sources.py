"""Sources: each document with its metadata and text, mentions highlighted and linked to their events."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from core.model import Document
from core.views import highlight, sources, timeline
from pages import ui

table, df, filters = ui.view()
state = st.session_state
L = ui.lang()
st.title(ui.t("sources"))

docs, issues, error = ui.load_documents()
if error:
    st.warning(ui.md(error))
if not docs:
    st.info("No documents to show.")
    st.stop()


@st.cache_data(show_spinner="Finding the mentions …", max_entries=256)
def _view(_doc: Document, _events: pd.DataFrame, doc_id: str, sha1: str, published: str, events_key: tuple,
          part: int) -> sources.SourceView:
    return sources.source_view(_doc, _events, part)


in_view = set(df["doc_id"])
only_view = st.toggle("Only documents with events in the filtered view", key="src_only_view", value=False)
by_id = {d.doc_id: d for d in docs}
options = [d.doc_id for d in docs if not only_view or d.doc_id in in_view]
if not options:
    st.info(ui.t("no_events"))
    st.stop()
wanted = st.query_params.get("doc")
if wanted in options and state.get("_src_doc_param") != wanted:  # a link to one document
    state["src_doc"] = state["_src_doc_param"] = wanted
if state.get("src_doc") not in options:
    state["src_doc"] = options[0]
events_per_doc = table["doc_id"].value_counts()
doc_id = st.selectbox(
    ui.t("document"), options, key="src_doc",
    format_func=lambda d: f"{d} · {by_id[d].published or 'no date'} · {by_id[d].title or by_id[d].outlet or '—'}"
                          f" · {int(events_per_doc.get(d, 0))} events")
doc = by_id[doc_id]
if st.query_params.get("doc") != doc_id:
    st.query_params["doc"] = state["_src_doc_param"] = doc_id

# ---- metadata --------------------------------------------------------------------------
meta = {
    "published": str(doc.published or "— (relative dates stay unresolved)"), "outlet": doc.outlet or "—",
    "url": doc.url or "—", "title": doc.title or "—", "date basis": doc.date_basis or "—",
    "flags": ", ".join(doc.flags) or "—", "characters": f"{len(doc.text):,}", "sha1": doc.sha1[:12],
}
st.dataframe(pd.DataFrame({"field": list(meta), "value": list(meta.values())}), hide_index=True,
             key="src_meta")
for issue in issues:
    if issue.doc_id == doc_id:
        st.caption(highlight.escape_markdown(f"{issue.level}: {issue.message}"))

# ---- text with mentions and events (a long document in parts) ---------------------------------------
doc_events = timeline.chronological(ui.document_events(table, doc_id)).sort_values("char_start", kind="stable")
n_parts = len(sources.document_parts(doc.text))
part = 0
if n_parts > 1:
    part = st.number_input(f"Part of the document (1–{n_parts}, {sources.PART_CHARS:,} characters each)",
                           min_value=1, max_value=n_parts, value=1, step=1, key=f"src_part_{doc_id}") - 1
view = _view(doc, doc_events, doc.doc_id, doc.sha1, str(doc.published),
             tuple(doc_events["event_id"]) + tuple(doc_events["char_start"]), int(part))
refs = view.refs
for note in view.missing:
    st.warning(highlight.escape_markdown(f"Mentions not shown — {note}"))
state["sources_doc_events"] = len(doc_events)
state["sources_mentions"] = dict(view.counts)
st.caption(" · ".join(f"{view.counts[k]} {k}s" for k in highlight.KINDS) + f" · {len(doc_events)} events"
           + (f" · characters {view.start:,}–{view.end:,} of {len(doc.text):,}" if n_parts > 1 else ""))
st.markdown(highlight.legend_html(), unsafe_allow_html=True)
st.markdown(f'<div class="rasd-doc" dir="rtl" lang="ar">{view.body_html}</div>', unsafe_allow_html=True)

# ---- unresolved names, then the document's events -------------------------------------------
unresolved = list(view.unresolved)
state["sources_unresolved"] = unresolved
st.subheader(ui.t("unresolved"))
if unresolved:
    st.markdown(" ".join(f'<mark class="m-place unresolved">{highlight.escape_body(n)}</mark>' for n in unresolved),
                unsafe_allow_html=True)
else:
    st.caption("none")

st.subheader(ui.t("linked_events"))
if doc_events.empty:
    st.caption("No events were extracted from this document.")
in_filter = set(df["event_id"])
for card in timeline.event_cards(doc_events, L, sort=False):
    note = "" if card.event_id in in_filter else " <small>(outside the filtered view)</small>"
    st.markdown(f"**[{refs.get(card.event_id, '')}]**{note}", unsafe_allow_html=True)
    st.markdown(timeline.card_html(card), unsafe_allow_html=True)
