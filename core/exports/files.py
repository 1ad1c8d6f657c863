"""Exports of the (filtered) event table and its map: images, documents and data files.

``export_bytes(df, fmt, filters=...)`` is the one entry point (dashboard download buttons and
``python -m core export`` both call it). Every export applies the filters itself (applying
them twice is harmless) and says on its face what it shows: the caption of map images, an
"about" sheet in XLSX, a ``metadata`` member in GeoJSON, a caption box in HTML, and a file
name that carries the period.

Formats:
    png        map image of the current view (folium map screenshotted in headless Chromium)
    print-png  print map (static cartography, 300 dpi); svg, pdf: the same print map
    html       the interactive map, self-contained and offline
    csv        the table, UTF-8 with BOM (Excel shows Arabic)
    xlsx       the table + an "about" sheet
    geojson    points (region-level events flagged; events without coordinates have null geometry)
    acled      ACLED-style CSV (column names and codes from core/lexicons/acled_columns.yaml)
    control-png, control-svg, control-pdf
               the areas of control as of a day (``as_of``), as a print map (core/exports/control_map.py)
    control-geojson
               the areas, the cells with their evidence and the front line as of that day
"""

from __future__ import annotations

import datetime as dt
import io
import json
import math
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pandas as pd

from core import vocab
from core.exports.credits import BOUNDARY_CREDIT
from core.model import event_columns
from core.table import schema
from core.table.query import Filters, date_span

DEFAULT_EVENTS = Path("data/build/events.parquet")


@dataclass(frozen=True)
class FormatSpec:
    mime: str
    extension: str
    kind: str  # view | print | map | data


FORMATS: dict[str, FormatSpec] = {
    "png": FormatSpec("image/png", "png", "view"),
    "print-png": FormatSpec("image/png", "png", "print"),
    "svg": FormatSpec("image/svg+xml", "svg", "print"),
    "pdf": FormatSpec("application/pdf", "pdf", "print"),
    "html": FormatSpec("text/html", "html", "map"),
    "csv": FormatSpec("text/csv", "csv", "data"),
    "xlsx": FormatSpec("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx", "data"),
    "geojson": FormatSpec("application/geo+json", "geojson", "data"),
    "acled": FormatSpec("text/csv", "csv", "data"),
    # areas of control as of a day (core/control): the whole table's territory reports, whatever the filters
    "control-png": FormatSpec("image/png", "png", "control"),
    "control-svg": FormatSpec("image/svg+xml", "svg", "control"),
    "control-pdf": FormatSpec("application/pdf", "pdf", "control"),
    "control-geojson": FormatSpec("application/geo+json", "geojson", "control"),
}

ESSENTIAL_COLUMNS = ("event_id", "type", "date", "lat", "lon")


class ExportError(ValueError):
    """An export that cannot be made (unknown format, unreadable table, missing component)."""


# ---- what an export says about itself ------------------------------------------------------------
@dataclass(frozen=True)
class Caption:
    """The words every export carries: title, period, filters, counts and sources."""

    title: str
    period: str
    filters: str
    count: int
    mapped: int
    sources: str

    def subtitle(self) -> str:
        shown = f"{self.count} events" if self.count == self.mapped else f"{self.count} events ({self.mapped} mapped)"
        return f"{self.period} · {shown} · filters: {self.filters}"

    def source_line(self) -> str:
        return f"{self.sources} · {BOUNDARY_CREDIT} · made with Rasd"


def make_caption(df: pd.DataFrame, filters: Filters, title: str = "") -> Caption:
    start, end = date_span(df) if not df.empty else (None, None)
    start = filters.date_from or start
    end = filters.date_to or end
    period = f"{start or '…'} – {end or '…'}" if (start or end) else "no dated events"
    outlets = sorted({str(o) for o in df.get("outlet", pd.Series(dtype=str)).dropna() if str(o).strip()})
    if len(outlets) > 4:
        outlets = outlets[:4] + [f"+{len(outlets) - 4} more"]
    sources = "Events: Rasd, coded from news reports" + (f" ({', '.join(outlets)})" if outlets else "")
    mapped = int((df["lat"].notna() & df["lon"].notna()).sum()) if not df.empty else 0
    return Caption(title=title.strip() or "Rasd: events in north-west Syria", period=period,
                   filters=filters.describe(), count=len(df), mapped=mapped, sources=sources)


