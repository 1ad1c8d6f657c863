"""The map page's "Areas of control" section: who held what on the chosen day, and the front line.

Called from pages/map.py (``map_control.render(table, df, filters)``); not a page of its own. The control
state comes from the whole table (a party filter would hide the other side's advances); the strikes
drawn on top follow the sidebar filters. A click on the map shows, beside it, the report that set the
clicked place's controller.
"""

from __future__ import annotations

import copy
import hashlib
import io
import re

import pandas as pd
import streamlit as st

from core.table.query import Filters
from pages import ui

KEY = "ctl"
PLAY_SECONDS = 1.5
STEPS = {"day": pd.Timedelta(days=1), "week": pd.Timedelta(days=7)}


def plain(text: object) -> str:
    """Text for a Markdown element, shown as written: a file's name or content never becomes a link or image."""
    return re.sub(r"([\\`*_{}\[\]()#+\-.!|<>~$:])", r"\\\1", str(text))


@st.cache_resource(show_spinner="Working out who held what …", max_entries=4)
def _maps(table_key: tuple, baseline_key: str, _table: pd.DataFrame, _baseline: pd.DataFrame | None,
          baseline_name: str):
    from core.control.areas import ControlMaps
    from core.control.model import ControlModel

    return ControlMaps(ControlModel(_table, _baseline, baseline_label=baseline_name))


@st.cache_resource(show_spinner="Drawing the areas …", max_entries=24)
def _folium_map(table_key: tuple, baseline_key: str, day: pd.Timestamp, strike_ids: tuple, window: str,
                _maps_obj, _strikes: pd.DataFrame):
    from core.views import control_layer

    return control_layer.build_control_map(_maps_obj.at(day), _strikes, window=window)


def _baseline() -> tuple[pd.DataFrame | None, str, str]:
    """(baseline frame, cache key, name) from the analyst's choice; a bad file is reported, never half-used."""
    from core.control.model import BaselineError, read_baseline
    from core.paths import EXAMPLE_CONTROL_BASELINE

    choice = st.radio("Baseline (who held what before the reports)", ["none", "example", "upload"],
                      key=f"{KEY}_baseline", horizontal=True,
                      format_func={"none": "none: reports only", "example": "example for the seed period",
                                   "upload": "upload a CSV (pcode, side, as_of)"}.get)
    try:
        if choice == "example":
            data = EXAMPLE_CONTROL_BASELINE.read_bytes()
            name = EXAMPLE_CONTROL_BASELINE.name
        elif choice == "upload":
            upload = st.file_uploader("Baseline CSV", type=["csv"], key=f"{KEY}_baseline_file")
            if upload is None:
                return None, "", ""
            data, name = upload.getvalue(), upload.name
        else:
            return None, "", ""
        frame = read_baseline(io.StringIO(data.decode("utf-8-sig")), name=name)
    except (BaselineError, OSError, UnicodeDecodeError) as exc:
        st.error(f"The baseline is not used: {plain(exc)}")
        return None, "", ""
    return frame, hashlib.sha1(data).hexdigest(), name


def _days(table: pd.DataFrame, model) -> list[pd.Timestamp]:
    dates = pd.to_datetime(table["date"], errors="coerce").dropna()
    bounds = [d for d in (dates.min() if len(dates) else None, dates.max() if len(dates) else None,
                          model.first_day, model.last_day) if d is not None and not pd.isna(d)]
    if not bounds:
        return []
    return list(pd.date_range(min(bounds).normalize(), max(bounds).normalize(), freq="D"))


def _strikes(df: pd.DataFrame, day: pd.Timestamp, unit: str) -> tuple[pd.DataFrame, str]:
    start = day - STEPS[unit] + pd.Timedelta(days=1)
    dates = pd.to_datetime(df["date"], errors="coerce")
    rows = df[df["layer"].eq("strike") & dates.between(start, day)]
    window = f"{day:%Y-%m-%d}" if unit == "day" else f"{start:%Y-%m-%d} – {day:%Y-%m-%d}"
    return rows, window


def _step(days: list[pd.Timestamp], unit: str, direction: int) -> None:
    state = st.session_state
    current = state.get(f"{KEY}_day", days[-1])
    target = current + direction * STEPS[unit]
    state[f"{KEY}_day"] = min(max(target, days[0]), days[-1])


def _details(control, table: pd.DataFrame, filters: Filters, click: dict | None) -> None:
    from core.control.model import CONTESTED, state_label
    from core.views import timeline

    st.subheader("Who held it · من يسيطر")
    cell = control.cell_at(click["lat"], click["lng"]) if click else None
    st.session_state[f"{KEY}_picked"] = cell["pcode"] if cell else None
    if cell is None:
        st.caption("Click a shaded place on the map to see the report that set who holds it."
                   if click is None else "No report names a place there (unshaded: no claim, no baseline).")
        return
    held = state_label(cell["controller"])
    if cell["controller"] == CONTESTED:
        held += f" ({(cell.get('claim_sides') or '').replace('|', ' / ')})"
    st.markdown(f'<div class="rasd-control-held"><b>{ui.esc(cell.get("name_en"))}</b> · '
                f'<span dir="rtl">{ui.esc(cell.get("name_ar"))}</span> ({ui.esc(cell["pcode"])})<br>'
                f"held by <b>{ui.esc(held)}</b> since {pd.Timestamp(cell['since']):%Y-%m-%d}</div>",
                unsafe_allow_html=True)
    if cell.get("source") == "baseline":
        st.caption(plain(cell.get("evidence") or "baseline"))
        return
    ids = [e for e in (cell.get("claim_events") or "").split(",") if e]
    rows = table[table["event_id"].isin(ids)]
    for card in timeline.event_cards(rows, ui.lang())[:10]:
        st.markdown(timeline.card_html(card, ui.doc_link(card.doc_id, filters)), unsafe_allow_html=True)


