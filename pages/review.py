"""Review: check doubtful events (confirm, edit, reject) and map unresolved place names."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from core import vocab
from core.table import corrections
from core.views import i18n, review, timeline
from pages import ui

table, df, filters = ui.view()
df = ui.view_with_details()  # the review reasons read the evidence, flags and notes of every row
state = st.session_state
L = ui.lang()
st.title("Review · مراجعة")
path = ui.events_path()
corrections_file = corrections.corrections_path(path)
who = st.text_input("Your name or initials (stored with each correction)", key="review_who",
                    value=state.get("_review_who", ""))
state["_review_who"] = who  # kept while the analyst visits other pages


@st.cache_resource(show_spinner="Loading the gazetteer …")
def _gazetteer():
    from core.geo.gazetteer import load_gazetteer

    return load_gazetteer()


def _place_picker(where, label: str, keys: tuple[str, str, str, str]):
    """A gazetteer search with its matches, or coordinates: (place picked or None, lat, lon)."""
    query_key, pick_key, lat_key, lon_key = keys
    query = where.text_input(label, key=query_key)
    matches = review.search_places(_gazetteer(), query) if query else []
    pick = where.selectbox("Place found", [None] + matches, key=pick_key,
                           format_func=lambda p: "—" if p is None else f"{p.name_ar} · {p.name_en} · {p.place_id}")
    c_lat, c_lon = st.columns(2)
    lat = c_lat.number_input("…or latitude", value=None, format="%.5f", key=lat_key)
    lon = c_lon.number_input("…or longitude", value=None, format="%.5f", key=lon_key)
    return pick, lat, lon


def _done(message: str) -> None:
    state["review_message"] = message
    st.cache_resource.clear()  # the table is read again with the new correction
    st.rerun()


if state.get("review_message"):
    st.success(ui.md(state.pop("review_message")))

reviewed = set(df.loc[df["review"] != "", "event_id"]) if "review" in df else set()
chosen_reasons = st.multiselect("Show events with", list(review.REASONS), default=list(review.REASONS),
                                format_func=review.REASONS.get, key="review_reasons")
queue = review.review_queue(df, reviewed, tuple(chosen_reasons))
st.caption(f"{len(queue):,} events to check in the filtered view · {len(reviewed):,} already reviewed")

tab_events, tab_names = st.tabs(["Events to check", "Unresolved names"])
with tab_events:
    if queue.empty:
        st.info("Nothing to check in this view.")
    else:
        labels = {r.event_id: f"{r.doc_id} · {r.type} · {r.date.date() if pd.notna(r.date) else 'no date'} · {r.why}"
                  for r in queue.head(500).itertuples()}
        event_id = st.selectbox("Event", list(labels), format_func=labels.get, key="review_event")
        row = queue[queue["event_id"] == event_id].iloc[0]
        st.markdown(review.sentence_html(row), unsafe_allow_html=True)
        card = timeline.event_cards(queue[queue["event_id"] == event_id], L, sort=False)[0]
        st.markdown(timeline.card_html(card, ui.doc_link(card.doc_id, filters)), unsafe_allow_html=True)
        c1, c2 = st.columns(2)
        if c1.button("Confirm", key="review_confirm", type="primary"):
            try:
                corrections.record(corrections_file, row, "confirm", who)
                _done(f"{event_id} confirmed")
            except corrections.CorrectionError as exc:
                st.error(ui.md(exc))
        if c2.button("Reject (not an event)", key="review_reject"):
            try:
                corrections.record(corrections_file, row, "reject", who)
                _done(f"{event_id} rejected")
            except corrections.CorrectionError as exc:
                st.error(ui.md(exc))
        with st.form("review_edit"):
            st.markdown("**Edit**")
            types = list(vocab.event_types())
            actors = [""] + list(vocab.actors())
            e1, e2 = st.columns(2)
            new_type = e1.selectbox("Type", types, index=types.index(row["type"]), key="edit_type",
                                    format_func=lambda x: i18n.type_label(x, L))
            new_date = e2.date_input("Date", value=row["date"].date() if pd.notna(row["date"]) else None,
                                     key="edit_date", format="YYYY-MM-DD")
            a1 = row["actor1"] if row["actor1"] in actors else ""
            a2 = row["actor2"] if row["actor2"] in actors else ""
            new_a1 = e1.selectbox("Agent (actor 1)", actors, index=actors.index(a1), key="edit_actor1",
                                  format_func=lambda a: i18n.actor_label(a, L) if a else "—")
            new_a2 = e2.selectbox("Target (actor 2)", actors, index=actors.index(a2), key="edit_actor2",
                                  format_func=lambda a: i18n.actor_label(a, L) if a else "—")
            fat = row["fatalities"]
            new_fat = e1.number_input("Fatalities", min_value=0, step=1, value=None if pd.isna(fat) else int(fat),
                                      key="edit_fatalities")
            pick, lat, lon = _place_picker(e2, "Place: search the gazetteer (name or P-code)",
                                           ("edit_place_query", "edit_place_pick", "edit_lat", "edit_lon"))
            if st.form_submit_button("Save the edit", key="review_save"):
                changes = {}
                if new_type != row["type"]:
                    changes["type"] = new_type
                if new_date is not None and (pd.isna(row["date"]) or new_date != row["date"].date()):
                    changes["date"] = new_date.isoformat()
                if new_a1 != a1:
                    changes["actor1"] = new_a1 or None
                if new_a2 != a2:
                    changes["actor2"] = new_a2 or None
                if new_fat is not None and (pd.isna(fat) or int(new_fat) != int(fat)):
                    changes["fatalities"] = int(new_fat)
                if pick is not None:
                    changes["place"] = review.place_choice(pick)
                elif lat is not None and lon is not None:
                    changes["place"] = {"lat": lat, "lon": lon, "reason": "coordinates given in the Review page"}
                try:
                    corrections.record(corrections_file, row, "edit", who, changes)
                    _done(f"{event_id} edited: {', '.join(changes)}")
                except corrections.CorrectionError as exc:
                    st.error(ui.md(exc))

with tab_names:
    names = review.unresolved_names(df)
    state["review_unresolved"] = [n.name for n in names]
    if not names:
        st.info("No unresolved place names in this view.")
    else:
        st.dataframe(pd.DataFrame([{"name": n.name, "events": n.count, "documents": n.documents} for n in names]),
                     hide_index=True, key="review_names_table")
        options = [n.name for n in names]
        name = st.selectbox("Name to map", options, key="review_name")
        chosen = next(n for n in names if n.name == name)
        for sentence in chosen.sentences:
            st.markdown(review.sentence_html({"evidence": sentence, "place_surface": name,
                                              "geo_status": "unresolved"}), unsafe_allow_html=True)
        with st.form("review_map_name"):
            pick, lat, lon = _place_picker(st, "Gazetteer place (name or P-code)",
                                           ("map_query", "map_pick", "map_lat", "map_lon"))
            if st.form_submit_button("Map this name", key="review_map"):
                try:
                    if not " ".join(str(who or "").split()):
                        raise corrections.CorrectionError("say who you are (a name or initials) before correcting")
                    if pick is not None:
                        choice = review.place_choice(pick)
                    elif lat is not None and lon is not None:
                        choice = {"lat": lat, "lon": lon, "place_ar": name, "reason": "coordinates given"}
                    else:
                        raise corrections.CorrectionError("choose a gazetteer place or give coordinates")
                    n = review.map_name(df, name, choice, who, corrections_file, ui.user_places_path(), place=pick)
                    _done(f"{name} mapped; {n} event(s) re-geocoded; written to {ui.user_places_path().name}")
                except (corrections.CorrectionError, OSError) as exc:
                    st.error(ui.md(exc))