def export_filename(fmt: str, filters: Filters, df: pd.DataFrame) -> str:
    spec = FORMATS[fmt]
    start, end = date_span(df) if not df.empty else (None, None)
    start, end = filters.date_from or start, filters.date_to or end
    parts = ["rasd", fmt.replace("-", "_")]
    if start or end:
        parts.append(f"{start or 'start'}_{end or 'end'}")
    if not filters.is_empty():
        described = filters.describe()
        # a short, file-system-safe trace of the non-date filters
        slug = re.sub(r"[^A-Za-z0-9]+", "-", described.split("·", 1)[-1] if "·" in described else described)
        slug = slug.strip("-").lower()[:40]
        if slug and not re.fullmatch(r"[0-9-]+", slug):
            parts.append(slug)
    return "_".join(parts) + "." + spec.extension


# ---- the entry point -----------------------------------------------------------------------------
def export_bytes(df: pd.DataFrame, fmt: str, *, filters: Filters | None = None, title: str = "",
                 width: int = 1600, height: int = 1000, dpi: int = 300, weekly: bool = False,
                 as_of: dt.date | None = None, baseline: pd.DataFrame | None = None, baseline_name: str = ""
                 ) -> tuple[bytes, str, str]:
    """The export of ``df`` (after ``filters``) in format ``fmt``: (content, MIME type, file name).

    ``width``/``height`` size the view image (png), ``dpi`` the print map (print-png), ``weekly``
    adds one small panel per week to the print map. The control formats show control as of ``as_of``
    (default: the filters' last day, else the table's) derived from the whole of ``df`` (a party filter
    would hide the other side's advances) and the optional ``baseline``; the filters choose the strikes
    drawn on top and, with ``weekly``, the first week.
    """
    fmt = fmt.lower().strip()
    if fmt not in FORMATS:
        raise ExportError(f"unknown export format {fmt!r}; use one of: {', '.join(FORMATS)}")
    if problem := _size_problem(fmt, width, height, dpi):
        raise ExportError(problem)
    filters = filters or Filters()
    if [c for c in event_columns() if c not in df.columns]:
        if len(df) and (missing := [c for c in ESSENTIAL_COLUMNS if c not in df.columns]):
            raise ExportError(f"not an event table: columns missing: {', '.join(missing)}")
        df = schema.coerce_types(df)  # add the optional columns a view may have dropped
    frame = filters.apply(df) if not df.empty else df
    spec = FORMATS[fmt]
    if spec.kind == "control":
        return _control_export(df, frame, fmt, filters, title=title, dpi=dpi, weekly=weekly, as_of=as_of,
                               baseline=baseline, baseline_name=baseline_name)
    caption = make_caption(frame, filters, title)
    if fmt == "csv":
        content = to_csv(frame)
    elif fmt == "xlsx":
        content = to_xlsx(frame, caption)
    elif fmt == "geojson":
        content = to_geojson(frame, caption)
    elif fmt == "acled":
        content = to_acled_csv(frame)
    elif fmt == "html":
        content = to_html(frame, caption)
    elif spec.kind == "print":
        from core.exports import print_map

        content = print_map.render_print_map(frame, caption, fmt=spec.extension, dpi=dpi, weekly=weekly)
    else:
        from core.exports import view_image

        content = view_image.render_view_png(frame, caption, width=width, height=height)
    return content, spec.mime, export_filename(fmt, filters, frame)


def _control_export(table: pd.DataFrame, frame: pd.DataFrame, fmt: str, filters: Filters, *, title: str, dpi: int,
                    weekly: bool, as_of: dt.date | None, baseline: pd.DataFrame | None, baseline_name: str
                    ) -> tuple[bytes, str, str]:
    from core.exports import control_map

    day = as_of or filters.date_to or (date_span(table)[1] if not table.empty else None)
    if day is None:
        raise ExportError("the control map needs a day: give --as-of YYYY-MM-DD (the table has no dated event)")
    day = pd.Timestamp(day)
    spec = FORMATS[fmt]
    if fmt == "control-geojson":
        content = control_map.control_geojson(table, day, baseline=baseline, baseline_name=baseline_name)
    else:
        dates = pd.to_datetime(frame["date"], errors="coerce") if not frame.empty else pd.Series(dtype="datetime64[ns]")
        strikes = frame[(frame["layer"] == "strike") & dates.between(day - pd.Timedelta(days=6), day)] \
            if not frame.empty else frame
        outlets = sorted({str(o) for o in table.get("outlet", pd.Series(dtype=str)).dropna() if str(o).strip()})
        sources = "Control: Rasd, derived from territory reports" + (f" ({', '.join(outlets[:4])})" if outlets else "")
        content = control_map.render_control_map(table, day, fmt=spec.extension, dpi=dpi, weekly=weekly,
                                                 start=filters.date_from, strikes=strikes, baseline=baseline,
                                                 baseline_name=baseline_name, title=title, sources=sources)
    name = f"rasd_{fmt.replace('-', '_')}_asof_{day:%Y-%m-%d}{'_weekly' if weekly and fmt != 'control-geojson' else ''}"
    return content, spec.mime, f"{name}.{spec.extension}"


