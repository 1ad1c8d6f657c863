"""Offline map assets: Leaflet, folium's plugins and streamlit-folium's extras, served by the app itself.

folium lists its JavaScript/CSS as CDN URLs (``default_js``/``default_css`` on the Map and on each
plugin class) and streamlit-folium adds d3 links of its own when a branca colormap is on the map.
Offline, the first failed script stops the component and the map collapses to height 0. So:

* ``python -m core assets`` (``make assets``) writes every file those lists name into ``static/vendor/``
  (ignored by git). The contents come from the installed PyPI package ``folium-offline`` (pinned to the
  folium version, see requirements.txt), which embeds folium's assets; nothing is downloaded.
  Stylesheets are cleaned of fonts/images they would fetch from a CDN (they keep their embedded ones).
* :func:`use_local_assets` points folium's asset lists (and streamlit-folium's links) at
  ``/app/static/vendor/...`` (Streamlit's static serving) before any map is built.
* :func:`inline_html` turns a map into one self-contained HTML file (assets inlined) for exports, and
  :func:`assert_no_remote_assets` fails loudly if any ``http(s)://`` asset would still reach the browser.

Set ``RASD_DISABLE_LOCAL_ASSETS=1`` to skip :func:`use_local_assets` (to show that the browser test fails).
"""

from __future__ import annotations

import argparse
import hashlib
import html as html_lib
import importlib
import inspect
import json
import logging
import os
import re
import sys
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

from core.paths import STATIC_DIR

log = logging.getLogger(__name__)


VENDOR_DIR = STATIC_DIR / "vendor"
DEFAULT_BASE_URL = os.environ.get("RASD_ASSET_BASE_URL", "/app/static/vendor")  # e.g. behind a baseUrlPath
MANIFEST_NAME = "manifest.json"
DISABLE_ENV = "RASD_DISABLE_LOCAL_ASSETS"
FOLIUM_VERSION = "0.20.0"  # the asset list below belongs to this folium (folium-offline 0.20.0.x embeds it)

# Modules whose classes carry default_js / default_css lists.
ASSET_MODULES = (
    "folium.folium", "folium.map", "folium.features", "folium.raster_layers", "folium.vector_layers",
    "folium.elements", "folium.plugins", "branca.element", "branca.colormap",
)
# streamlit-folium adds these itself when a branca colormap is on the map (not in any default_js list).
STREAMLIT_FOLIUM_EXTRA_JS = (
    "https://cdnjs.cloudflare.com/ajax/libs/d3/3.5.5/d3.min.js",
    "https://d3js.org/d3.v4.min.js",
)


class RemoteAssetError(RuntimeError):
    """An asset would be fetched from a host other than the app itself."""


class MissingAssetError(RuntimeError):
    """A CDN asset folium needs has no local copy."""


# ---- where the contents come from ------------------------------------------------------------------

@cache
def embedded_sources() -> dict[str, str]:
    """URL → file content, from the installed ``folium-offline`` package (no network)."""
    try:
        from offlinefolium.elements import _res  # a dict CDN-URL → text, embedded by folium-offline
    except ImportError as exc:  # pragma: no cover - requirements.txt pins it
        raise MissingAssetError("folium-offline is not installed: run `make venv`") from exc
    return dict(_res)


def is_remote(url: str) -> bool:
    return bool(re.match(r"^\s*(https?:)?//", url, flags=re.I))


def asset_kind(url: str, default: str = "js") -> str:
    path = urlsplit(url).path.lower()
    if path.endswith(".css"):
        return "css"
    if path.endswith(".js"):
        return "js"
    return default


def vendor_relpath(url: str, kind: str | None = None) -> str:
    """Stable local file name for a CDN URL: ``<host>/<path>`` with safe characters and the right suffix."""
    parts = urlsplit(url if "://" in url else "https:" + url)
    segments = [seg for seg in parts.path.split("/") if seg and seg not in (".", "..")]
    safe = [re.sub(r"[^A-Za-z0-9._-]", "_", seg) for seg in [parts.netloc, *segments]]
    rel = "/".join(safe)
    kind = kind or asset_kind(url)
    if not rel.endswith("." + kind):
        rel += "." + kind
    return rel


