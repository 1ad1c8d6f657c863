"""What every dashboard page shares: data loading (cached), the sidebar filters, the URL, the styles.

Only ``app.py`` and the pages import this module (it is the Streamlit side of the house);
the work itself is done by ``core``.
"""

from __future__ import annotations

import html
import os
from datetime import date
from pathlib import Path
from urllib.parse import urlencode

import pandas as pd
import streamlit as st

from core import vocab
from core.table.query import Filters, date_span
from core.views import i18n

REPO = Path(__file__).resolve().parent.parent
DEFAULT_EVENTS = "data/build/events.parquet"
DEFAULT_CORPUS = "data/corpus"
DEFAULT_MANIFEST = "data/manifest.csv"
DEFAULT_ROLE = "actor1"  # the party filter looks at the agent unless the analyst asks for "either actor"

# Arabic blocks: right-to-left, with fonts that have Arabic glyphs. The fonts are the machine's
# own (Debian fonts-noto-core): nothing is fetched from a font CDN.
ARABIC_FONTS = "'Noto Sans Arabic', 'Noto Naskh Arabic', 'Noto Sans Arabic UI', 'DejaVu Sans', sans-serif"
CSS = f"""
<style>
.rasd-ar {{ direction: rtl; unicode-bidi: plaintext; text-align: right; font-family: {ARABIC_FONTS};
  line-height: 1.9; }}
.rasd-ui-ar section[data-testid="stSidebar"], .rasd-ui-ar .stMarkdown {{ font-family: {ARABIC_FONTS}; }}
.rasd-doc {{ direction: rtl; unicode-bidi: plaintext; text-align: right; font-family: {ARABIC_FONTS};
  line-height: 2.1; font-size: 1.05rem; white-space: pre-wrap; border: 1px solid #ddd; border-radius: 6px;
  padding: 0.8rem 1rem; background: #fcfcfc; }}
.rasd-card {{ border: 1px solid #e3e3e3; border-left: 5px solid var(--side, #34495e); border-radius: 6px;
  padding: 0.5rem 0.8rem; margin: 0 0 0.6rem 0; background: #fff; }}
.rasd-card .meta {{ font-size: 0.85rem; color: #555; }}
.rasd-card .head {{ font-weight: 600; }}
.rasd-card .flag {{ background: #fdebd0; color: #7e5109; border-radius: 3px; padding: 0 4px; font-size: 0.8rem; }}
mark.m-actor {{ background: #f9e79f; }}
mark.m-place {{ background: #aed6f1; }}
mark.m-place.unresolved {{ background: #f5b7b1; text-decoration: underline wavy #c0392b; }}
mark.m-time {{ background: #d2b4de; }}
mark.m-trigger {{ background: #abebc6; }}
mark.m-number {{ background: #e5e8e8; }}
span.ev {{ border-bottom: 2px solid #5d6d7e; }}
a.evref {{ font-size: 0.75rem; vertical-align: super; text-decoration: none; margin: 0 2px; }}
.rasd-icon svg {{ vertical-align: -3px; }}
.rasd-legend mark {{ padding: 0 4px; margin-right: 6px; }}
</style>
"""


# ---- paths and cached loading ---------------------------------------------------------
def _resolve(env: str, default: str) -> Path:
    p = Path(os.environ.get(env) or default)
    return p if p.is_absolute() else REPO / p


def events_path() -> Path:
    return _resolve("RASD_EVENTS", DEFAULT_EVENTS)


def corpus_path() -> Path:
    return _resolve("RASD_CORPUS", DEFAULT_CORPUS)


def manifest_path() -> Path | None:
    explicit = os.environ.get("RASD_MANIFEST")
    if explicit:
        return _resolve("RASD_MANIFEST", explicit)
    corpus = corpus_path()
    for candidate in (corpus / "manifest.csv", corpus.parent / "manifest.csv"):
        if candidate.exists():
            return candidate
    return None


def _mtime(path: Path | None) -> float:
    try:
        if path and path.is_dir():  # an event store: rewritten by replacing its store.json
            return (path / "store.json").stat().st_mtime
        return path.stat().st_mtime if path else 0.0
    except OSError:
        return 0.0


def is_store(path: Path) -> bool:
    """An event store folder (core.table.dataset): queried with DuckDB, never loaded whole."""
    return path.is_dir()