MAX_PIXELS = 40_000_000


def _size_problem(fmt: str, width: int, height: int, dpi: int) -> str | None:
    if fmt == "png" and not (width >= 400 and height >= 300 and width * height <= MAX_PIXELS):
        return f"the view image must be between 400 × 300 pixels and {MAX_PIXELS // 1_000_000} megapixels"
    if FORMATS[fmt].kind in ("print", "control") and not 50 <= dpi <= 1200:
        return "the print map's resolution must be between 50 and 1200 dpi"
    return None


# ---- data formats --------------------------------------------------------------------------------
def table_columns(df: pd.DataFrame) -> list[str]:
    return event_columns() + [c for c in df.columns if c not in event_columns()]


def _plain(value):
    """A JSON/XLSX-friendly scalar: dates as ISO strings, NA as None, numpy scalars as Python."""
    if value is None:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat()
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()[:10]
    if hasattr(value, "item"):  # numpy scalar
        return _plain(value.item())
    return value


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise_cell(value):
    """A text cell a spreadsheet would run as a formula (``=``, ``+``, ``-``, ``@``, tab, CR first) gets a
    leading apostrophe, so Excel/LibreOffice show it as text (and a carriage return becomes a line break,
    which the CSV quotes); other values are returned as they are."""
    if isinstance(value, str):
        if value.startswith(FORMULA_STARTS):
            value = "'" + value
        if "\r" in value:  # a bare carriage return would end the row in a spreadsheet: a line break instead
            value = value.replace("\r\n", "\n").replace("\r", "\n")
    return value


def neutralise_frame(df: pd.DataFrame) -> pd.DataFrame:
    """:func:`neutralise_cell` over the text columns of ``df`` (a copy)."""
    out = df.copy()
    for col in out.columns:
        if out[col].dtype == object or pd.api.types.is_string_dtype(out[col]):
            out[col] = out[col].map(neutralise_cell)
    return out


def to_csv(df: pd.DataFrame) -> bytes:
    """The table as CSV, UTF-8 with BOM; dates as YYYY-MM-DD; text cells never a live formula
    (:func:`neutralise_cell`). Reads back with ``core.table.store.read_table``."""
    buf = io.StringIO()
    neutralise_frame(df.reindex(columns=table_columns(df))).to_csv(buf, index=False, date_format="%Y-%m-%d")
    return buf.getvalue().encode("utf-8-sig")