def local_url(url: str, base_url: str = DEFAULT_BASE_URL, kind: str | None = None) -> str:
    return base_url.rstrip("/") + "/" + vendor_relpath(url, kind)


# ---- cleaning stylesheets -------------------------------------------------------------------------

_CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]*)\1\s*\)""", re.I)


def _keep_css_url(ref: str) -> bool:
    ref = ref.strip()
    return ref.startswith("data:") or ref.startswith("#") or ref == ""


def sanitize_css(css: str) -> str:
    """Drop ``url(...)`` references a stylesheet would fetch (CDN fonts, missing images); keep ``data:`` ones.

    In a ``src:`` list the entry (with its ``format()``) is removed; a lone reference becomes ``none``.
    """
    entry = re.compile(r"""url\(\s*(['"]?)([^'")]*)\1\s*\)(\s*format\([^)]*\))?""", re.I)
    src_list = re.compile(r"""src\s*:\s*((?:url\([^)]*\)(?:\s*format\([^)]*\))?\s*,?\s*)+)(;?)""", re.I)

    def fix_src(match: re.Match) -> str:
        kept = [m.group(0) for m in entry.finditer(match.group(1)) if _keep_css_url(m.group(2))]
        return "src:" + ",".join(kept) + match.group(2) if kept else ""

    css = src_list.sub(fix_src, css)
    return _CSS_URL.sub(lambda m: m.group(0) if _keep_css_url(m.group(2)) else "none", css)


def prepared_content(url: str, kind: str) -> str:
    content = embedded_sources()[url]
    return sanitize_css(content) if kind == "css" else content


# ---- writing static/vendor --------------------------------------------------------------------------

def _asset_classes():
    seen = set()
    for module_name in ASSET_MODULES:
        module = importlib.import_module(module_name)
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if cls in seen:
                continue
            seen.add(cls)
            if "default_js" in vars(cls) or "default_css" in vars(cls):
                yield cls


def required_assets() -> dict[str, str]:
    """Every CDN URL folium, its plugins, branca and streamlit-folium may reference → "js" | "css"."""
    return dict(_required_assets())


@cache
def _required_assets() -> dict[str, str]:
    wanted: dict[str, str] = {}
    for cls in _asset_classes():
        for attr, kind in (("default_js", "js"), ("default_css", "css")):
            for _, url in _original_links(cls, attr):
                if is_remote(url):
                    wanted[url] = kind
    for url in STREAMLIT_FOLIUM_EXTRA_JS:
        wanted[url] = "js"
    return wanted


def write_assets(vendor_dir: Path = VENDOR_DIR) -> dict:
    """Write every required asset into ``vendor_dir`` with a manifest; raise if one has no local copy."""
    sources = embedded_sources()
    wanted = required_assets()
    missing = sorted(url for url in wanted if url not in sources)
    if missing:
        raise MissingAssetError("no local copy for: " + ", ".join(missing))
    vendor_dir.mkdir(parents=True, exist_ok=True)
    files = {}
    for url, kind in sorted(wanted.items()):
        rel = vendor_relpath(url, kind)
        data = prepared_content(url, kind).encode("utf-8")
        target = vendor_dir / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        if not target.exists() or target.read_bytes() != data:
            tmp = target.with_suffix(target.suffix + ".tmp")
            tmp.write_bytes(data)
            os.replace(tmp, target)
        files[url] = {"path": rel, "kind": kind, "bytes": len(data), "sha1": hashlib.sha1(data).hexdigest()}
    manifest = {"folium": FOLIUM_VERSION, "source": "folium-offline (PyPI)", "files": files}
    (vendor_dir / MANIFEST_NAME).write_text(json.dumps(manifest, indent=1, sort_keys=True), encoding="utf-8")
    return manifest


def read_manifest(vendor_dir: Path = VENDOR_DIR) -> dict | None:
    path = vendor_dir / MANIFEST_NAME
    if not path.exists():
        return None
    return json.loads(path.read_text(encoding="utf-8"))


def ensure_assets(vendor_dir: Path = VENDOR_DIR) -> dict:
    """The manifest of ``vendor_dir``, writing the files first if they are missing or incomplete."""
    manifest = read_manifest(vendor_dir)
    if manifest and all((vendor_dir / f["path"]).exists() for f in manifest["files"].values()) \
            and set(required_assets()) <= set(manifest["files"]):
        return manifest
    log.info("map assets missing in %s: writing them from folium-offline", vendor_dir)
    return write_assets(vendor_dir)


# ---- pointing folium at the local copies ------------------------------------------------------------

_ORIGINALS: dict[tuple[type, str], list[tuple[str, str]]] = {}
_STATE = {"base_url": None}


def _original_links(cls: type, attr: str) -> list[tuple[str, str]]:
    key = (cls, attr)
    if key not in _ORIGINALS:
        _ORIGINALS[key] = list(vars(cls).get(attr, []) or [])
    return _ORIGINALS[key]


def _url_to_local() -> dict[str, str]:
    """Original CDN URL → local URL, for the base URL in force."""
    base = _STATE["base_url"]
    return {} if base is None else _local_urls(base)


@cache
def _local_urls(base: str) -> dict[str, str]:
    return {url: local_url(url, base, kind) for url, kind in _required_assets().items()}


def localize_link(url: str) -> str:
    """The local URL of a CDN asset when local assets are on (the URL itself otherwise)."""
    return _url_to_local().get(url, url)


def local_assets_enabled() -> bool:
    return _STATE["base_url"] is not None


def use_local_assets(base_url: str = DEFAULT_BASE_URL, *, vendor_dir: Path = VENDOR_DIR,
                     strict: bool = True) -> bool:
    """Point folium/plugins/branca/streamlit-folium asset links at ``base_url`` (idempotent).

    Call before building any map. Returns False (and changes nothing) when ``RASD_DISABLE_LOCAL_ASSETS=1``.
    With ``strict``, a CDN link without a local copy raises :class:`MissingAssetError`.
    """
    if os.environ.get(DISABLE_ENV, "").strip() not in ("", "0", "false", "no"):
        log.warning("%s is set: map assets will be loaded from CDNs (the map is blank offline)", DISABLE_ENV)
        return False
    manifest = ensure_assets(vendor_dir)
    _STATE["base_url"] = base_url.rstrip("/")
    for cls in _asset_classes():
        for attr in ("default_js", "default_css"):
            links = []
            for name, url in _original_links(cls, attr):
                if is_remote(url):
                    if url not in manifest["files"]:
                        if strict:
                            raise MissingAssetError(f"{cls.__name__}.{attr}: no local copy of {url}")
                        links.append((name, url))
                        continue
                    url = local_url(url, base_url, manifest["files"][url]["kind"])
                links.append((name, url))
            if attr in vars(cls):
                setattr(cls, attr, links)
    patch_streamlit_folium()
    return True


def localize_element(element) -> None:
    """Map instance-level asset lists (set by some plugins at construction) to local URLs, recursively."""
    if local_assets_enabled():
        _localize(element, _url_to_local())


def _localize(element, mapping: dict[str, str]) -> None:
    for attr in ("default_js", "default_css"):
        if attr in vars(element):
            setattr(element, attr, [(name, mapping.get(url, url)) for name, url in vars(element)[attr]])
    for child in getattr(element, "_children", {}).values():
        _localize(child, mapping)


def patch_streamlit_folium() -> bool:
    """Rewrite the links streamlit-folium passes to its component (it hard-codes d3 for colormaps).

    Only when streamlit_folium is already imported (core/ never imports Streamlit itself): the app
    imports it, then calls :func:`use_local_assets`.
    """
    module = sys.modules.get("streamlit_folium")
    if module is None or getattr(module._component_func, "_rasd_local", False):
        return module is not None
    original = module._component_func

    def component_with_local_links(*args, **kwargs):
        for key in ("css_links", "js_links"):
            links = [localize_link(url) for url in kwargs.get(key) or []]
            remote = [url for url in links if is_remote(url)]
            if remote and local_assets_enabled():
                raise RemoteAssetError(f"streamlit-folium would load remote assets: {remote}")
            kwargs[key] = links
        return original(*args, **kwargs)

    component_with_local_links._rasd_local = True
    component_with_local_links.__wrapped__ = original
    module._component_func = component_with_local_links
    return True


# ---- self-contained HTML and the remote-asset check -------------------------------------------------

_SCRIPT_SRC = re.compile(r"""<script\b[^>]*\bsrc\s*=\s*["']([^"']+)["'][^>]*>\s*</script\s*>""", re.I)
_LINK_CSS = re.compile(r"""<link\b[^>]*\bhref\s*=\s*["']([^"']+)["'][^>]*/?>""", re.I)


def _content_for(url: str) -> tuple[str, str] | None:
    """(kind, content) for a CDN URL or one of our local URLs."""
    wanted = _required_assets()
    if url in wanted:
        return wanted[url], prepared_content(url, wanted[url])
    for original, kind in wanted.items():  # a local URL, under any base
        if url.endswith("/" + vendor_relpath(original, kind)):
            return kind, prepared_content(original, kind)
    return None


def inline_html(m) -> str:
    """A self-contained HTML page of the map: every script and stylesheet inlined, none fetched."""
    page = m.get_root().render()

    def inline_script(match: re.Match) -> str:
        found = _content_for(html_lib.unescape(match.group(1)))
        if found is None:
            return match.group(0)
        return "<script>" + found[1].replace("</script", "<\\/script") + "</script>"

    def inline_css(match: re.Match) -> str:
        if "stylesheet" not in match.group(0).lower():
            return match.group(0)
        found = _content_for(html_lib.unescape(match.group(1)))
        if found is None:
            return match.group(0)
        return "<style>" + found[1].replace("</style", "<\\/style") + "</style>"

    page = _SCRIPT_SRC.sub(inline_script, page)
    page = _LINK_CSS.sub(inline_css, page)
    assert_no_remote_assets(page)
    return page


_REMOTE_ASSET_PATTERNS = (
    re.compile(r"""<(?:script|img|iframe|source|embed|audio|video|track|input)\b[^>]*\bsrc\s*=\s*["']?"""
               r"""((?:https?:)?//[^"'\s>]+)""", re.I),
    re.compile(r"""<link\b[^>]*\bhref\s*=\s*["']?((?:https?:)?//[^"'\s>]+)""", re.I),
    re.compile(r"""<object\b[^>]*\bdata\s*=\s*["']?((?:https?:)?//[^"'\s>]+)""", re.I),
    re.compile(r"""url\(\s*["']?((?:https?:)?//[^"')\s]+)""", re.I),
    re.compile(r"""@import\s+(?:url\()?\s*["']?((?:https?:)?//[^"')\s;]+)""", re.I),
)


def remote_assets(html: str) -> list[str]:
    """Every ``http(s)://`` (or protocol-relative) URL the page would load as a script, style, image or font.

    Hyperlinks (``<a href>``) and online tile layers that are not shown by default are not assets.
    """
    found: list[str] = []
    for pattern in _REMOTE_ASSET_PATTERNS:
        found.extend(pattern.findall(html))
    return list(dict.fromkeys(found))


def assert_no_remote_assets(html: str) -> None:
    remote = remote_assets(html)
    if remote:
        raise RemoteAssetError(f"{len(remote)} remote asset(s) would reach the browser: " + ", ".join(remote[:10]))


# ---- command line -------------------------------------------------------------------------------------

def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--out", default=str(VENDOR_DIR), help="folder to write (default: static/vendor)")
    parser.add_argument("--check", action="store_true", help="only check that the files are in place")


def run(args: argparse.Namespace) -> int:
    out = Path(args.out)
    if args.check:
        manifest = read_manifest(out)
        if not manifest:
            print(f"no map assets in {out}: run `python -m core assets`", file=sys.stderr)
            return 1
        missing = [f["path"] for f in manifest["files"].values() if not (out / f["path"]).exists()]
        if missing:
            print(f"{len(missing)} asset file(s) missing in {out}: {missing[:5]}", file=sys.stderr)
            return 1
        print(f"{len(manifest['files'])} map assets in place in {out}")
        return 0
    try:
        manifest = write_assets(out)
    except MissingAssetError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    total = sum(f["bytes"] for f in manifest["files"].values())
    print(f"wrote {len(manifest['files'])} map assets ({total / 1e6:.1f} MB) to {out} (folium {FOLIUM_VERSION})")
    return 0
