# Rasd: `make run` (set up + dashboard on the sample corpus), `make test` (set up + all tests).
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
GEODATA_SOURCE ?= $(abspath ../shared/geodata)
export GEODATA_SOURCE
PORT ?= 8501
CORPUS := data/corpus
MANIFEST := data/manifest.csv
TABLE := data/build/events.parquet
APT_PACKAGES := chromium chromium-driver fonts-noto-core fonts-noto-ui-core fonts-dejavu-core
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: setup system venv assets geodata table run test test-fast test-browser bench bench-scale eval lint clean

setup: system venv assets geodata table

# Debian packages the browser tests and the image exports need (Chromium, Arabic fonts).
system: .setup-system
.setup-system:
	@if ! command -v chromium >/dev/null || ! fc-list 2>/dev/null | grep -qi "Noto Sans Arabic"; then \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $(APT_PACKAGES) >/dev/null; \
	fi
	@touch $@

venv: $(VENV)/.installed
$(VENV)/.installed: requirements.txt requirements-nodeps.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -r requirements.txt
	$(PY) -m pip install -q --no-deps -r requirements-nodeps.txt
	@if $(PY) -m pip list 2>/dev/null | grep -qiE '^(torch|transformers) '; then echo "torch/transformers must not be installed"; exit 1; fi
	touch $@

# Leaflet/folium/streamlit-folium assets copied from installed packages into static/vendor.
assets: venv
	$(PY) -m core assets

geodata: venv geodata/build/gazetteer.parquet

# rebuilt when the project's own place files change (aliases, sites, regions, quarters, user places)
geodata/build/gazetteer.parquet: $(wildcard core/lexicons/places/*) $(wildcard geodata/user_places.csv) | $(VENV)/.installed
	$(PY) -m core geodata build

table: geodata
	@if [ ! -f $(TABLE) ]; then $(PY) -m core extract $(CORPUS) --manifest $(MANIFEST) --out $(TABLE); fi

run: setup
	$(VENV)/bin/streamlit run app.py --server.port $(PORT)

test: setup
	$(PY) -m pytest -q

test-fast: venv geodata
	$(PY) -m pytest -q -m "not browser and not bench"

test-browser: setup
	$(PY) -m pytest -q -m browser

bench: setup
	$(PY) -m pytest -q -m bench -s

# Seeds, devset2 and realdev (dev batches, the held-out batch, without publication dates) side by side.
eval: venv geodata
	$(PY) -m core evaluate --sets

# the scale benchmark at full size (20,000 documents, 1,000,000 events; long): `make bench` runs a CI size
bench-scale: setup
	$(PY) bench/bench_scale.py

lint: venv
	$(VENV)/bin/ruff check .

clean:
	rm -rf geodata/build data/build static/vendor test-artifacts .setup-system
