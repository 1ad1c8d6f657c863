/* Rasd event layers: every event of a layer drawn from one compact array into one shared L.canvas
 * renderer (core/views/event_layers.py builds the arrays and the folium elements that call this).
 *
 * - points: the type's shape (SVG path data from map_style.yaml, as Path2D sprites), the side's colour,
 *   filled for exact places, hollow with a dashed outline for "near"; far out (zoom < aggZoom) or when the
 *   server sent per-place totals, one disc per place or grid cell sized by count, coloured by the main side;
 * - region areas (admin unit outline or a circle), shaded in the side colour;
 * - tooltips and popups built on demand with textContent (the data is never parsed as HTML);
 * - a day filter (the day control) applied in the browser, a heat layer built from the same arrays;
 * - layer visibility chosen by the analyst kept across filter changes (which replace the layers).
 *
 * A click reports the event's reference ("rasd:r:<row>", "rasd:a:<layer>:<pcode>", ...) as the tooltip
 * text streamlit-folium returns: the tooltip element's toString gives it, and holds no data text.
 * Drawn counts are kept on the map container (data-rasd-drawn, data-rasd-gen) for tests and benchmarks.
 */
(function () {
  if (window.rasd) { return; }
  var R = window.rasd = {vocab: null, choices: {}, maps: []};
  var DPR = window.devicePixelRatio || 1;

  // The events get their own pane above the overlay pane: Leaflet keeps SVG (the boundaries, whose land
  // is filled) above canvas within one pane.
  R.init = function (map, vocab) {
    R.vocab = vocab; R.sprites = {};
    if (!map.getPane('rasdEvents')) { map.createPane('rasdEvents').style.zIndex = 450; }
  };
  R.canvas = function () {
    return R.renderer || (R.renderer = L.canvas({padding: 0.3, tolerance: 3, pane: 'rasdEvents'}));
  };

  // ---- text (DOM nodes with textContent only) --------------------------------------------------------
  function node(tag, cls, text, dir) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    if (dir) { e.setAttribute('dir', dir); }
    return e;
  }
  function line(parent, label, value, dir) {
    if (value === undefined || value === null || value === '') { return; }
    var p = node('p', null, null, 'auto');
    p.appendChild(node('b', null, label + ': '));
    p.appendChild(node('span', null, value, dir));
    parent.appendChild(p);
  }
  function both(en, ar) { return [en, ar].filter(function (x) { return x; }).join(' · '); }
  function refElement(cls) {  // a DOM node whose string form is only the event reference
    var e = node('div', cls);
    e.rasdRef = 'rasd:none';
    e.toString = function () { return this.rasdRef; };
    return e;
  }

  // ---- the data of one filter state ------------------------------------------------------------------
  function undelta(values) {
    var out = new Float64Array(values.length), acc = 0;
    for (var i = 0; i < values.length; i++) { acc += values[i]; out[i] = acc; }
    return out;
  }
  // Integer arrays come packed as "<kind>:<base64>" (event_layers.pack): little-endian bytes of one kind.
  var KINDS = {u1: Uint8Array, i1: Int8Array, u2: Uint16Array, i2: Int16Array, i4: Int32Array};
  var LITTLE = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
  function unpack(value) {
    if (typeof value !== 'string') { return value; }
    var cut = value.indexOf(':'), T = KINDS[value.slice(0, cut)], bytes;
    if (Uint8Array.fromBase64) { bytes = Uint8Array.fromBase64(value.slice(cut + 1)); } else {
      var bin = atob(value.slice(cut + 1)), n = bin.length;
      bytes = new Uint8Array(n);
      for (var i = 0; i < n; i++) { bytes[i] = bin.charCodeAt(i); }
    }
    if (LITTLE || T.BYTES_PER_ELEMENT === 1) { return new T(bytes.buffer, bytes.byteOffset, bytes.length / T.BYTES_PER_ELEMENT); }
    var view = new DataView(bytes.buffer), out = new T(bytes.length / T.BYTES_PER_ELEMENT), get = 'get' + T.name.replace('Array', '');
    for (var j = 0; j < out.length; j++) { out[j] = view[get](j * T.BYTES_PER_ELEMENT, true); }
    return out;
  }
  R.unpack = unpack;
  R.load = function (group, payload) {
    var data = {raw: payload, day0: payload.day0, layers: {}, heat: null};
    var pl = payload.places;
    data.places = pl;
    Object.keys(payload.layers).forEach(function (key) {
      var e = payload.layers[key];
      ['pl', 'st', 'r', 'd', 'a1', 'a2', 'f', 'cnt'].forEach(function (k) { if (e[k] !== undefined) { e[k] = unpack(e[k]); } });
      var n = e.pl.length, lat = new Float64Array(n), lon = new Float64Array(n);
      for (var i = 0; i < n; i++) { lat[i] = pl.lat[e.pl[i]]; lon[i] = pl.lon[e.pl[i]]; }
      data.layers[key] = {key: key, n: n, lat: lat, lon: lon, pl: e.pl, st: e.st, rows: undelta(e.r),
                          d: e.d || null, cnt: e.cnt || null, a1: e.a1 || null, a2: e.a2 || null,
                          fat: e.f || null, detail: e.x || null, areas: e.areas || [], agg: !!e.cnt};
    });
    R.current = data;
    group.rasdData = data;
    group.on('add', function () { group._map.rasdData = data; R.refreshStats(group._map); });
    if (payload.dayControl && payload.days) { R.dayControl(group, data, payload.days); }
    return data;
  };

  // ---- sprites: one small canvas per (type, side, precision) ------------------------------------------
  function sprite(type, side, precision) {
    var key = type + '|' + side + '|' + precision;
    if (R.sprites[key]) { return R.sprites[key]; }
    var V = R.vocab, size = V.style.size, px = Math.ceil(size * DPR) + 4;
    var c = document.createElement('canvas');
    c.width = c.height = px;
    var ctx = c.getContext('2d');
    var t = V.types[type] || V.types['default'], colour = (V.sides[side] || V.sides.unknown)[2];
    var path = new Path2D(t[2]);
    ctx.translate(2, 2);
    ctx.scale(size * DPR / 24, size * DPR / 24);
    ctx.lineJoin = 'round';
    if (precision === 2) {  // near / axis: hollow, dashed outline in the side colour
      ctx.fillStyle = V.style.hollowFill; ctx.globalAlpha = 0.85; ctx.fill(path); ctx.globalAlpha = 1;
      ctx.setLineDash(V.style.hollowDash); ctx.strokeStyle = colour; ctx.lineWidth = 2.4; ctx.stroke(path);
    } else {
      ctx.shadowColor = 'rgba(0,0,0,.55)'; ctx.shadowBlur = 1.5 * DPR;
      ctx.fillStyle = colour; ctx.fill(path);
      ctx.shadowBlur = 0; ctx.strokeStyle = V.style.strokeFilled; ctx.lineWidth = 1.4; ctx.stroke(path);
    }
    R.sprites[key] = {canvas: c, size: (px / DPR)};
    return R.sprites[key];
  }

  // ---- day filter ------------------------------------------------------------------------------------
  function dayRange(map) { return (map && map.rasdDays) || null; }
  function dayOk(range, d) { return !range || (d >= range[0] && d <= range[1]); }

  // ---- the points of one layer -----------------------------------------------------------------------
  var Points = L.Path.extend({
    options: {interactive: true, bubblingMouseEvents: true},
    initialize: function (entry, data) {
      L.setOptions(this, {renderer: R.canvas()});
      this.entry = entry; this.data = data; this.hit = -1; this.shown = 0; this.cells = null;
      var n = entry.n, mx = new Float64Array(n), my = new Float64Array(n);
      for (var i = 0; i < n; i++) {
        var s = Math.sin(Math.max(-85.05, Math.min(85.05, entry.lat[i])) * Math.PI / 180);
        mx[i] = entry.lon[i] / 360 + 0.5;
        my[i] = 0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI);
      }
      this.mx = mx; this.my = my; this.px = new Float64Array(n); this.py = new Float64Array(n);
      this.tip = refElement('rasd-tip');
      this.bindTooltip(this.tip, {direction: 'top', offset: [0, -R.vocab.style.size / 2], opacity: 0.95});
      this.on('mouseover mousemove', this.onHover, this);
      this.on('click', this.onClick, this);
    },
    _project: function () {
      var map = this._map, scale = map.options.crs.scale(map.getZoom()), o = map.getPixelOrigin();
      var n = this.entry.n, minx = Infinity, miny = Infinity, maxx = -Infinity, maxy = -Infinity;
      for (var i = 0; i < n; i++) {
        var x = this.mx[i] * scale - o.x, y = this.my[i] * scale - o.y;
        this.px[i] = x; this.py[i] = y;
        if (x < minx) { minx = x; } if (x > maxx) { maxx = x; }
        if (y < miny) { miny = y; } if (y > maxy) { maxy = y; }
      }
      var pad = R.vocab.style.size + 40;
      this._pxBounds = n ? L.bounds([minx - pad, miny - pad], [maxx + pad, maxy + pad]) : L.bounds([0, 0], [0, 0]);
      this.cells = null;
    },
    _update: function () { if (this._map) { this._updatePath(); } },
    _updatePath: function () { if (this._renderer._drawing) { this.draw(this._renderer._ctx); } },
    _empty: function () { return !this.entry.n; },
    _clickTolerance: function () { return 0; },
    aggregated: function () { return this.entry.agg || (this._map && this._map.getZoom() < R.vocab.style.aggZoom); },
    draw: function (ctx) {
      var e = this.entry, range = dayRange(this._map), b = this._renderer._bounds, shown = 0, i;
      var minx = b.min.x - 30, miny = b.min.y - 30, maxx = b.max.x + 30, maxy = b.max.y + 30;
      if (this.aggregated()) {
        this.discs = this.aggregate(range);
        for (i = 0; i < this.discs.length; i++) {
          var g = this.discs[i];
          shown += g.n;
          ctx.beginPath(); ctx.arc(g.x, g.y, g.r, 0, 2 * Math.PI);
          ctx.globalAlpha = 0.78; ctx.fillStyle = (R.vocab.sides[g.side] || R.vocab.sides.unknown)[2]; ctx.fill();
          ctx.globalAlpha = 1; ctx.lineWidth = 1.5; ctx.strokeStyle = '#ffffff'; ctx.stroke();
          if (g.r >= 9) {
            ctx.fillStyle = '#ffffff'; ctx.font = '600 11px sans-serif'; ctx.textAlign = 'center';
            ctx.textBaseline = 'middle'; ctx.fillText(g.n > 9999 ? Math.round(g.n / 1000) + 'k' : String(g.n), g.x, g.y);
          }
        }
      } else {
        // Sprites at whole pixels (no resampling). An event whose sprite (same style, same pixel) is drawn
        // again later is covered by that later copy: each (pixel, style) is drawn once, at its last place
        // in the order, so what is on top stays the same (many events share a place).
        this.discs = null;
        var styles = this.data.raw.styles, nst = styles.length, cache = [], seen = new Set(), m = 0;
        var order = this.order || (this.order = new Int32Array(e.n)), width = Math.round(maxx - minx) + 1;
        for (i = e.n - 1; i >= 0; i--) {
          if (e.d && !dayOk(range, e.d[i])) { continue; }
          shown++;
          var x = this.px[i], y = this.py[i];
          if (x < minx || x > maxx || y < miny || y > maxy) { continue; }
          var key = (Math.round(y - miny) * width + Math.round(x - minx)) * nst + e.st[i];
          if (seen.has(key)) { continue; }
          seen.add(key);
          order[m++] = i;
        }
        for (var j = m - 1; j >= 0; j--) {
          i = order[j];
          var k = e.st[i], sp = cache[k];
          if (!sp) { var s = styles[k]; sp = cache[k] = sprite(this.data.raw.types[s[0]], this.data.raw.sides[s[1]], s[2]); }
          ctx.drawImage(sp.canvas, Math.round(this.px[i] - sp.size / 2), Math.round(this.py[i] - sp.size / 2), sp.size, sp.size);
        }
        this.painted = m;
      }
      this.shown = shown;
      R.refreshStats(this._map);
    },
    aggregate: function (range) {  // per place (server totals) or per grid cell far out
      var e = this.entry, cell = this.entry.agg && this._map.getZoom() >= R.vocab.style.aggZoom ? 1 : 44;
      var groups = {}, list = [], styles = this.data.raw.styles, sides = this.data.raw.sides;
      for (var i = 0; i < e.n; i++) {
        if (e.d && !dayOk(range, e.d[i])) { continue; }
        var key = Math.floor(this.px[i] / cell) + ':' + Math.floor(this.py[i] / cell), g = groups[key];
        if (!g) { g = groups[key] = {n: 0, x: 0, y: 0, bySide: {}, first: i, places: {}}; list.push(g); }
        var w = e.cnt ? e.cnt[i] : 1, side = sides[styles[e.st[i]][1]];
        g.n += w; g.x += this.px[i] * w; g.y += this.py[i] * w; g.bySide[side] = (g.bySide[side] || 0) + w;
        g.places[e.pl[i]] = 1;
      }
      list.forEach(function (g) {
        g.x /= g.n; g.y /= g.n; g.r = Math.min(34, 5 + 2.2 * Math.sqrt(g.n));
        g.side = Object.keys(g.bySide).sort(function (a, b) { return g.bySide[b] - g.bySide[a]; })[0];
        g.single = Object.keys(g.places).length === 1;
      });
      return list;
    },
    _containsPoint: function (p) {
      var i, best = -1, bestD = Infinity, dx, dy, d, range = dayRange(this._map);
      if (this.discs) {
        for (i = 0; i < this.discs.length; i++) {
          var g = this.discs[i]; dx = g.x - p.x; dy = g.y - p.y; d = dx * dx + dy * dy;
          if (d <= (g.r + 2) * (g.r + 2) && d < bestD) { best = i; bestD = d; }
        }
        this.hit = best >= 0 ? -2 - best : -1;
        return best >= 0;
      }
      var cs = 32, r = R.vocab.style.size / 2 + 2;
      if (!this.cells) { this.buildCells(cs); }
      var cx = Math.floor(p.x / cs), cy = Math.floor(p.y / cs);
      for (var a = cx - 1; a <= cx + 1; a++) {
        for (var b = cy - 1; b <= cy + 1; b++) {
          var bucket = this.cells[a * 1000003 + b];
          if (!bucket) { continue; }
          for (var j = 0; j < bucket.length; j++) {
            i = bucket[j];
            if (this.entry.d && !dayOk(range, this.entry.d[i])) { continue; }
            dx = this.px[i] - p.x; dy = this.py[i] - p.y; d = dx * dx + dy * dy;
            if (d <= r * r && d <= bestD) { best = i; bestD = d; }  // ties: the one drawn last (on top)
          }
        }
      }
      this.hit = best;
      return best >= 0;
    },
    buildCells: function (cs) {
      var cells = {};
      for (var i = 0; i < this.entry.n; i++) {
        var k = Math.floor(this.px[i] / cs) * 1000003 + Math.floor(this.py[i] / cs);
        (cells[k] || (cells[k] = [])).push(i);
      }
      this.cells = cells;
    },
    getLatLng: function () {  // the clicked point: Leaflet reports it as the event's latlng
      if (this.hit >= 0) { return L.latLng(this.entry.lat[this.hit], this.entry.lon[this.hit]); }
      if (this.hit <= -2 && this.discs) {
        var g = this.discs[-2 - this.hit];
        if (g.single) { return L.latLng(this.entry.lat[g.first], this.entry.lon[g.first]); }
        return this._map.layerPointToLatLng([g.x, g.y]);
      }
      return this._map ? this._map.getCenter() : L.latLng(0, 0);
    },
    reference: function () {
      if (this.hit >= 0) {
        return this.entry.agg ? 'rasd:p:' + this.entry.key + ':' + this.entry.lat[this.hit] + ',' + this.entry.lon[this.hit]
          : 'rasd:r:' + this.entry.rows[this.hit];
      }
      if (this.hit <= -2 && this.discs) {
        var g = this.discs[-2 - this.hit];
        return g.single ? 'rasd:p:' + this.entry.key + ':' + this.entry.lat[g.first] + ',' + this.entry.lon[g.first] : 'rasd:zoom';
      }
      return 'rasd:none';
    },
    onHover: function () {
      if (this.hit === this.lastTip) { return; }
      this.lastTip = this.hit;
      this.fillTip();
      if (this.isTooltipOpen()) { this.openTooltip(this.getLatLng()); }
    },
    fillTip: function () {
      var tip = this.tip;
      while (tip.firstChild) { tip.removeChild(tip.firstChild); }
      tip.rasdRef = this.reference();
      if (this.hit >= 0 && !this.entry.agg) {
        tip.appendChild(node('span', null, R.summary(this.data, this.entry, this.hit), 'auto'));
      } else if (this.hit <= -2) {
        var g = this.discs[-2 - this.hit], n = g.n;
        var place = g.single ? R.placeName(this.data, this.entry.pl[g.first]) : '';
        tip.appendChild(node('span', null, both(n + ' events', n + ' حدث') + (place ? ' · ' + place : ''), 'auto'));
      }
    },
    onClick: function (ev) {
      this.fillTip();
      if (this.hit <= -2 && this.discs && !this.discs[-2 - this.hit].single) {  // a cell far out: zoom in
        this._map.setView(this.getLatLng(), Math.max(this._map.getZoom() + 2, R.vocab.style.aggZoom));
        return;
      }
      var content = this.hit <= -2 ? R.discPopup(this.data, this.entry, this.discs[-2 - this.hit])
        : R.popup(this.data, this.entry, this.hit);
      L.popup({maxWidth: 380}).setLatLng(this.getLatLng()).setContent(content).openOn(this._map);
    }
  });
  R.Points = Points;

  // ---- tooltip and popup text ------------------------------------------------------------------------
  function dayText(data, d) {
    if (d === undefined || d === null || d < 0) { return ''; }
    return new Date((data.day0 + d) * 86400000).toISOString().slice(0, 10);
  }
  R.placeName = function (data, p) {
    if (p === undefined || p === null || p < 0) { return ''; }
    return both(data.places.ar[p], data.places.en[p]);
  };
  R.summary = function (data, entry, i) {
    var s = data.raw.styles[entry.st[i]], t = R.vocab.types[data.raw.types[s[0]]];
    var parts = [t ? t[0] : data.raw.types[s[0]], R.placeName(data, entry.pl[i]), entry.d ? dayText(data, entry.d[i]) : ''];
    return parts.filter(function (x) { return x; }).join(' · ');
  };
  function actorText(data, code) {
    if (!code) { return ''; }
    var key = data.raw.actors[code - 1], a = R.vocab.actors[key];
    return a || key;
  }
  R.discPopup = function (data, entry, g) {
    var V = R.vocab, box = node('div', 'rasd-popup');
    box.appendChild(node('p', 'rasd-title', both(g.n + ' events', g.n + ' حدث')));
    line(box, V.text.place, g.single ? R.placeName(data, entry.pl[g.first]) : '', 'auto');
    Object.keys(g.bySide).sort(function (a, b) { return g.bySide[b] - g.bySide[a]; }).forEach(function (key) {
      var side = V.sides[key];
      line(box, side ? both(side[0], side[1]) : key, g.bySide[key]);
    });
    box.appendChild(node('p', 'rasd-note', V.text.aggregated));
    return box;
  };
  R.popup = function (data, entry, i) {
    var V = R.vocab, box = node('div', 'rasd-popup');
    var s = data.raw.styles[entry.st[i]], type = data.raw.types[s[0]], t = V.types[type];
    var title = node('p', 'rasd-title');
    title.appendChild(node('b', null, t ? t[0] : type));
    if (t && t[1]) { title.appendChild(node('span', null, ' · ')); title.appendChild(node('span', 'ar', t[1], 'rtl')); }
    box.appendChild(title);
    line(box, V.text.date, entry.d ? dayText(data, entry.d[i]) : '');
    var side = V.sides[data.raw.sides[s[1]]];
    var actors = [actorText(data, entry.a1 && entry.a1[i]), actorText(data, entry.a2 && entry.a2[i])].filter(function (x) { return x; });
    line(box, V.text.actors, actors.join(' → '));
    line(box, V.text.side, side ? both(side[0], side[1]) : data.raw.sides[s[1]]);
    line(box, V.text.place, R.placeName(data, entry.pl[i]), 'auto');
    line(box, V.text.precision, V.precision[s[2]] || '');
    if (entry.fat && entry.fat[i] !== null && entry.fat[i] !== undefined && entry.fat[i] >= 0) { line(box, V.text.fatalities, entry.fat[i]); }
    if (entry.detail) {
      var x = entry.detail;
      if (x.ev[i]) { box.appendChild(node('p', 'rasd-evidence ar', '«' + x.ev[i] + '»', 'rtl')); }
      if (x.src[i] || x.url[i]) {
        var p = node('p', null, null, 'auto');
        p.appendChild(node('b', null, V.text.source + ': '));
        if (/^https?:\/\//i.test(x.url[i] || '')) {
          var a = node('a', null, x.src[i] || x.url[i]);
          a.href = x.url[i]; a.target = '_blank'; a.rel = 'noopener noreferrer';
          p.appendChild(a);
        } else { p.appendChild(node('span', null, x.src[i])); }
        box.appendChild(p);
      }
    } else {
      box.appendChild(node('p', 'rasd-note', V.text.details));
    }
    return box;
  };

  // ---- region areas ----------------------------------------------------------------------------------
  function areaStyle(area) {
    var V = R.vocab, colour = (V.sides[area.side] || V.sides.unknown)[2];
    var factor = area.lv === 1 ? 0.35 : (area.lv ? 0.7 : 1);
    return {renderer: R.canvas(), color: colour, weight: 1.5, dashArray: V.style.regionDash, fillColor: colour,
            fillOpacity: V.style.regionOpacity * factor, interactive: true};
  }
  function buildArea(data, key, a) {
    var raw = data.raw, side = raw.sides[a.c], layer;
    var area = {key: key, side: side, lv: a.lv, rows: undelta(a.r), d: a.d || null, st: a.st, pl: a.pl, data: data};
    if (a.g && raw.geo[a.g]) {
      layer = L.GeoJSON.geometryToLayer({type: 'Feature', properties: {}, geometry: raw.geo[a.g]}, {});
      layer.setStyle(areaStyle(area));
      area.ref = 'rasd:a:' + key + ':' + a.g;
    } else {
      layer = L.circle([a.lat, a.lon], L.extend({radius: R.vocab.style.radiusM}, areaStyle(area)));
      area.ref = 'rasd:c:' + key + ':' + a.lat + ',' + a.lon;
    }
    area.name = a.name;
    var tip = refElement('rasd-tip');
    tip.rasdRef = area.ref;
    layer.bindTooltip(tip, {sticky: true, opacity: 0.95});
    layer.on('mouseover', function () { fillAreaTip(area, tip); });
    layer.on('click', function (ev) {
      fillAreaTip(area, tip);
      L.popup({maxWidth: 380}).setLatLng(ev.latlng).setContent(areaPopup(area)).openOn(ev.target._map);
    });
    area.layer = layer;
    return area;
  }
  function areaRows(area, range) {
    var out = [];
    for (var i = 0; i < area.rows.length; i++) { if (!area.d || dayOk(range, area.d[i])) { out.push(i); } }
    return out;
  }
  function fillAreaTip(area, tip) {
    while (tip.firstChild) { tip.removeChild(tip.firstChild); }
    var n = area.shown;
    tip.appendChild(node('span', null, both('Region', 'منطقة') + ' · ' + both(area.name[0], area.name[1]) + ' · ' + n + ' ' + both('events', 'أحداث'), 'auto'));
  }
  function areaPopup(area) {
    var box = node('div', 'rasd-popup rasd-area-list'), data = area.data, rows = areaRows(area, dayRange(area.layer._map));
    box.appendChild(node('p', 'rasd-title', both(area.name[0], area.name[1]) + ' — ' + rows.length + ' ' + both('events', 'أحداث'), 'auto'));
    box.appendChild(node('p', 'rasd-note', R.vocab.precision[3]));
    rows.slice(0, 8).forEach(function (i) {
      box.appendChild(node('p', null, R.summary(data, {st: area.st, pl: area.pl, d: area.d}, i), 'auto'));
    });
    if (rows.length > 8) { box.appendChild(node('p', 'rasd-note', '+ ' + (rows.length - 8) + ' · ' + R.vocab.text.details)); }
    return box;
  }
  function updateAreas(group, map) {
    var range = dayRange(map);
    (group.rasdAreas || []).forEach(function (area) {
      area.shown = areaRows(area, range).length;
      var want = area.shown > 0;
      if (want && !group.hasLayer(area.layer)) { group.addLayer(area.layer); }
      if (!want && group.hasLayer(area.layer)) { group.removeLayer(area.layer); }
    });
  }

  // ---- one event layer (a folium FeatureGroup) -------------------------------------------------------
  // A layer the analyst hid (or hidden by default) is built only once shown: streamlit-folium puts every
  // group on the map, and R.applyChoices takes the hidden ones off a moment later (drawing them in between
  // would cost a full draw of the canvas, twice).
  function wanted(name, show) {
    return Object.prototype.hasOwnProperty.call(R.choices, name) ? R.choices[name] : show;
  }
  R.layer = function (group, key, name, show) {
    var data = R.current, entry = data && data.layers[key];
    if (!entry) { return; }
    function fill() {
      if (group.rasdFilled) { return; }
      group.rasdFilled = true;
      group.rasdAreas = entry.areas.map(function (a) { return buildArea(data, key, a); });
      group.rasdAreas.forEach(function (area) { area.shown = area.rows.length; group.addLayer(area.layer); });
      if (entry.n) { group.rasdPoints = new Points(entry, data); group.addLayer(group.rasdPoints); }
    }
    group.rasdKey = key;
    group.rasdHold = !wanted(name, show);
    if (!group.rasdHold) { fill(); }
    group.on('add', function () {
      var map = group._map;
      if (!group.rasdHold) { fill(); }
      if (R.maps.indexOf(map) < 0) { R.maps.push(map); map.on('layeradd layerremove', function () { R.refreshStats(map); }); }
      updateAreas(group, map);
      R.refreshStats(map);
    });
  };

  // ---- drawn counts (for tests and benchmarks) ---------------------------------------------------------
  // Counted once the current task is done (after the canvas has drawn every layer of this frame), not a frame
  // later: the page's own rendering can hold the next frame back.
  R.refreshStats = function (map) {
    if (!map || map.rasdStatsPending) { return; }
    map.rasdStatsPending = true;
    Promise.resolve().then(function () {
      map.rasdStatsPending = false;
      var drawn = 0, points = 0, areas = 0, aggregated = false;
      map.eachLayer(function (layer) {
        if (layer instanceof Points) {
          points += layer.shown; aggregated = aggregated || !!layer.discs;
        } else if (layer.rasdAreas && map.hasLayer(layer)) {
          layer.rasdAreas.forEach(function (a) { if (layer.hasLayer(a.layer)) { areas += a.shown; } });
        }
      });
      drawn = points + areas;
      var box = map.getContainer();
      box.dataset.rasdDrawn = drawn; box.dataset.rasdPoints = points; box.dataset.rasdAreas = areas;
      box.dataset.rasdAggregated = aggregated ? '1' : '0';
      box.dataset.rasdGen = (parseInt(box.dataset.rasdGen || '0', 10) + 1);
    });
  };

  // ---- day filter and its control --------------------------------------------------------------------
  R.setDays = function (map, range) {
    map.rasdDays = range;
    map.eachLayer(function (layer) {
      if (layer instanceof Points) { layer.cells = null; layer.redraw(); }
      if (layer.rasdAreas) { updateAreas(layer, map); }
      if (layer.rasdHeat && map.hasLayer(layer)) { layer.rasdHeat(); }
    });
    R.refreshStats(map);
  };
  R.dayControl = function (group, data, days) {
    var V = R.vocab, control = L.control({position: 'bottomleft'}), timer = null;
    control.onAdd = function (map) {
      var box = node('div', 'rasd-days leaflet-bar');
      var mode = node('select', 'rasd-days-mode');
      [['all', V.text.allDays], ['until', V.text.untilDay], ['day', V.text.oneDay], ['week', V.text.week]].forEach(function (m) {
        var o = node('option', null, m[1]); o.value = m[0]; mode.appendChild(o);
      });
      var slider = node('input', 'rasd-days-slider');
      slider.type = 'range'; slider.min = days[0]; slider.max = days[1]; slider.step = 1; slider.value = days[1];
      var play = node('button', 'rasd-days-play', '▶');
      play.type = 'button';
      var label = node('span', 'rasd-days-label', V.text.allDays);
      function apply() {
        var d = parseInt(slider.value, 10), m = mode.value;
        label.textContent = m === 'all' ? V.text.allDays : dayText(data, d);
        var range = m === 'all' ? null : m === 'until' ? [-1e9, d] : m === 'day' ? [d, d] : [d - 6, d];
        R.setDays(map, range);
      }
      mode.addEventListener('change', apply);
      slider.addEventListener('input', function () { if (mode.value === 'all') { mode.value = 'until'; } apply(); });
      play.addEventListener('click', function () {
        if (timer) { clearInterval(timer); timer = null; play.textContent = '▶'; return; }
        if (mode.value === 'all') { mode.value = 'until'; slider.value = days[0]; }
        play.textContent = '❚❚';
        timer = setInterval(function () {
          var d = parseInt(slider.value, 10) + 1;
          if (d > days[1]) { clearInterval(timer); timer = null; play.textContent = '▶'; return; }
          slider.value = d; apply();
        }, 600);
      });
      [mode, play, slider, label].forEach(function (e) { box.appendChild(e); });
      L.DomEvent.disableClickPropagation(box);
      L.DomEvent.disableScrollPropagation(box);
      control.rasdApply = apply;
      return box;
    };
    control.onRemove = function (map) { if (timer) { clearInterval(timer); } map.rasdDays = null; };
    group.on('add', function () { control.addTo(group._map); });
    group.on('remove', function (ev) { var map = ev.target._map || control._map; control.remove(); if (map) { R.setDays(map, null); } });
  };

  // ---- heat layer from the same arrays ---------------------------------------------------------------
  R.heat = function (group, name, show) {
    group.rasdHold = !wanted(name, show);
    function build() {
      var map = group._map;
      if (!map || !L.heatLayer) { return; }
      var data = map.rasdData || R.current, range = dayRange(map), pts = [];
      if (!data) { return; }
      Object.keys(data.layers).forEach(function (key) {
        var e = data.layers[key];
        for (var i = 0; i < e.n; i++) {
          if (e.d && !dayOk(range, e.d[i])) { continue; }
          pts.push([e.lat[i], e.lon[i], e.cnt ? e.cnt[i] : 1]);
        }
      });
      group.clearLayers();
      group.addLayer(L.heatLayer(pts, {radius: 18, blur: 14, minOpacity: 0.3}));
    }
    group.rasdHeat = build;
    group.on('add', function () {
      L.Util.requestAnimFrame(function () { if (group._map && !group.rasdHold) { build(); } });
    });
  };

  // ---- layer visibility chosen by the analyst --------------------------------------------------------
  var onInputClick = L.Control.Layers.prototype._onInputClick;
  L.Control.Layers.include({
    _onInputClick: function () {
      onInputClick.apply(this, arguments);
      var map = this._map;
      this._layers.forEach(function (obj) { if (obj.overlay) { R.choices[obj.name] = map.hasLayer(obj.layer); } });
    }
  });
  // Applied after the current script: streamlit-folium binds its click handler to the layers on the map
  // right after adding new layers, so a layer hidden now would never report its clicks once shown again.
  R.applyChoices = function (control, defaults) {
    setTimeout(function () {
      var map = control._map;
      if (!map) { return; }
      control._layers.forEach(function (obj) {
        if (!obj.overlay) { return; }
        var want = wanted(obj.name, defaults[obj.name]);
        if (want === false && map.hasLayer(obj.layer)) { map.removeLayer(obj.layer); }
        obj.layer.rasdHold = false;  // from now on, showing the layer builds it
        if (want === true && !map.hasLayer(obj.layer)) { map.addLayer(obj.layer); }
      });
    }, 0);
  };
})();