def _downloads(table: pd.DataFrame, day: pd.Timestamp, baseline, baseline_name: str) -> None:
    from core.exports.files import export_bytes

    state = st.session_state
    c1, c2, c3 = st.columns([2, 1, 2])
    fmt = c1.selectbox("Download the control map", ["control-png", "control-pdf", "control-svg", "control-geojson"],
                       key=f"{KEY}_fmt")
    signature = (fmt, day, len(table), baseline_name)
    if c2.button("Prepare", key=f"{KEY}_prepare"):
        try:
            with st.spinner(f"Preparing {fmt} …"):
                state[f"{KEY}_file"] = (signature, *export_bytes(table, fmt, as_of=day.date(), baseline=baseline,
                                                                 baseline_name=baseline_name))
        except Exception as exc:  # an export failure is shown, the page keeps working
            state.pop(f"{KEY}_file", None)
            st.error(f"The {fmt} export failed: {type(exc).__name__}: {exc}")
    prepared = state.get(f"{KEY}_file")
    if prepared and prepared[0] == signature:
        _, content, mime, filename = prepared
        c3.download_button(f"⬇ {filename}", data=content, file_name=filename, mime=mime, key=f"{KEY}_download")


def render(table: pd.DataFrame, df: pd.DataFrame, filters: Filters) -> None:
    """The section: baseline choice, day control (step by day or week, play), the map, the evidence."""
    state = st.session_state
    baseline, baseline_key, baseline_name = _baseline()
    path = ui.events_path()
    table_key = (str(path), ui._mtime(path), len(table))
    maps = _maps(table_key, baseline_key, table, baseline, baseline_name or "baseline")
    days = _days(table, maps.model)
    if not days:
        st.info("No dated events: there is no day to show control for.")
        return
    if state.get(f"{KEY}_day") not in days:
        state[f"{KEY}_day"] = days[-1]
    playing = bool(state.get(f"{KEY}_play"))

    # While playing, only this fragment reruns (every PLAY_SECONDS), one step each time.
    @st.fragment(run_every=PLAY_SECONDS if playing else None)
    def section() -> None:
        unit = state.get(f"{KEY}_unit", "day")
        if playing:
            if state[f"{KEY}_day"] >= days[-1]:
                state[f"{KEY}_play"] = False  # the last day: stop (before the toggle is drawn)
                st.rerun()
            _step(days, unit, 1)
        c1, c2, c3, c4 = st.columns([2, 5, 1, 2])
        unit = c1.radio("Step", ["day", "week"], key=f"{KEY}_unit", horizontal=True)
        with c3:
            st.button("◀", key=f"{KEY}_back", on_click=_step, args=(days, unit, -1), help=f"one {unit} back")
            st.button("▶", key=f"{KEY}_fwd", on_click=_step, args=(days, unit, 1), help=f"one {unit} forward")
        day = c2.select_slider("As of · حتى تاريخ", options=days, key=f"{KEY}_day",
                               format_func=lambda d: f"{d:%Y-%m-%d}")
        if c4.toggle("Play", key=f"{KEY}_play", help=f"step forward every {PLAY_SECONDS} s to the last day") != playing:
            st.rerun()  # the whole page: the fragment's timer starts or stops
        show_strikes = c4.toggle("Strikes on top", key=f"{KEY}_strikes", value=True)
        _view(table, df, filters, maps, (table_key, baseline_key), day, unit, show_strikes, baseline, baseline_name)

    section()


def _view(table, df, filters, maps, keys, day, unit, show_strikes, baseline, baseline_name) -> None:
    state = st.session_state
    control = maps.at(day)
    strikes, window = _strikes(df, day, unit) if show_strikes else (df.iloc[0:0], "")
    state[f"{KEY}_shown"] = {"day": day.date().isoformat(), "controllers": control.controllers,
                             "cells": list(control.cells["pcode"]), "strikes": len(strikes)}
    st.caption(f"As of {day:%Y-%m-%d}: {control.legend_note()}"
               + (f" · {control.not_placed} claim(s) at places without a cell" if control.not_placed else ""))
    from streamlit_folium import st_folium

    from core.views import assets

    assets.use_local_assets()
    left, right = st.columns([5, 2])
    with left:
        # st_folium renames the map's elements while rendering: never hand it the cached object itself
        fmap = copy.deepcopy(_folium_map(*keys, day, tuple(strikes["event_id"]), window, maps, strikes))
        out = st_folium(fmap, key=f"{KEY}_map", height=560, use_container_width=True,
                        returned_objects=["last_clicked"]) or {}
    click = out.get("last_clicked")
    if click and click.get("lat") is not None:
        state[f"{KEY}_click"] = {"lat": float(click["lat"]), "lng": float(click["lng"])}
    with right, st.container(key="control_details"):
        _details(control, table, filters, state.get(f"{KEY}_click"))
    _downloads(table, day, baseline, baseline_name)