# The table and its filtered views are cached as shared objects (cache_resource): a rerun gets them
# without copying (cache_data would unpickle a fresh copy on every hit). Nothing modifies them.
@st.cache_resource(show_spinner="Loading the event table …", max_entries=4)
def _read_table(path: str, mtime: float) -> pd.DataFrame:
    """The table; for an event store only the columns of the filters and the whole-table figures."""
    from core.table import corrections

    if is_store(Path(path)):
        from core.table import duckquery

        summary = duckquery.columns(path, duckquery.SUMMARY_COLUMNS)
        return corrections.marks(summary, corrections.load(corrections.corrections_path(Path(path))))
    from core.table.store import read_table

    table = read_table(path)
    return corrections.apply(table, corrections.load(corrections.corrections_path(path)))


def table_stamp(path: Path) -> float:
    """Changes when the table, its store manifest or its corrections change (the cache key)."""
    from core.table.corrections import corrections_path

    return max(_mtime(path), _mtime(path / "store.json") if path.is_dir() else 0.0,
               _mtime(corrections_path(path)))


def user_places_path() -> Path:
    from core.paths import USER_PLACES

    return _resolve("RASD_USER_PLACES", str(USER_PLACES))


def load_events() -> tuple[pd.DataFrame | None, str]:
    """The event table (cached per file version), or None and a message saying what is wrong."""
    path = events_path()
    if not path.exists():
        return None, (f"No event table at `{path}`. Build it with `make table` (or `python -m core extract "
                      f"DOCS --manifest M --out {path}`), or point `RASD_EVENTS` at an existing table.")
    try:
        return _read_table(str(path), table_stamp(path)), ""
    except Exception as exc:  # a damaged or foreign file must not crash the dashboard
        return None, f"The event table `{path}` could not be read: {type(exc).__name__}: {exc}"


@st.cache_data(show_spinner="Reading the documents …")
def _read_documents(folder: str, manifest: str | None, mtime: float):
    from core.extract.ingest import load_folder

    return load_folder(Path(folder), Path(manifest) if manifest else None)


def load_documents():
    """(documents, ingest issues, error message) of the corpus folder (cached per folder version)."""
    folder = corpus_path()
    if not folder.is_dir():
        return [], [], f"No documents folder at `{folder}` (set `RASD_CORPUS`)."
    manifest = manifest_path()
    stamp = max([_mtime(folder), _mtime(manifest)] + [_mtime(p) for p in folder.iterdir()])
    try:
        docs, issues = _read_documents(str(folder), str(manifest) if manifest else None, stamp)
    except Exception as exc:
        return [], [], f"The documents in `{folder}` could not be read: {type(exc).__name__}: {exc}"
    return docs, issues, ""


@st.cache_resource(show_spinner=False, max_entries=64)
def _filtered(path: str, mtime: float, filters: Filters) -> pd.DataFrame:
    if is_store(Path(path)):  # the filters run in DuckDB: only the matching rows come into pandas
        from core.table import corrections, duckquery

        # the view's columns only (the long texts of the rows shown come with with_details); capped, the
        # most recent rows (the sidebar says so)
        rows, _ = duckquery.view_frame(path, filters, store_view_limit())
        # the analyst's corrections apply to the matching rows (a correction that moves an event into the
        # filters' reach shows once its row matches the machine values)
        return corrections.apply(rows, _corrections(path, mtime))
    return filters.apply(_read_table(path, mtime))


def store_view_limit() -> int:
    """Rows of an event store the views hold at most (RASD_VIEW_LIMIT, default 100,000): memory stays bounded."""
    raw = os.environ.get("RASD_VIEW_LIMIT", "")
    return int(raw) if raw.isdigit() and int(raw) > 0 else 100_000


@st.cache_resource(show_spinner=False, max_entries=4)
def _corrections(path: str, mtime: float) -> list:
    """The store's corrections, each pointing at its event's current id (cached per table version)."""
    from core.table import corrections, duckquery

    return duckquery.rekey(path, corrections.load(corrections.corrections_path(Path(path))))


@st.cache_data(show_spinner=False, max_entries=64)
def _count(path: str, mtime: float, filters: Filters) -> int:
    from core.table import duckquery

    return duckquery.count(path, filters)