def to_xlsx(df: pd.DataFrame, caption: Caption) -> bytes:
    """The table (sheet "events", header frozen, autofilter) and what it shows (sheet "about").

    Written in openpyxl's streaming mode (large tables stay fast); text is always text, never a
    formula, whatever the news wrote."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("events")
    columns = table_columns(df)
    for i, col in enumerate(columns, start=1):
        wide = col in ("evidence", "summary", "place_ar", "place_en", "url")
        ws.column_dimensions[get_column_letter(i)].width = 40 if wide else max(10, len(col) + 2)
    ws.freeze_panes = "A2"
    if len(df):
        ws.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{len(df) + 1}"
    bold = Font(bold=True)

    def header_cell(value):
        cell = WriteOnlyCell(ws, value=value)
        cell.font = bold
        return cell

    ws.append([header_cell(c) for c in columns])
    date_cols = {i for i, c in enumerate(columns) if c in ("date", "date_start", "date_end", "published")}
    for row in df.reindex(columns=columns).itertuples(index=False):
        out = []
        for col_idx, value in enumerate(row):
            value = _plain(value)
            if isinstance(value, dict | list | tuple):
                value = json.dumps(value, ensure_ascii=False)
            if col_idx in date_cols and value:
                cell = WriteOnlyCell(ws, value=dt.date.fromisoformat(value))
                cell.number_format = "yyyy-mm-dd"
                value = cell
            elif isinstance(value, str) and value.startswith("="):
                cell = WriteOnlyCell(ws, value=value)
                cell.data_type = "s"  # news text is never a formula
                value = cell
            out.append(value)
        ws.append(out)

    about = wb.create_sheet("about")
    about.column_dimensions["A"].width = 18
    about.column_dimensions["B"].width = 90
    for key, value in (("title", caption.title), ("period", caption.period), ("filters", caption.filters),
                       ("events", caption.count), ("with coordinates", caption.mapped),
                       ("sources", caption.sources), ("boundaries", BOUNDARY_CREDIT),
                       ("exported", dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"))):
        about.append([header_cell(key), value])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def is_region_level(row: dict) -> bool:
    return row.get("geo_precision") == 3 or row.get("geo_status") == "region"


def to_geojson(df: pd.DataFrame, caption: Caption) -> bytes:
    """A FeatureCollection with one Point per row ([lon, lat]); rows without coordinates keep a null
    geometry (RFC 7946 allows it) so the file holds every filtered event."""
    features = []
    for record in df.reindex(columns=table_columns(df)).to_dict(orient="records"):
        props = {}
        for key, value in record.items():
            value = _plain(value)
            if isinstance(value, dict | list | tuple):
                value = json.dumps(value, ensure_ascii=False)
            props[key] = value
        props["region_level"] = is_region_level(props)
        lat, lon = props.get("lat"), props.get("lon")
        geometry = ({"type": "Point", "coordinates": [round(float(lon), 6), round(float(lat), 6)]}
                    if lat is not None and lon is not None else None)
        features.append({"type": "Feature", "id": props.get("event_id"), "geometry": geometry, "properties": props})
    collection = {
        "type": "FeatureCollection",
        "name": caption.title,
        "metadata": {"title": caption.title, "period": caption.period, "filters": caption.filters,
                     "count": caption.count, "with_coordinates": caption.mapped, "sources": caption.sources,
                     "boundaries": BOUNDARY_CREDIT,
                     "region_level": "region_level=true: geo_precision 3, coded to a region's centroid"},
        "features": features,
    }
    return json.dumps(collection, ensure_ascii=False, indent=1).encode("utf-8")


# ---- ACLED-style CSV -----------------------------------------------------------------------------
@cache
def acled_mapping() -> dict:
    return vocab.load_yaml("acled_columns.yaml")


@cache
def _admin_names() -> dict[str, dict[str, str]]:
    """P-code → English admin names (admin1/2/3 and the place's own name) from the built gazetteer."""
    from core.paths import BUILD_DIR

    path = Path(BUILD_DIR) / "gazetteer.parquet"
    if not path.exists():
        return {}
    cols = ["place_id", "name_en", "admin1_name_en", "admin2_name_en", "admin3_name_en"]
    gaz = pd.read_parquet(path, columns=cols)
    return {r.place_id: {"name": r.name_en or "", "admin1": r.admin1_name_en or "", "admin2": r.admin2_name_en or "",
                         "admin3": r.admin3_name_en or ""} for r in gaz.itertuples(index=False)}


def _acled_time_precision(row: dict, mapping: dict) -> int:
    precision = row.get("time_precision") or "unknown"
    code = int(mapping["time_precision"].get(precision, 3))
    if precision == "range":
        start, end = row.get("date_start"), row.get("date_end")
        if start and end:
            days = (dt.date.fromisoformat(end) - dt.date.fromisoformat(start)).days
            code = 2 if days <= int(mapping.get("range_week_days", 7)) else 3
        else:
            code = 3
    return code


def acled_rows(df: pd.DataFrame) -> tuple[list[dict], int]:
    """ACLED-style rows of ``df`` and the number of rows left out (types ACLED does not code)."""
    mapping = acled_mapping()
    types = vocab.event_types()
    actors = mapping["actors"]
    country = mapping["country"]
    admin_names = _admin_names()
    stamp = int(dt.datetime.now(dt.UTC).timestamp())
    rows, skipped = [], 0
    for raw in df.reindex(columns=table_columns(df)).to_dict(orient="records"):
        row = {k: _plain(v) for k, v in raw.items()}
        spec = types.get(row["type"], {})
        event_type = spec.get("acled_event_type") or ""
        if not event_type:
            skipped += 1
            continue
        a1, a2 = actors.get(row.get("actor1") or "", {}), actors.get(row.get("actor2") or "", {})
        inter1, inter2 = a1.get("inter"), a2.get("inter")
        sub_event = spec.get("acled_sub_event_type") or ""
        by_inter = mapping.get("sub_event_by_inter", {}).get(row["type"])
        if by_inter:
            sub_event = by_inter.get(inter1, by_inter.get("default", sub_event))
        if inter1 and inter2:
            interaction = int(f"{min(inter1, inter2)}{max(inter1, inter2)}")
        else:
            interaction = int(inter1) * 10 if inter1 else ""
        names = admin_names.get(row.get("pcode") or "", {})
        admin1 = names.get("admin1") or row.get("admin1_name") or ""
        if not admin1 and row.get("admin1_pcode"):
            admin1 = admin_names.get(row["admin1_pcode"], {}).get("name", "")
        in_syria = str(row.get("admin1_pcode") or "").startswith("SY") or bool(row.get("pcode"))
        tags = [f"rasd_event_id={row['event_id']}", f"rasd_type={row['type']}", f"geo_status={row['geo_status']}"]
        if row.get("group_id"):
            tags.append(f"group_id={row['group_id']}")
        if row.get("time_flags"):
            tags.append(f"time_flags={row['time_flags']}")
        notes = " | ".join(x for x in (row.get("summary") or "", row.get("evidence") or "") if x)
        rows.append({
            "event_id_cnty": f"{country['id_prefix'] if in_syria else 'XXX'}-{row['event_id']}",
            "event_date": row.get("date") or "",
            "year": int(row["date"][:4]) if row.get("date") else "",
            "time_precision": _acled_time_precision(row, mapping),
            "disorder_type": mapping["disorder_type"].get(row.get("layer"), ""),
            "event_type": event_type,
            "sub_event_type": sub_event,
            "actor1": a1.get("name", row.get("actor1") or ""),
            "assoc_actor_1": "",
            "inter1": inter1 or "",
            "actor2": a2.get("name", row.get("actor2") or ""),
            "assoc_actor_2": "",
            "inter2": inter2 or "",
            "interaction": interaction,
            "civilian_targeting": ("Civilian targeting"
                                   if row.get("actor2") == mapping.get("civilian_targeting_actor") else ""),
            "iso": country["iso"] if in_syria else "",
            "region": country["region"] if in_syria else "",
            "country": country["name"] if in_syria else "",
            "admin1": admin1,
            "admin2": names.get("admin2") or row.get("admin2_name") or "",
            "admin3": names.get("admin3") or "",
            "location": row.get("place_en") or row.get("place_ar") or "",
            "latitude": row.get("lat") if row.get("lat") is not None else "",
            "longitude": row.get("lon") if row.get("lon") is not None else "",
            "geo_precision": row.get("geo_precision") or "",
            "source": row.get("outlet") or "",
            "source_scale": "",
            "notes": notes,
            "fatalities": int(row.get("fatalities") or 0),
            "tags": "; ".join(tags),
            "timestamp": stamp,
        })
    return rows, skipped


def to_acled_csv(df: pd.DataFrame) -> bytes:
    rows, _ = acled_rows(df)
    frame = neutralise_frame(pd.DataFrame(rows, columns=acled_mapping()["columns"]))
    buf = io.StringIO()
    frame.to_csv(buf, index=False)
    return buf.getvalue().encode("utf-8-sig")


# ---- interactive HTML ------------------------------------------------------------------------------
def to_html(df: pd.DataFrame, caption: Caption) -> bytes:
    """The folium map, with local assets inlined (works offline) and a caption box on its face."""
    import html as html_lib

    try:
        from core.views import assets, event_map
    except ImportError as exc:  # the maps part is missing from this checkout
        raise ExportError(f"the interactive map needs core.views.maps and core.views.assets: {exc}") from exc
    m = event_map.build_map(df, title=caption.title, tiles_online=False)
    page = assets.inline_html(m)
    box = ('<div id="rasd-caption" style="position:fixed;left:8px;bottom:8px;z-index:1000;max-width:60%;'
           'background:rgba(255,255,255,.9);padding:4px 8px;font:12px sans-serif;border-radius:4px">'
           f"<b>{html_lib.escape(caption.title)}</b><br>{html_lib.escape(caption.subtitle())}<br>"
           f"<small>{html_lib.escape(caption.source_line())}</small></div>")
    page = page.replace("</body>", box + "\n</body>", 1) if "</body>" in page else page + box
    if "<title>" not in page and "<head>" in page:
        page = page.replace("<head>", f"<head><title>{html_lib.escape(caption.title)}</title>", 1)
    assets.assert_no_remote_assets(page)
    return page.encode("utf-8")


# ---- command line --------------------------------------------------------------------------------
