"""Ingest: bring reports in (files, a zip, pasted text), preview their events, add them to the table."""

from __future__ import annotations

import streamlit as st

from core.extract import upload
from core.model import Document
from core.views import highlight, sources, timeline
from pages import ui

state = st.session_state
if not state.get(ui.IN_APP):
    ui.view()  # started outside app.py: go back to it
st.title("Ingest · إدخال التقارير")
st.caption("Upload .txt/.html files (or a .zip of them) or paste a report. Nothing is added to the table "
           "before you press “Add to the table”.")

with st.form("ingest_form"):
    files = st.file_uploader("Files", type=["txt", "html", "htm", "zip"], accept_multiple_files=True,
                             key="ingest_files")
    pasted = st.text_area("…or paste the text of a report", key="ingest_text", height=160)
    c1, c2 = st.columns(2)
    unknown = c1.checkbox("Publication date unknown: infer it from the text", value=True, key="ingest_unknown")
    published = c1.text_input("Publication date (YYYY-MM-DD)", key="ingest_published")
    outlet = c2.text_input("Outlet", key="ingest_outlet")
    url = c2.text_input("URL", key="ingest_url")
    title = st.text_input("Title (for a single document; else the first line)", key="ingest_title")
    submitted = st.form_submit_button("Preview the events", key="ingest_preview")

if submitted:
    meta = upload.UploadMeta(published="" if unknown else published, outlet=outlet, url=url, title=title)
    state.pop("ingest_result", None)
    state.pop("ingest_added", None)
    if problem := upload.check_meta(meta):
        state["ingest_problems"] = [problem]
    else:
        given = [(f.name, f.getvalue()) for f in (files or [])]
        items, problems = upload.items_from_uploads(given, pasted, meta)
        if not items and not problems:
            problems = ["nothing to read: upload a file or paste a text"]
        bar = st.progress(0.0, text="Extracting …") if items else None

        def progress(done: int, total: int, doc_id: str) -> None:
            bar.progress(done / total, text=f"{done}/{total} · {doc_id}")

        result = upload.extract_uploads(items, progress if bar else None)
        state["ingest_problems"] = problems
        state["ingest_result"] = (items, result)

for problem in state.get("ingest_problems", []):
    st.error(ui.md(problem))
if "ingest_result" in state:
    items, result = state["ingest_result"]
    for r in result.failed:
        st.error(ui.md(f"{r.doc_id}: {r.error or r.status}"))
    for w in result.warnings:
        st.caption(ui.md(w))
    st.subheader(f"{len(result.ok)} document(s) read · {0 if result.events is None else len(result.events)} events")
    texts = {i.doc_id: i for i in items}
    for r in result.ok:
        events = result.events[result.events["doc_id"] == r.doc_id]
        item = texts[r.doc_id]
        with st.expander(f"{r.doc_id} · {r.published or 'date unknown'} · {len(events)} events", expanded=True):
            st.text(f"{r.title}\n{r.outlet} {r.url}".strip())
            from core.extract.ingest import document_from_text

            doc, _ = document_from_text(r.doc_id, item.raw, published=r.published)
            view = sources.source_view(Document(r.doc_id, doc.text, r.published), events)
            st.markdown(f'<div class="rasd-doc" dir="rtl" lang="ar">{view.body_html}</div>', unsafe_allow_html=True)
            for card in timeline.event_cards(events, ui.lang(), sort=False):
                st.markdown(timeline.card_html(card), unsafe_allow_html=True)
    st.markdown(highlight.legend_html(), unsafe_allow_html=True)
    if st.button("Add to the table", key="ingest_add", disabled=not result.ok, type="primary"):
        try:
            manifest = ui.manifest_path() or ui.corpus_path() / "manifest.csv"
            state["ingest_added"] = upload.commit_upload(ui.events_path(), ui.corpus_path(), manifest, items,
                                                         result)
            state.pop("ingest_result", None)
            st.cache_resource.clear()
            st.cache_data.clear()
        except Exception as exc:  # noqa: BLE001 - shown, the table is left as it was
            st.error(ui.md(f"Not added: {exc}"))
if state.get("ingest_added"):
    st.success(ui.md(state["ingest_added"]))