def with_details(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` (rows of the view) with every column of the table: on an event store the view holds only the
    columns the pages draw and count, and the long texts (evidence, summary, URL…) are read for the rows
    shown here (a page of cards, a details panel, an export). A single-file table's view has them already."""
    path = events_path()
    if not is_store(path):
        return frame
    from core.table import corrections, duckquery

    full = duckquery.details(path, frame.drop(columns=[corrections.REVIEW_COLUMN], errors="ignore"))
    return corrections.apply(full, _corrections(str(path), table_stamp(path)))  # edits again, on every column


@st.cache_resource(show_spinner="Reading the events' texts …", max_entries=4)
def _view_details(path: str, mtime: float, filters: Filters, _frame: pd.DataFrame) -> pd.DataFrame:
    return with_details(_frame)


def view_with_details() -> pd.DataFrame:
    """The whole filtered view with every column (cached per filters): for a page that needs the texts of all
    its rows (Review)."""
    path = events_path()
    return _view_details(str(path), table_stamp(path), st.session_state["filters"], st.session_state["_rasd_view"])


def document_events(table: pd.DataFrame, doc_id: str) -> pd.DataFrame:
    """Every row of one document (the Sources page), also when ``table`` holds only a store's summary columns."""
    path = events_path()
    if is_store(path):
        from core.table import duckquery

        return duckquery.document_rows(path, doc_id)
    return table[table["doc_id"] == doc_id]


@st.cache_data(show_spinner=False)
def governorate_names() -> dict[str, str]:
    """Governorate P-code → "English · Arabic" from the built gazetteer (empty when it is not built)."""
    gaz = REPO / "geodata" / "build" / "gazetteer.parquet"
    if not gaz.exists():
        return {}
    try:
        df = pd.read_parquet(gaz, columns=["kind", "admin1_pcode", "admin1_name_en", "admin1_name_ar"])
    except Exception:
        return {}
    df = df[df["kind"] == "admin1"].drop_duplicates("admin1_pcode")
    return {r.admin1_pcode: f"{r.admin1_name_en} · {r.admin1_name_ar}" for r in df.itertuples()}


# ---- language and styles ------------------------------------------------------------
def lang() -> str:
    return "ar" if st.session_state.get("ui_ar") else "both"


def t(key: str) -> str:
    return i18n.label(key, lang())


def inject_css() -> None:
    st.html(CSS)  # style only: Streamlit puts it in its event container (no Markdown/HTML parsing, no element)


def esc(value: object) -> str:
    """HTML-escaped text (quotes included); None and NaN become ""."""
    if value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NA:
        return ""
    return html.escape(str(value), quote=True)


def md(text: object) -> str:
    """Text from documents, manifests, the URL or an exception, for st.markdown/st.caption/st.error:
    Markdown escaped (no link, image, formula or tag comes alive)."""
    from core.views.highlight import escape_markdown

    return escape_markdown(text)


def arabic(text: str, tag: str = "div") -> str:
    return f'<{tag} class="rasd-ar" dir="rtl" lang="ar">{esc(text)}</{tag}>'


# ---- sidebar filters ↔ widgets ↔ URL --------------------------------------------------------
KEYS = ("f_dates", "f_date_from", "f_date_to", "f_role", "f_sides", "f_actors", "f_types", "f_layers",
        "f_admin1", "f_place", "f_minconf", "f_grouped")


def _present(df: pd.DataFrame, *columns: str) -> set[str]:
    """Distinct non-empty values of ``columns`` (vectorized: the table may hold millions of rows)."""
    out: set[str] = set()
    for col in columns:
        out.update(str(v) for v in df[col].dropna().unique() if str(v))
    return out


def _options(df: pd.DataFrame) -> dict[str, list[str]]:
    actor_order = list(vocab.actors())
    present_actors = _present(df, "actor1", "actor2")
    types, layers = _present(df, "type"), _present(df, "layer")
    return {
        "sides": [s for s in vocab.sides() if s in _present(df, "actor1_side", "actor2_side")],
        "actors": sorted(present_actors, key=lambda a: (actor_order.index(a) if a in actor_order else 99, a)),
        "types": [x for x in vocab.event_types() if x in types],
        "layers": [x for x in ("strike", "ground", "advance", "other") if x in layers],
        "admin1": sorted(_present(df, "admin1_pcode")),
    }


@st.cache_resource(show_spinner=False, max_entries=4)
def _table_facts(path: str, stamp: float, _df: pd.DataFrame) -> tuple[dict[str, list[str]], dict[str, pd.Series]]:
    """The filters' options and their counts over the whole table (cached per table version: computing them
    took ~0.5 s of every rerun at 100,000 events). The table's path and version key the cache; the frame is
    not hashed (Streamlit skips arguments named with a leading underscore)."""
    df = _df
    counts = {
        "actor1_side": df["actor1_side"].value_counts(),
        "any_side": pd.concat([df["actor1_side"], df["actor2_side"][df["actor2_side"] != df["actor1_side"]]]
                              ).value_counts(),
        "actor": pd.concat([df["actor1"], df["actor2"][df["actor2"] != df["actor1"]]]).value_counts(),
        "type": df["type"].value_counts(), "layer": df["layer"].value_counts(),
        "admin1": df["admin1_pcode"].value_counts(),
    }
    return _options(df), counts


def _init_from_url(df: pd.DataFrame, opts: dict[str, list[str]]) -> None:
    """First run of a session: the widgets start from the URL's query string (a shared view)."""
    params = {k: st.query_params.get_all(k) for k in st.query_params.keys()}
    f = Filters.from_query_params(params)
    lo, hi = date_span(df)
    state = st.session_state
    state["f_sides"] = [s for s in f.sides if s in opts["sides"]]
    state["f_actors"] = [a for a in f.actors if a in opts["actors"]]
    state["f_types"] = [x for x in f.types if x in opts["types"]]
    state["f_layers"] = [x for x in f.layers if x in opts["layers"]]
    state["f_admin1"] = [x for x in f.admin1 if x in opts["admin1"]]
    state["f_place"] = f.place
    state["f_minconf"] = float(f.min_confidence)
    state["f_grouped"] = bool(f.grouped_once)
    state["f_role"] = "any" if params.get("side_role") and f.side_role == "any" else DEFAULT_ROLE
    if lo and hi:
        start = min(max(f.date_from or lo, lo), hi)
        end = max(min(f.date_to or hi, hi), start)
        state["f_dates"] = (start, end)
        state["f_date_from"], state["f_date_to"] = start, end


def _clamp_dates(lo: date, hi: date) -> None:
    """Keep the stored dates inside the table's span (the table may have been rebuilt)."""
    state = st.session_state
    start, end = state.get("f_dates", (lo, hi))
    start = min(max(start, lo), hi)
    end = min(max(end, start), hi)
    if (start, end) != state.get("f_dates"):
        state["f_dates"] = (start, end)
    if state.get("f_date_from") != start or state.get("f_date_to") != end:
        state["f_date_from"], state["f_date_to"] = start, end


def _on_slider() -> None:
    state = st.session_state
    state["f_date_from"], state["f_date_to"] = state["f_dates"]


def _on_date_input() -> None:
    state = st.session_state
    start, end = state.get("f_date_from"), state.get("f_date_to")
    if start is None or end is None:
        return
    if start > end:
        start, end = end, start
    state["f_dates"] = (start, end)
    state["f_date_from"], state["f_date_to"] = start, end


def _reset() -> None:
    for key in KEYS:
        st.session_state.pop(key, None)
    st.session_state["_rasd_reset"] = True


def _count_label(name: str, n: int) -> str:
    return f"{name} ({n})"


def sidebar_filters(df: pd.DataFrame) -> Filters:
    """Draw the shared filters in the sidebar and return what they select.

    The widgets live in ``app.py``'s run (before the page), so their state is kept when the
    analyst switches pages; the selection is written to the URL so the view can be shared.
    """
    state = st.session_state
    path = events_path()
    opts, counts = _table_facts(str(path), table_stamp(path), df)
    lo, hi = date_span(df)
    if "_rasd_init" not in state or state.pop("_rasd_reset", False):
        if state.get("_rasd_init"):  # a reset: ignore the URL
            st.query_params.clear()
        _init_from_url(df, opts)
        state["_rasd_init"] = True
    L = lang()
    sb = st.sidebar
    sb.header(t("filters"))

    # dates: a slider and two date inputs kept in step
    if lo and hi and lo < hi:
        _clamp_dates(lo, hi)
        sb.slider(t("dates"), min_value=lo, max_value=hi, key="f_dates", on_change=_on_slider,
                  format="YYYY-MM-DD")
        sb.date_input(t("date_from"), min_value=lo, max_value=hi, key="f_date_from", on_change=_on_date_input,
                      format="YYYY-MM-DD")
        sb.date_input(t("date_to"), min_value=lo, max_value=hi, key="f_date_to", on_change=_on_date_input,
                      format="YYYY-MM-DD")
        start, end = state["f_dates"]
    else:
        start = end = None
        if lo:
            sb.caption(f"{t('dates')}: {lo}")

    # party and actor, with counts
    role = sb.radio(t("party_role"), options=["actor1", "any"], key="f_role", horizontal=True,
                    format_func=lambda r: i18n.label("role_actor1" if r == "actor1" else "role_any", L))
    side_counts = counts["actor1_side" if role == "actor1" else "any_side"]
    sides = sb.multiselect(t("party"), options=opts["sides"], key="f_sides",
                           format_func=lambda s: _count_label(i18n.side_label(s, L), int(side_counts.get(s, 0))))
    actor_counts = counts["actor"]
    actors = sb.multiselect(t("actor"), options=opts["actors"], key="f_actors",
                            format_func=lambda a: _count_label(i18n.actor_label(a, L), int(actor_counts.get(a, 0))))

    # what and where
    type_counts = counts["type"]
    types = sb.multiselect(t("event_type"), options=opts["types"], key="f_types",
                           format_func=lambda x: _count_label(i18n.type_label(x, L), int(type_counts.get(x, 0))))
    layer_counts = counts["layer"]
    layers = sb.multiselect(t("map_layer"), options=opts["layers"], key="f_layers",
                            format_func=lambda x: _count_label(x, int(layer_counts.get(x, 0))))
    gov_names = governorate_names()
    gov_counts = counts["admin1"]
    admin1 = sb.multiselect(t("governorate"), options=opts["admin1"], key="f_admin1",
                            format_func=lambda p: _count_label(gov_names.get(p, p), int(gov_counts.get(p, 0))))
    place = sb.text_input(t("place_search"), key="f_place", placeholder="سراقب / Saraqab / C3916")
    min_conf = sb.slider(t("min_confidence"), min_value=0.0, max_value=1.0, step=0.05, key="f_minconf")
    grouped = sb.toggle(t("grouped_once"), key="f_grouped")
    sb.button(t("reset"), on_click=_reset, key="f_reset")

    filters = Filters(
        date_from=start if start and start != lo else None,
        date_to=end if end and end != hi else None,
        sides=tuple(sides), actors=tuple(actors), types=tuple(types), layers=tuple(layers),
        admin1=tuple(admin1), place=(place or "").strip(), min_confidence=float(min_conf or 0.0),
        grouped_once=bool(grouped), side_role=role or DEFAULT_ROLE,
    )
    _write_url(filters)
    return filters


def url_params(filters: Filters) -> dict[str, str]:
    """The query string of a view; the party role is written only when a party is chosen."""
    params = filters.to_query_params()
    params.pop("side_role", None)
    if filters.sides:
        params["side_role"] = filters.side_role
    return params


PAGE_PARAMS = ("doc",)  # query parameters a page owns (the Sources page's document), kept as they are


def doc_link(doc_id: str, filters: Filters) -> str:
    """Relative link to the Sources page showing ``doc_id``, with the current filters."""
    return "sources?" + urlencode({**url_params(filters), "doc": doc_id})


def _write_url(filters: Filters) -> None:
    wanted = url_params(filters)
    current = {k: st.query_params.get(k) for k in st.query_params.keys()}
    wanted.update({k: current[k] for k in PAGE_PARAMS if k in current})
    if current != wanted:
        st.query_params.from_dict(wanted)


# ---- widget state across a language switch ------------------------------------------------------
# A widget's identity includes its label, so switching the interface language makes new widgets that
# would start empty. The values are remembered at the end of each run and handed back after a switch.
REMEMBERED = KEYS + ("timeline_by", "map_time_mode", "map_day", "src_doc", "src_only_view")


def remember_widgets() -> None:
    """Called by app.py after the page ran."""
    state = st.session_state
    state["_rasd_saved"] = {k: state[k] for k in REMEMBERED if k in state}
    state["_rasd_lang"] = lang()


def _restore_after_language_switch() -> None:
    state = st.session_state
    if state.get("_rasd_lang") not in (None, lang()):
        for key, value in state.get("_rasd_saved", {}).items():
            state[key] = value


# ---- the view every page shows --------------------------------------------------------
IN_APP = "_rasd_in_app"  # set by app.py while it runs a page


def _back_to_app() -> None:
    """A page script started without app.py: Streamlit's old multipage mode picked it from ``pages/``.

    That mode is Streamlit's default while a ``pages/`` folder exists and no script has called
    ``st.navigation`` yet in this process (the first request, or every AppTest run). app.py's
    ``st.navigation`` would switch it off; do the same and rerun, so app.py runs with this page.
    """
    from streamlit.runtime.pages_manager import PagesManager

    PagesManager.uses_pages_directory = False
    st.rerun()



def prepare() -> None:
    """Called by app.py before the page runs: table, filters and filtered frame in session state."""
    state = st.session_state
    _restore_after_language_switch()
    df, error = load_events()
    state["_rasd_error"] = error
    if df is None:
        state["_rasd_table"] = None
        state["_rasd_view"] = None
        state["filters"] = Filters(side_role=DEFAULT_ROLE)
        st.sidebar.warning(error)
        return
    filters = sidebar_filters(df)
    path = events_path()
    state["_rasd_table"] = df
    state["_rasd_view"] = _filtered(str(path), table_stamp(path), filters)
    state["filters"] = filters
    if is_store(path) and len(state["_rasd_view"]) >= store_view_limit():
        n = _count(str(path), _mtime(path), filters)
        if n > len(state["_rasd_view"]):
            st.sidebar.warning(f"{n:,} events match: the views hold the {len(state['_rasd_view']):,} most recent. "
                               "Narrow the dates, party or place to see them all (`python -m core export "
                               "--events STORE` writes every matching event).")


def view() -> tuple[pd.DataFrame, pd.DataFrame, Filters]:
    """(whole table, filtered frame, filters) for a page; stops the page with a message when there is no table."""
    state = st.session_state
    if not state.get(IN_APP):
        _back_to_app()
    if state.get("_rasd_table") is None:
        st.error(md(state.get("_rasd_error") or "No event table."))
        st.stop()
    return state["_rasd_table"], state["_rasd_view"], state["filters"]


def filters_caption(filters: Filters, n: int, total: int) -> None:
    st.caption(md(f"{n:,} of {total:,} events · {filters.describe()}"))


# ---- downloads ---------------------------------------------------------------------------
EXPORT_LABELS = {
    "png": "PNG image of the map (with legend and dates)", "print-png": "PNG print map (high resolution)",
    "svg": "SVG print map", "pdf": "PDF print map", "html": "HTML interactive map (works offline)",
    "csv": "CSV table", "xlsx": "Excel table", "geojson": "GeoJSON points", "acled": "ACLED-style CSV",
}


def export_panel(df: pd.DataFrame, filters: Filters, formats: tuple[str, ...], key: str, title: str = "") -> None:
    """Choose a format, prepare the file (made only on demand: images need a browser), download it."""
    try:
        from core.exports.files import export_bytes
    except ImportError as exc:
        st.caption(md(f"Exports are not available yet ({exc})."))
        return
    state = st.session_state
    c1, c2, c3 = st.columns([2, 1, 2])
    fmt = c1.selectbox(t("downloads"), formats, key=f"{key}_fmt", format_func=lambda f: EXPORT_LABELS.get(f, f))
    signature = (fmt, filters, len(df), tuple(df["event_id"].head(50)), title)
    if c2.button("Prepare", key=f"{key}_prepare", disabled=df.empty):
        try:
            with st.spinner(f"Preparing {fmt} …"):
                state[f"{key}_file"] = (signature, *export_bytes(with_details(df), fmt, filters=filters,
                                                                  title=title))
        except Exception as exc:  # an export failure is shown, the page keeps working
            state.pop(f"{key}_file", None)
            st.error(md(f"The {fmt} export failed: {type(exc).__name__}: {exc}"))
    prepared = state.get(f"{key}_file")
    if prepared and prepared[0] == signature:
        _, content, mime, filename = prepared
        c3.download_button(f"⬇ {filename}", data=content, file_name=filename, mime=mime, key=f"{key}_download")
    else:
        c3.caption("Prepare the file, then download it." if not df.empty else t("no_events"))
