/* argmap's interactive page: pan and zoom, the panel, perspectives, labels, search and the
 * URL fragment, over the SVG that Graphviz drew. It reads its data from #argmap-data and writes
 * map text into the page with textContent only (never as markup). No network, no storage. */
(function () {
  "use strict";
  // Should anything below fail, the reader is told so, not left with a silent page.
  window.addEventListener("error", function (e) {
    var pane = document.getElementById("pane-details");
    if (pane && document.documentElement.getAttribute("data-ready") !== "true") {
      pane.textContent = "This page could not start: " + (e.message || "an error") + ". The drawing is still there.";
    }
  });

  var SVGNS = "http://www.w3.org/2000/svg";
  var KIND_WORD = {
    fact: "FACT", interpretation: "INTERPRETATION", prediction: "PREDICTION",
    value: "VALUE", policy: "POLICY"
  };
  var REL_WORD = { support: "supports", rebuttal: "rebuts", undercut: "undercuts", contradiction: "contradicts" };
  var STATUS = {
    i: { key: "in", word: "IN", meaning: "accepted" },
    o: { key: "out", word: "OUT", meaning: "defeated" },
    u: { key: "undec", word: "UNDEC", meaning: "undecided" }
  };
  var reducedMotion = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;

  // ---- small helpers ---------------------------------------------------------------------------
  function $(id) { return document.getElementById(id); }

  /** An HTML element; children are nodes or strings (strings become text nodes). */
  function h(tag, attrs) {
    var e = document.createElement(tag);
    if (attrs) {
      for (var k in attrs) {
        if (!Object.prototype.hasOwnProperty.call(attrs, k) || attrs[k] == null || attrs[k] === false) continue;
        if (k === "class") e.className = attrs[k];
        else if (k === "text") e.textContent = attrs[k];
        else if (k === "onclick") e.addEventListener("click", attrs[k]);
        else e.setAttribute(k, attrs[k] === true ? "" : String(attrs[k]));
      }
    }
    for (var i = 2; i < arguments.length; i++) append(e, arguments[i]);
    return e;
  }
  function append(parent, child) {
    if (child == null || child === false) return;
    if (Array.isArray(child)) { child.forEach(function (c) { append(parent, c); }); return; }
    parent.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
  }
  function s(tag, attrs) {
    var e = document.createElementNS(SVGNS, tag);
    for (var k in attrs) if (Object.prototype.hasOwnProperty.call(attrs, k)) e.setAttribute(k, String(attrs[k]));
    return e;
  }
  function push(map, key, value) {
    var list = map.get(key);
    if (list) list.push(value); else map.set(key, [value]);
  }
  function shorten(text, n) {
    text = String(text).replace(/\s+/g, " ").trim();
    return text.length <= n ? text : text.slice(0, n - 1).trimEnd() + "\u2026";
  }
  function clamp(v, lo, hi) { return Math.max(lo, Math.min(hi, v)); }
  var announcer = null;
  function announce(text) {
    if (!announcer) return;
    announcer.textContent = "";
    window.setTimeout(function () { announcer.textContent = text; }, 30);
  }

  // ---- the data --------------------------------------------------------------------------------
  var D = JSON.parse($("argmap-data").textContent);
  var claimById = new Map();
  D.claims.forEach(function (c, i) { c.i = i; claimById.set(c.id, c); });
  var questionById = new Map(D.questions.map(function (q) { return [q.id, q]; }));
  var perspById = new Map(D.perspectives.map(function (p, i) { p.i = i; return [p.id, p]; }));
  var sourceById = new Map(D.sources.map(function (x) { return [x.id, x]; }));
  var semByKey = new Map(D.semantics.map(function (x) { return [x.key, x]; }));
  var relIn = new Map();      // claim id -> supports and rebuttals that end on it
  var relOut = new Map();     // claim id -> supports, rebuttals and undercuts it starts
  var contra = new Map();     // claim id -> contradictions it is part of
  var undercutIn = new Map(); // relation index -> undercuts of it
  var namedSupport = new Map();
  var namedRelation = new Map(); // any named relation: undercuts land on them
  var answersOf = new Map();  // question id -> claims answering it
  D.relations.forEach(function (r, i) {
    r.i = i;
    if (r.type === "support" && r.name != null && !namedSupport.has(r.name)) namedSupport.set(r.name, r);
    if (r.name != null && !namedRelation.has(r.name)) namedRelation.set(r.name, r);
  });
  D.relations.forEach(function (r) {
    if (r.type === "contradiction") {
      push(contra, r.from[0], r);
      if (r.to !== r.from[0]) push(contra, r.to, r);
      return;
    }
    r.from.forEach(function (a) { push(relOut, a, r); });
    if (r.type === "undercut") {
      var target = namedRelation.get(r.to);
      if (target) push(undercutIn, target.i, r);
    } else push(relIn, r.to, r);
  });
  D.claims.forEach(function (c) { c.answers.forEach(function (q) { push(answersOf, q, c); }); });

  function personName(pid) { var p = perspById.get(pid); return p ? p.name : pid; }
  function kindWord(c) { return c.kind ? KIND_WORD[c.kind] || c.kind.toUpperCase() : "CLAIM"; }
  /** The claims a relation connects (an undercut brings the support it attacks along). */
  function relationClaims(r, depth) {
    var out = r.from.slice();
    if (r.type === "undercut") {
      var t = namedRelation.get(r.to);
      if (t && (depth || 0) < 50) out = out.concat(relationClaims(t, (depth || 0) + 1));
    } else out.push(r.to);
    return out;
  }

  // ---- the drawing ------------------------------------------------------------------------------
  var viewport = $("viewport");
  var canvas = $("canvas");
  var svg = canvas.querySelector("svg");
  var graph = svg.querySelector("g.graph") || svg;
  var nodeOfClaim = new Map();
  var nodeOfQuestion = new Map();
  var nodeOfSupport = new Map();   // inference node title -> g
  var edgesOfRel = new Map();      // relation index -> [g]
  var info = new WeakMap();        // g -> {type, id | rels | question}
  var claimOrder = [];             // claim nodes in map order

  svg.removeAttribute("width");
  svg.removeAttribute("height");
  svg.setAttribute("role", "group");
  svg.setAttribute("aria-label", "Drawing of the map: " + (D.title || "argument map"));
  var vb = svg.viewBox.baseVal;
  // Graphviz sizes the picture in points (4/3 of a CSS pixel): that is the page's 100%.
  var natural = { w: vb.width * 4 / 3, h: vb.height * 4 / 3 };
  svg.setAttribute("width", natural.w.toFixed(2));
  svg.setAttribute("height", natural.h.toFixed(2));

  var relByEdge = new Map();
  D.relations.forEach(function (r) { r.edges.forEach(function (k) { push(relByEdge, k, r); }); });
  var relByNode = new Map();
  D.relations.forEach(function (r) { if (r.node != null && !relByNode.has(r.node)) relByNode.set(r.node, r); });

  Array.prototype.forEach.call(svg.querySelectorAll("g.node"), function (g) {
    var title = g.querySelector("title");
    var name = title ? title.textContent : "";
    if (g.id.indexOf("claim-") === 0 && claimById.has(g.id.slice(6))) {
      var c = claimById.get(g.id.slice(6));
      if (nodeOfClaim.has(c.id)) return;
      nodeOfClaim.set(c.id, g);
      info.set(g, { type: "claim", id: c.id });
      g.classList.add("claim");
      var bg = g.querySelector("a > polygon, a > path");
      if (bg) bg.classList.add("bg");
      g.setAttribute("tabindex", "-1");
      g.setAttribute("role", "button");
      g.setAttribute("aria-label", claimLabel(c, null));
      claimOrder.push(g);
    } else if (g.id.indexOf("question-") === 0 && questionById.has(g.id.slice(9))) {
      var q = questionById.get(g.id.slice(9));
      nodeOfQuestion.set(q.id, g);
      info.set(g, { type: "question", id: q.id });
      g.classList.add("question");
    } else if (relByNode.has(name)) {
      nodeOfSupport.set(name, g);
      info.set(g, { type: "relation", rel: relByNode.get(name) });
      g.classList.add("inference");
    } else if (name === "legend" || name.indexOf("legend:") === 0) {
      g.classList.add("legend");
    }
  });
  claimOrder.sort(function (a, b) { return claimById.get(info.get(a).id).i - claimById.get(info.get(b).id).i; });
  Array.prototype.forEach.call(svg.querySelectorAll("g.edge"), function (g) {
    var title = g.querySelector("title");
    var key = title ? title.textContent : "";
    var rels = relByEdge.get(key);
    if (rels) {
      info.set(g, { type: "relation", rel: rels[0], rels: rels });
      rels.forEach(function (r) { push(edgesOfRel, r.i, g); });
      g.classList.add("rel");
      var path = g.querySelector("path");
      if (path) {
        // A wide invisible copy of the line, so that a thin arrow is easy to click.
        var hit = s("path", { d: path.getAttribute("d"), class: "hitline" });
        g.appendChild(hit);
      }
    } else if (key.indexOf("legend:") === 0) {
      g.classList.add("legend");
    } else {
      var m = /^(.*)->question:(.*)$/.exec(key);
      if (m && questionById.has(m[2])) info.set(g, { type: "answer", claim: m[1], question: m[2] });
    }
  });
  Array.prototype.forEach.call(svg.querySelectorAll("g.cluster"), function (g) {
    var title = g.querySelector("title");
    if (title && title.textContent === "cluster_legend") g.classList.add("legend");
  });

  function claimLabel(c, status) {
    var text = kindWord(c) + " " + c.id + ": " + c.text;
    if (c.holders.length) text += ". Held by " + c.holders.map(personName).join(", ");
    if (c.rejecters.length) text += ". Rejected by " + c.rejecters.map(personName).join(", ");
    if (status) text += ". " + status;
    return text;
  }

  // Geometry: a node's box in the graph's coordinates, and in the canvas's pixels. Read from
  // the shapes' own coordinates (Graphviz writes them absolute), not from the layout: it is
  // faster, and a page in a frame the browser has not drawn yet has no layout to ask.
  var boxes = new WeakMap();
  function shapeBox(shape) {
    var nums = null;
    if (shape.tagName === "polygon" || shape.tagName === "polyline") nums = shape.getAttribute("points");
    else if (shape.tagName === "path") nums = shape.getAttribute("d");
    else if (shape.tagName === "ellipse") {
      var cx = +shape.getAttribute("cx"), cy = +shape.getAttribute("cy"), rx = +shape.getAttribute("rx"), ry = +shape.getAttribute("ry");
      return { x: cx - rx, y: cy - ry, w: 2 * rx, h: 2 * ry };
    }
    var v = nums ? nums.match(/-?\d*\.?\d+(?:e[-+]?\d+)?/gi) : null;
    if (!v || v.length < 4) return null;
    var x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
    for (var i = 0; i + 1 < v.length; i += 2) {
      var x = +v[i], y = +v[i + 1];
      if (x < x0) x0 = x; if (x > x1) x1 = x; if (y < y0) y0 = y; if (y > y1) y1 = y;
    }
    return { x: x0, y: y0, w: x1 - x0, h: y1 - y0 };
  }
  function box(g) {
    var b = boxes.get(g);
    if (b) return b;
    var shape = g.querySelector("a > polygon, a > path, a > ellipse") || g.querySelector("polygon, path, ellipse");
    b = shape ? shapeBox(shape) : null;
    if (!b) { var r = (shape || g).getBBox(); b = { x: r.x, y: r.y, w: r.width, h: r.height }; }
    boxes.set(g, b);
    return b;
  }
  /** Measure every node at once before a batch of changes: reading a box after a change
   * makes the browser lay out the whole drawing again, once per node. */
  function measureAll() {
    if (measureAll.done) return;
    measureAll.done = true;
    claimOrder.forEach(box);
    nodeOfQuestion.forEach(box);
    nodeOfSupport.forEach(box);
    var words = ["IN", "OUT", "UNDEC", "AGREE", "DISAGREE"];
    var texts = words.map(function (w) { var t = s("text", { class: "ov-measure" }); t.textContent = w; graph.appendChild(t); return t; });
    texts.forEach(function (t, i) { var w = t.getComputedTextLength(); if (w > 0) textWidths.set(words[i], w); });
    texts.forEach(function (t) { graph.removeChild(t); });
  }
  /** From the graph's coordinates to the canvas's pixels: the graph's own transform, then
   * the viewBox at the page's 100 %. */
  var ctm = null;
  function graphMatrix() {
    var k = natural.w / vb.width, m = { a: 1, d: 1, e: 0, f: 0 };
    var list = graph.transform && graph.transform.baseVal;
    if (list && list.numberOfItems) m = list.consolidate().matrix;
    return { a: k * m.a, d: k * m.d, e: k * (m.e - vb.x), f: k * (m.f - vb.y) };
  }
  function canvasBox(g) {
    if (!ctm) ctm = graphMatrix();
    var b = box(g);
    return { x: ctm.a * b.x + ctm.e, y: ctm.d * b.y + ctm.f, w: ctm.a * b.w, h: ctm.d * b.h };
  }

  // Overlays drawn on the nodes: label and comparison badges, rings, search hits.
  var overlays = new WeakMap();
  function overlay(g) {
    var o = overlays.get(g);
    if (o) return o;
    var b = box(g);
    var layer = s("g", { class: "ov", "aria-hidden": "true" });
    var ring = s("rect", { class: "ov-ring", x: b.x - 2.5, y: b.y - 2.5, width: b.w + 5, height: b.h + 5, rx: 3 });
    var hit = s("rect", { class: "ov-hit", x: b.x - 6, y: b.y - 6, width: b.w + 12, height: b.h + 12, rx: 6 });
    layer.appendChild(hit);
    layer.appendChild(ring);
    g.appendChild(layer);
    o = { layer: layer, b: b, sem: null, cmp: null };
    overlays.set(g, o);
    return o;
  }
  var textWidths = new Map();
  function textWidth(text) {
    var w = textWidths.get(text);
    if (w == null) {
      var t = s("text", { class: "ov-measure" });
      t.textContent = text;
      graph.appendChild(t);
      w = t.getComputedTextLength();
      graph.removeChild(t);
      if (w > 0) textWidths.set(text, w);
      else w = 5.6 * text.length;  // not drawn yet: about the width of bold 8.5-point capitals
    }
    return w;
  }
  /** A badge (a box with a word in it) above a node's corner: "left" or "right". */
  function badge(o, slot, cls, text, fill, ink) {
    var old = o[slot];
    if (old) { o.layer.removeChild(old); o[slot] = null; }
    if (text == null) return;
    var w = textWidth(text) + 8, hgt = 12;
    var x = slot === "sem" ? o.b.x + o.b.w - w + 2 : o.b.x - 2;
    var y = o.b.y - hgt + 1;
    var group = s("g", { class: "ov-badge " + cls });
    var rect = s("rect", { x: x, y: y, width: w, height: hgt, rx: 2 });
    var label = s("text", { x: x + 4, y: y + 9 });
    if (fill) rect.style.fill = fill;
    if (ink) label.style.fill = ink;
    label.textContent = text;
    group.appendChild(rect);
    group.appendChild(label);
    o.layer.appendChild(group);
    o[slot] = group;
  }
  // One ring for the selection and one for keyboard focus, above everything.
  var topLayer = s("g", { class: "ov-top", "aria-hidden": "true" });
  var selRing = s("rect", { class: "ov-sel", visibility: "hidden" });
  var focusRingOuter = s("rect", { class: "ov-focus-outer", visibility: "hidden" });
  var focusRing = s("rect", { class: "ov-focus", visibility: "hidden" });
  topLayer.appendChild(selRing);
  topLayer.appendChild(focusRingOuter);
  topLayer.appendChild(focusRing);
  graph.appendChild(topLayer);
  /** Put a ring around a node, clear of the badges above its corners. */
  function placeRing(ring, g, pad) {
    if (!g) { ring.setAttribute("visibility", "hidden"); return; }
    var o = overlays.get(g), top = o && (o.sem || o.cmp) ? pad + 15 : pad;
    var b = box(g);
    ring.setAttribute("x", b.x - pad);
    ring.setAttribute("y", b.y - top);
    ring.setAttribute("width", b.w + 2 * pad);
    ring.setAttribute("height", b.h + pad + top);
    ring.setAttribute("visibility", "visible");
  }

  // ---- pan and zoom ----------------------------------------------------------------------------
  var view = { x: 0, y: 0, k: 1 };
  var limits = { min: 0.05, max: 8 };
  var userMoved = false;
  var frame = 0;
  var zoomLevel = $("zoom-level");
  // Dash patterns grow as the view shrinks: at a small scale Graphviz's dashes (a few points
  // long) would be finer than a pixel, and drawing thousands of them makes every frame of a
  // large map slow. Scaled by powers of two, they stay visible dashes and cost little.
  var dashed = [];
  Array.prototype.forEach.call(svg.querySelectorAll("[stroke-dasharray]"), function (el) {
    var base = el.getAttribute("stroke-dasharray").split(/[\s,]+/).map(Number);
    if (base.length && base.every(function (x) { return isFinite(x) && x >= 0; })) dashed.push([el, base]);
  });
  var dashScale = 1;
  function scaleDashes() {
    var m = Math.pow(2, Math.max(0, Math.round(Math.log(0.6 / view.k) / Math.LN2)));
    if (m === dashScale) return;
    dashScale = m;
    svg.style.setProperty("--dash", String(m));
    dashed.forEach(function (d) {
      d[0].style.strokeDasharray = m === 1 ? "" : d[1].map(function (x) { return x * m; }).join(" ");
    });
  }
  function apply() {
    frame = 0;
    scaleDashes();
    canvas.style.transform = "translate(" + view.x.toFixed(1) + "px," + view.y.toFixed(1) + "px) scale(" + view.k.toFixed(5) + ")";
    zoomLevel.textContent = Math.round(view.k * 100) + "%";
    document.body.setAttribute("data-zoom", view.k.toFixed(4));
  }
  function schedule() {
    if (!frame) frame = window.requestAnimationFrame(apply);
  }
  function size() { return { w: viewport.clientWidth, h: viewport.clientHeight }; }
  function keepInView() {
    // At least a margin of the drawing stays on screen, whatever the dragging.
    var vp = size(), m = 60;
    view.x = clamp(view.x, m - natural.w * view.k, vp.w - m);
    view.y = clamp(view.y, m - natural.h * view.k, vp.h - m);
  }
  function fitScale() {
    var vp = size();
    if (vp.w < 32 || vp.h < 32) return 1;  // not shown yet (a hidden frame): fitted when it shows
    return Math.min((vp.w - 16) / natural.w, (vp.h - 16) / natural.h);
  }
  function fit() {
    var vp = size();
    var k = clamp(Math.min(1, fitScale()), limits.min, limits.max);
    animateTo({ k: k, x: (vp.w - natural.w * k) / 2, y: (vp.h - natural.h * k) / 2 });
  }
  function zoomAt(factor, px, py) {
    stopAnimation();
    var k = clamp(view.k * factor, limits.min, limits.max);
    view.x = px - (px - view.x) * (k / view.k);
    view.y = py - (py - view.y) * (k / view.k);
    view.k = k;
    keepInView();
    userMoved = true;
    schedule();
  }
  function zoomCentre(factor) { var vp = size(); zoomAt(factor, vp.w / 2, vp.h / 2); }
  function panBy(dx, dy) { stopAnimation(); view.x += dx; view.y += dy; keepInView(); userMoved = true; schedule(); }
  var animation = 0;
  /** The reader's own move wins over a move the page started. */
  function stopAnimation() {
    if (!animation) return;
    window.cancelAnimationFrame(animation);
    animation = 0;
    document.body.removeAttribute("data-moving");
  }
  function animateTo(target) {
    window.cancelAnimationFrame(animation);
    if (reducedMotion) { view.x = target.x; view.y = target.y; view.k = target.k; schedule(); return; }
    var from = { x: view.x, y: view.y, k: view.k }, start = performance.now(), span = 260;
    document.body.setAttribute("data-moving", "true");
    (function step(now) {
      var t = Math.min(1, (now - start) / span), e = t * (2 - t);
      view.x = from.x + (target.x - from.x) * e;
      view.y = from.y + (target.y - from.y) * e;
      view.k = from.k + (target.k - from.k) * e;
      apply();
      if (t < 1) animation = window.requestAnimationFrame(step);
      else { animation = 0; document.body.removeAttribute("data-moving"); }
    })(start);
  }
  /** Bring a node into view: centred when `centre`, else only as far as needed; zoomed in
   * when the drawing is too small to read. */
  var pendingReveal = null;
  function reveal(g, centre) {
    if (!g) return;
    var b = canvasBox(g), vp = size(), m = 40;
    if (vp.w < 32 || vp.h < 32) { pendingReveal = g; return; }  // shown later: see "resize"
    var k = view.k;
    var readable = Math.min(1, (vp.w - 2 * m) / b.w, (vp.h - 2 * m) / b.h);
    if (k < 0.6 * readable) k = readable;
    var sx = b.x * k + view.x, sy = b.y * k + view.y;
    var inside = sx >= m && sy >= m && sx + b.w * k <= vp.w - m && sy + b.h * k <= vp.h - m;
    if (!centre && inside && k === view.k) return;
    var target = { k: k, x: vp.w / 2 - (b.x + b.w / 2) * k, y: vp.h / 2 - (b.y + b.h / 2) * k };
    if (!centre && k === view.k) {
      target.x = view.x; target.y = view.y;
      if (sx < m) target.x += m - sx; else if (sx + b.w * k > vp.w - m) target.x -= sx + b.w * k - (vp.w - m);
      if (sy < m) target.y += m - sy; else if (sy + b.h * k > vp.h - m) target.y -= sy + b.h * k - (vp.h - m);
    }
    userMoved = true;
    animateTo(target);
  }

  // Pointer: drag to pan, two fingers to pinch, click (without moving) to open.
  var pointers = new Map();
  var press = null;
  var pinch = null;
  viewport.addEventListener("pointerdown", function (e) {
    if (e.button !== 0) return;
    pointers.set(e.pointerId, { x: e.clientX, y: e.clientY });
    if (pointers.size === 1) {
      press = { x: e.clientX, y: e.clientY, target: e.target, moved: false };
    } else if (pointers.size === 2) {
      var p = Array.from(pointers.values());
      pinch = { d: Math.hypot(p[0].x - p[1].x, p[0].y - p[1].y), k: view.k };
      if (press) press.moved = true;
    }
  });
  viewport.addEventListener("pointermove", function (e) {
    var last = pointers.get(e.pointerId);
    if (!last) return;
    var dx = e.clientX - last.x, dy = e.clientY - last.y;
    last.x = e.clientX; last.y = e.clientY;
    if (pointers.size === 2 && pinch) {
      var p = Array.from(pointers.values()), rect = viewport.getBoundingClientRect();
      var d = Math.hypot(p[0].x - p[1].x, p[0].y - p[1].y);
      var cx = (p[0].x + p[1].x) / 2 - rect.left, cy = (p[0].y + p[1].y) / 2 - rect.top;
      zoomAt((pinch.k * d / pinch.d) / view.k, cx, cy);
      return;
    }
    if (press && !press.moved && Math.hypot(e.clientX - press.x, e.clientY - press.y) > 4) {
      press.moved = true;
      viewport.classList.add("dragging");
      try { viewport.setPointerCapture(e.pointerId); } catch (err) { /* the pointer is gone */ }
    }
    if (press && press.moved) panBy(dx, dy);
  });
  function release(e) {
    if (!pointers.has(e.pointerId)) return;
    pointers.delete(e.pointerId);
    if (pointers.size < 2) pinch = null;
    if (pointers.size === 0) {
      viewport.classList.remove("dragging");
      if (press && !press.moved && e.type === "pointerup") activate(press.target);
      press = null;
    }
  }
  viewport.addEventListener("pointerup", release);
  viewport.addEventListener("pointercancel", release);
  viewport.addEventListener("wheel", function (e) {
    e.preventDefault();
    var rect = viewport.getBoundingClientRect();
    var unit = e.deltaMode === 1 ? 33 : e.deltaMode === 2 ? 400 : 1;
    if (!e.ctrlKey && Math.abs(e.deltaX) > Math.abs(e.deltaY)) { panBy(-e.deltaX * unit, 0); return; }
    zoomAt(Math.exp(-e.deltaY * unit * 0.0018), e.clientX - rect.left, e.clientY - rect.top);
  }, { passive: false });
  viewport.addEventListener("dblclick", function (e) {
    if (nodeFrom(e.target)) return;
    var rect = viewport.getBoundingClientRect();
    zoomAt(2, e.clientX - rect.left, e.clientY - rect.top);
  });
  $("zoom-in").addEventListener("click", function () { zoomCentre(1.4); });
  $("zoom-out").addEventListener("click", function () { zoomCentre(1 / 1.4); });
  $("zoom-fit").addEventListener("click", function () { fit(); });
  window.addEventListener("resize", function () {
    limits.min = Math.min(0.05, fitScale() / 2);
    if (pendingReveal && size().w >= 32) {
      var g = pendingReveal;
      pendingReveal = null;
      fitNow();
      reveal(g, true);
      return;
    }
    if (!userMoved) fit(); else { keepInView(); schedule(); }
  });

  function nodeFrom(target) {
    var e = target;
    while (e && e !== viewport) {
      if (info.has(e)) return e;
      e = e.parentNode;
    }
    return null;
  }
  function activate(target) {
    var g = nodeFrom(target);
    if (!g) return;
    var what = info.get(g);
    if (what.type === "claim") { setCursor(g, false); select({ type: "claim", id: what.id }, { reveal: false }); }
    else if (what.type === "question") select({ type: "question", id: what.id }, { reveal: false });
    else if (what.type === "relation") select({ type: "relation", rel: what.rel }, { reveal: false });
    else if (what.type === "answer") select({ type: "question", id: what.question }, { reveal: false });
  }

  // ---- keyboard --------------------------------------------------------------------------------
  var cursor = null; // the claim node that Tab reaches (roving tabindex)
  function setCursor(g, focus) {
    if (cursor && cursor !== g) cursor.setAttribute("tabindex", "-1");
    cursor = g;
    if (!g) return;
    g.setAttribute("tabindex", "0");
    if (focus) {
      g.focus({ preventScroll: true });
      reveal(g, false);
    }
  }
  function centre(g) { var b = box(g); return { x: b.x + b.w / 2, y: b.y + b.h / 2 }; }
  /** The nearest claim from `g` in direction (dx, dy), by distance along it plus twice the
   * distance across it. */
  function nearest(g, dx, dy) {
    var c = centre(g), best = null, bestScore = Infinity;
    claimOrder.forEach(function (o) {
      if (o === g) return;
      var p = centre(o), vx = p.x - c.x, vy = p.y - c.y;
      var along = vx * dx + vy * dy;
      if (along <= 1) return;
      var score = along + 2 * Math.abs(vx * dy - vy * dx);
      if (score < bestScore) { bestScore = score; best = o; }
    });
    return best;
  }
  var ARROWS = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] };
  viewport.addEventListener("keydown", function (e) {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    var g = e.target !== viewport ? nodeFrom(e.target) : null;
    var onClaim = g && info.get(g).type === "claim";
    var arrow = ARROWS[e.key];
    var handled = true;
    if (arrow && (e.shiftKey || !onClaim)) panBy(-arrow[0] * 90, -arrow[1] * 90);
    else if (arrow) { var next = nearest(g, arrow[0], arrow[1]); if (next) setCursor(next, true); }
    else if (e.key === "+" || e.key === "=") zoomCentre(1.25);
    else if (e.key === "-" || e.key === "_") zoomCentre(0.8);
    else if (e.key === "0") fit();
    else if (e.key === "1") { var vp = size(); zoomAt(1 / view.k, vp.w / 2, vp.h / 2); }
    else if (e.key === "Home" && claimOrder.length) setCursor(claimOrder[0], true);
    else if (e.key === "End" && claimOrder.length) setCursor(claimOrder[claimOrder.length - 1], true);
    else if ((e.key === "]" || e.key === "[") && claimOrder.length) {
      var at = onClaim ? claimOrder.indexOf(g) : -1;
      var to = e.key === "]" ? at + 1 : (at < 0 ? claimOrder.length - 1 : at - 1);
      setCursor(claimOrder[(to + claimOrder.length) % claimOrder.length], true);
    } else if ((e.key === "Enter" || e.key === " ") && onClaim) {
      select({ type: "claim", id: info.get(g).id }, { reveal: true });
    } else handled = false;
    if (handled) e.preventDefault();
  });
  viewport.addEventListener("focusin", function (e) {
    var g = nodeFrom(e.target);
    if (g && info.get(g).type === "claim") {
      if (cursor !== g) setCursor(g, false);
      var keyboard = g.matches(":focus-visible");
      placeRing(focusRingOuter, keyboard ? g : null, 7);
      placeRing(focusRing, keyboard ? g : null, 7);
      if (keyboard) reveal(g, false);
    }
  });
  viewport.addEventListener("focusout", function () {
    placeRing(focusRingOuter, null, 0);
    placeRing(focusRing, null, 0);
  });
  document.addEventListener("keydown", function (e) {
    var t = e.target, typing = t && (t.tagName === "INPUT" || t.tagName === "SELECT" || t.tagName === "TEXTAREA");
    if (typing || e.ctrlKey || e.metaKey || e.altKey) return;
    if (e.key === "/") { e.preventDefault(); searchInput.focus(); searchInput.select(); }
    else if (e.key === "?") { e.preventDefault(); showTab("keys", true); }
    else if (e.key === "Escape" && selected) { e.preventDefault(); select(null, {}); }
  });

  // ---- the panel: tabs -------------------------------------------------------------------------
  var TABS = ["details", "perspectives", "agreement", "search", "keys"];
  var built = {};
  function showTab(name, focus) {
    TABS.forEach(function (t) {
      var tab = $("tab-" + t), pane = $("pane-" + t), on = t === name;
      tab.setAttribute("aria-selected", on ? "true" : "false");
      tab.setAttribute("tabindex", on ? "0" : "-1");
      pane.hidden = !on;
    });
    if (name === "agreement" && !built.agreement) { built.agreement = true; buildAgreement(); }
    if (focus) $("tab-" + name).focus();
  }
  TABS.forEach(function (t, i) {
    var tab = $("tab-" + t);
    tab.addEventListener("click", function () { showTab(t, false); });
    tab.addEventListener("keydown", function (e) {
      var to = null;
      if (e.key === "ArrowRight") to = TABS[(i + 1) % TABS.length];
      else if (e.key === "ArrowLeft") to = TABS[(i - 1 + TABS.length) % TABS.length];
      else if (e.key === "Home") to = TABS[0];
      else if (e.key === "End") to = TABS[TABS.length - 1];
      if (to) { e.preventDefault(); showTab(to, true); }
    });
  });

  // ---- the panel: building blocks ----------------------------------------------------------------
  function section(title) {
    var sec = h("section", { class: "block" }, h("h3", { text: title }));
    for (var i = 1; i < arguments.length; i++) append(sec, arguments[i]);
    return sec;
  }
  function swatch(p) {
    var sw = h("span", { class: "swatch", "aria-hidden": "true" });
    sw.style.backgroundColor = p ? p.color : "#777777";
    return sw;
  }
  function person(pid) {
    var p = perspById.get(pid);
    return h("li", { class: "person" }, swatch(p), h("span", { class: "name", text: p ? p.name : pid }),
      p && p.role ? h("span", { class: "role", text: p.role }) : null,
      p ? null : h("span", { class: "role", text: "(not defined in the map)" }));
  }
  function statusBadge(ch) {
    var st = STATUS[ch];
    if (!st) return h("span", { class: "lab lab-none", text: "not labelled" });
    return h("span", { class: "lab lab-" + st.key, text: st.word });
  }
  /** A button that opens a claim, with its id, its text and its current label. */
  function claimRef(cid) {
    var c = claimById.get(cid);
    var text = c ? shorten(c.text, 90) : "(not defined in the map)";
    var btn = h("button", { type: "button", class: "ref" + (c ? "" : " missing"), "data-claim": cid },
      h("code", { text: cid }), " ", h("span", { class: "ref-text", text: text }));
    if (c && currentSem && currentSem.labels) append(btn, [" ", statusBadge(currentSem.labels.charAt(c.i))]);
    if (c && !nodeOfClaim.has(cid)) append(btn, h("span", { class: "fine", text: " (not in this drawing)" }));
    if (!c) btn.disabled = true;
    else btn.addEventListener("click", function () { select({ type: "claim", id: cid }, { reveal: true }); });
    return btn;
  }
  function relRef(r, text) {
    return h("button", { type: "button", class: "ref rel-ref", title: "Open this relation",
      onclick: function () { select({ type: "relation", rel: r }, { reveal: true }); } }, text);
  }
  function byLine(r) {
    if (!r.by.length) return h("span", { class: "fine", text: "the map's own reading (no by)" });
    var out = h("span", { class: "by" });
    r.by.forEach(function (pid, i) {
      if (i) append(out, ", ");
      append(out, [swatch(perspById.get(pid)), " ", personName(pid)]);
    });
    return out;
  }
  /** A list of relations around claim `c`: `side` "in" (they end on it), "out" (it starts
   * them) or "both" (contradictions), each with the claims at its other end. */
  function relList(title, rels, side, c) {
    if (!rels.length) return null;
    var ul = h("ul", { class: "rels" });
    rels.forEach(function (r) {
      var li = h("li");
      var refs = h("span", { class: "refs" });
      if (r.type === "undercut") {
        var t = namedRelation.get(r.to);
        append(li, [relRef(r, "undercuts"), " the " + (t ? t.type : "relation") + " ", h("code", { text: r.to })]);
        if (t && t.type !== "undercut") append(refs, [" of ", claimRef(t.to)]);
        else if (!t) append(refs, h("span", { class: "fine", text: " (no such relation)" }));
      } else if (side === "both") {
        append(li, relRef(r, "contradicts"));
        append(refs, claimRef(r.from[0] === c.id ? r.to : r.from[0]));
      } else if (side === "in") {
        append(li, relRef(r, (r.type === "support" ? "support" : "rebuttal") + (r.name ? " " + r.name : "")));
        if (r.from.length > 1) append(li, h("span", { class: "fine", text: " (together)" }));
        r.from.forEach(function (x) { append(refs, claimRef(x)); });
      } else {
        append(li, relRef(r, REL_WORD[r.type] + (r.name ? " (" + r.name + ")" : "")));
        append(refs, claimRef(r.to));
        var partners = r.from.filter(function (x) { return x !== c.id; });
        if (partners.length) {
          append(refs, h("span", { class: "fine", text: " together with" }));
          partners.forEach(function (x) { append(refs, claimRef(x)); });
        }
      }
      append(li, refs);
      append(li, h("div", { class: "fine" }, "by ", byLine(r)));
      (undercutIn.get(r.i) || []).forEach(function (u) {
        append(li, h("div", { class: "undercut-note" }, relRef(u, "undercut"), " by ", claimRef(u.from[0])));
      });
      ul.appendChild(li);
    });
    return section(title, ul);
  }
  function sourceItem(sid) {
    var src = sourceById.get(sid);
    if (!src) return h("li", {}, h("code", { text: sid }), h("span", { class: "fine", text: " (not defined in the map)" }));
    var title = safeUrl(src.url)
      ? h("a", { href: src.url, target: "_blank", rel: "noopener noreferrer", text: src.title })
      : h("span", { class: "source-title", text: src.title });
    var meta = [src.author, src.date].filter(Boolean).join(", ");
    return h("li", {}, title, meta ? h("span", { class: "fine", text: " \u2014 " + meta }) : null,
      src.url && !safeUrl(src.url) ? h("div", { class: "fine", text: src.url }) : null,
      src.note ? h("div", { class: "fine", text: src.note }) : null);
  }
  /** Only web and mail addresses become links; anything else (javascript:, data:, file paths) is shown as text. */
  function safeUrl(url) { return typeof url === "string" && /^(https?:\/\/|mailto:)/i.test(url.trim()); }
  function lineNote(line) {
    if (line == null) return null;
    return h("span", { class: "fine line", text: (D.file ? D.file + ", " : "") + "line " + line });
  }
  function labelsTable(c) {
    var table = h("table", { class: "labels" }, h("caption", { class: "sr-only", text: "Labels of " + c.id }));
    var body = h("tbody");
    D.semantics.forEach(function (x) {
      var cell;
      if (x.labels == null) cell = h("td", { class: "fine", text: "not computed" });
      else {
        var ch = x.labels.charAt(c.i);
        cell = h("td", {}, statusBadge(ch), STATUS[ch] ? " " + STATUS[ch].meaning : "");
      }
      body.appendChild(h("tr", { class: currentSem === x ? "current" : null }, h("th", { scope: "row", text: x.title }), cell));
    });
    table.appendChild(body);
    return table;
  }

  function claimCard(c) {
    var frag = document.createDocumentFragment();
    var head = h("header", { class: "card-head" },
      h("span", { class: "kind kind-" + (c.kind || "claim"), text: kindWord(c) }), " ",
      h("code", { class: "id", text: c.id }), lineNote(c.line));
    var actions = h("div", { class: "actions" },
      h("button", { type: "button", disabled: !nodeOfClaim.has(c.id),
        onclick: function () { var g = nodeOfClaim.get(c.id); if (g) { setCursor(g, true); reveal(g, true); } } },
        "Show in map"),
      h("a", { href: "#claim=" + encodeURIComponent(c.id), class: "permalink", text: "Link to this claim" }));
    append(frag, [head, h("p", { class: "claim-text", text: c.text }), actions]);
    append(frag, section("Held by", c.holders.length ? h("ul", { class: "people" }, c.holders.map(person)) : h("p", { class: "fine", text: "nobody in the map says they hold it" })));
    if (c.rejecters.length) append(frag, section("Rejected by", h("ul", { class: "people" }, c.rejecters.map(person))));
    append(frag, section("Labels", labelsTable(c)));
    if (c.answers.length) {
      append(frag, section("Answers", h("ul", { class: "plain" }, c.answers.map(function (qid) {
        var q = questionById.get(qid);
        return h("li", {}, h("button", { type: "button", class: "ref", onclick: function () { select({ type: "question", id: qid }, { reveal: true }); } },
          h("code", { text: qid }), " ", q ? q.text : "(not defined in the map)"));
      }))));
    }
    if (c.quotes.length) {
      append(frag, section("Quotes", c.quotes.map(function (q) {
        var cap = [];
        if (q.speaker) cap.push([swatch(perspById.get(q.speaker)), " ", personName(q.speaker)]);
        if (q.source) {
          var src = sourceById.get(q.source);
          cap.push(h("cite", { text: src ? src.title : q.source }));
        }
        if (q.locator) cap.push(q.locator);
        if (q.date) cap.push(q.date);
        var fig = h("figure", { class: "quote" }, h("blockquote", { text: q.text }));
        if (cap.length) {
          var fc = h("figcaption", {}, "\u2014 ");
          cap.forEach(function (part, i) { if (i) append(fc, ", "); append(fc, part); });
          fig.appendChild(fc);
        }
        return fig;
      })));
    }
    if (c.note) append(frag, section("Note", h("p", { class: "note", text: c.note })));
    if (c.sources.length) append(frag, section("Sources", h("ul", { class: "plain" }, c.sources.map(sourceItem))));
    if (c.tags.length) append(frag, section("Tags", h("p", {}, c.tags.map(function (t) { return h("span", { class: "tag", text: t }); }))));
    var incoming = relIn.get(c.id) || [], outgoing = relOut.get(c.id) || [], both = contra.get(c.id) || [];
    function of(list, types) { return list.filter(function (r) { return types.indexOf(r.type) >= 0; }); }
    append(frag, [
      relList("Supported by", of(incoming, ["support"]), "in", c),
      relList("Attacked by", of(incoming, ["rebuttal"]), "in", c),
      relList("Contradicts", both, "both", c),
      relList("Supports", of(outgoing, ["support"]), "out", c),
      relList("Attacks", of(outgoing, ["rebuttal", "undercut"]), "out", c)
    ]);
    if (!incoming.length && !outgoing.length && !both.length) append(frag, h("p", { class: "fine", text: "No relation starts or ends here." }));
    return frag;
  }
  function relationCard(r) {
    var frag = document.createDocumentFragment();
    append(frag, h("header", { class: "card-head" },
      h("span", { class: "kind rel-" + r.type, text: r.type.toUpperCase() }), " ",
      r.name ? h("code", { class: "id", text: r.name }) : null, lineNote(r.line)));
    var sentence = h("p", { class: "rel-sentence" });
    r.from.forEach(function (a, i) { if (i) append(sentence, " + "); append(sentence, claimRef(a)); });
    var verb = r.type === "support" && r.from.length > 1 ? " together support " : " " + REL_WORD[r.type] + " ";
    append(sentence, h("span", { class: "verb", text: verb }));
    if (r.type === "undercut") {
      var t = namedRelation.get(r.to);
      append(sentence, t ? [relRef(t, "the " + t.type + " " + r.to), t.type === "undercut" ? null : [" of ", claimRef(t.to)]] : ["the relation ", h("code", { text: r.to }), " (not defined in the map)"]);
    } else append(sentence, claimRef(r.to));
    append(frag, sentence);
    if (r.scheme) append(frag, section("Scheme", h("p", { class: "scheme", text: r.scheme })));
    append(frag, section("Asserted by", h("p", {}, byLine(r))));
    if (r.note) append(frag, section("Note", h("p", { class: "note", text: r.note })));
    var cuts = undercutIn.get(r.i) || [];
    if (cuts.length) {
      append(frag, section("Undercut by", h("ul", { class: "plain" }, cuts.map(function (u) {
        return h("li", {}, claimRef(u.from[0]), " ", relRef(u, "(the undercut)"));
      }))));
    }
    if (r.type === "contradiction") append(frag, h("p", { class: "fine", text: "A contradiction attacks both ways." }));
    return frag;
  }
  function questionCard(q) {
    var frag = document.createDocumentFragment();
    append(frag, h("header", { class: "card-head" }, h("span", { class: "kind kind-question", text: "QUESTION" }), " ",
      h("code", { class: "id", text: q.id }), lineNote(q.line)));
    append(frag, h("p", { class: "claim-text", text: q.text }));
    if (q.note) append(frag, section("Note", h("p", { class: "note", text: q.note })));
    if (q.tags.length) append(frag, section("Tags", h("p", {}, q.tags.map(function (t) { return h("span", { class: "tag", text: t }); }))));
    var answers = answersOf.get(q.id) || [];
    append(frag, section("Answered by", answers.length ? h("ul", { class: "plain" }, answers.map(function (c) { return h("li", {}, claimRef(c.id)); })) : h("p", { class: "fine", text: "no claim answers it" })));
    return frag;
  }

  /** What the panel shows before anything is chosen: the map in numbers, and its questions. */
  function overviewCard() {
    var frag = document.createDocumentFragment();
    function count(n, one, many) { return n + " " + (n === 1 ? one : many); }
    append(frag, h("p", { class: "summary", text: [
      count(D.claims.length, "claim", "claims"), count(D.relations.length, "relation", "relations"),
      count(D.perspectives.length, "perspective", "perspectives"), count(D.questions.length, "question", "questions")
    ].join(" \u00b7 ") }));
    append(frag, h("p", { class: "empty", text: "Click a claim or an arrow in the map, or Tab to a claim and press Enter, to see it here." }));
    if (D.questions.length) {
      append(frag, section("Questions", h("ul", { class: "plain" }, D.questions.map(function (q) {
        var n = (answersOf.get(q.id) || []).length;
        return h("li", {}, h("button", { type: "button", class: "ref", onclick: function () { select({ type: "question", id: q.id }, { reveal: true }); } },
          h("code", { text: q.id }), " ", h("span", { class: "ref-text", text: q.text }), h("span", { class: "fine", text: " (" + count(n, "answer", "answers") + ")" })));
      }))));
    }
    return frag;
  }

  // ---- selection -------------------------------------------------------------------------------
  var selected = null;
  var marked = [];
  function nodeOfSelection(sel) {
    if (!sel) return null;
    if (sel.type === "claim") return nodeOfClaim.get(sel.id) || null;
    if (sel.type === "question") return nodeOfQuestion.get(sel.id) || null;
    if (sel.type === "relation") return sel.rel.node ? nodeOfSupport.get(sel.rel.node) || null : null;
    return null;
  }
  function select(sel, opts) {
    opts = opts || {};
    marked.forEach(function (e) { e.classList.remove("sel", "near"); e.removeAttribute("aria-current"); });
    marked = [];
    selected = sel;
    var pane = $("pane-details");
    var scroll = pane.scrollTop;
    pane.textContent = "";
    var g = nodeOfSelection(sel);
    placeRing(selRing, g, 5);
    if (!sel) {
      append(pane, overviewCard());
      document.body.removeAttribute("data-selected");
      if (opts.hash !== false) writeHash();
      return;
    }
    function mark(e, cls) { if (e) { e.classList.add(cls); marked.push(e); } }
    var what;
    if (sel.type === "claim") {
      var c = claimById.get(sel.id);
      if (!c) { append(pane, h("p", { class: "empty", text: "This map has no claim \u201c" + sel.id + "\u201d." })); announce("No claim " + sel.id); return; }
      append(pane, claimCard(c));
      if (g) { mark(g, "sel"); g.setAttribute("aria-current", "true"); }
      (relIn.get(c.id) || []).concat(relOut.get(c.id) || [], contra.get(c.id) || []).forEach(function (r) {
        (edgesOfRel.get(r.i) || []).forEach(function (e) { mark(e, "near"); });
      });
      what = "claim " + c.id;
      document.body.setAttribute("data-selected", "claim:" + c.id);
    } else if (sel.type === "question") {
      var q = questionById.get(sel.id);
      if (!q) { append(pane, h("p", { class: "empty", text: "This map has no question \u201c" + sel.id + "\u201d." })); return; }
      append(pane, questionCard(q));
      what = "question " + q.id;
      document.body.setAttribute("data-selected", "question:" + q.id);
    } else {
      var r = sel.rel;
      append(pane, relationCard(r));
      (edgesOfRel.get(r.i) || []).forEach(function (e) { mark(e, "sel"); });
      what = r.type + (r.name ? " " + r.name : "") + " from " + r.from.join(" + ") + " to " + r.to;
      document.body.setAttribute("data-selected", "relation:" + r.i);
    }
    if (opts.refresh) { pane.scrollTop = scroll; return; }
    showTab("details", false);
    pane.scrollTop = 0;
    if (opts.reveal) {
      var target = g || (sel.type === "relation" ? nodeOfClaim.get(sel.rel.to) : null);
      if (target) reveal(target, false);
    }
    if (opts.focusPanel) pane.focus({ preventScroll: true });
    announce("Opened " + what);
    if (opts.hash !== false) writeHash();
  }

  // ---- perspectives ----------------------------------------------------------------------------
  var chosen = [];
  function togglePerspective(pid) {
    var at = chosen.indexOf(pid);
    if (at >= 0) chosen.splice(at, 1);
    else {
      chosen.push(pid);
      if (chosen.length > 2) chosen.shift();
    }
    applyPerspectives();
    writeHash();
  }
  function touches(pid) {
    var p = perspById.get(pid), keep = new Set();
    if (p) p.holds.concat(p.rejects).forEach(function (c) { keep.add(c); });
    D.relations.forEach(function (r) { if (r.by.indexOf(pid) >= 0) relationClaims(r).forEach(function (c) { keep.add(c); }); });
    return keep;
  }
  function stanceOf(pid, c) {
    if (c.holders.indexOf(pid) >= 0) return "holds";
    if (c.rejecters.indexOf(pid) >= 0) return "rejects";
    return null;
  }
  function comparison(c) {
    var a = stanceOf(chosen[0], c), b = stanceOf(chosen[1], c);
    if (a && b) return a === b ? "agree" : "disagree";
    if (a) return "only-a";
    if (b) return "only-b";
    return null;
  }
  var persBusy = false;
  function applyPerspectives() {
    var on = chosen.length > 0;
    var names = chosen.map(function (p) { return shorten(personName(p), 16); });
    if (chosen.length === 2) {
      measureAll();
      names.forEach(function (n) { textWidth("only " + n); });
    }
    svg.classList.toggle("mode-persp", on);
    document.body.setAttribute("data-perspectives", chosen.join(","));
    var keep = new Set();
    chosen.forEach(function (pid) { touches(pid).forEach(function (c) { keep.add(c); }); });
    nodeOfClaim.forEach(function (g, cid) { g.classList.toggle("keep", on && keep.has(cid)); });
    var keepRel = new Set();
    D.relations.forEach(function (r) { if (chosen.some(function (p) { return r.by.indexOf(p) >= 0; })) keepRel.add(r.i); });
    Array.prototype.forEach.call(svg.querySelectorAll("g.edge"), function (g) {
      var what = info.get(g);
      var k = false;
      if (what && what.type === "relation") k = what.rels.some(function (r) { return keepRel.has(r.i); });
      else if (what && what.type === "answer") k = keep.has(what.claim);
      g.classList.toggle("keep", on && k);
    });
    nodeOfSupport.forEach(function (g, name) { g.classList.toggle("keep", on && keepRel.has(relByNode.get(name).i)); });
    nodeOfQuestion.forEach(function (g, qid) {
      g.classList.toggle("keep", on && (answersOf.get(qid) || []).some(function (c) { return keep.has(c.id); }));
    });
    // Two perspectives: a badge on each claim either takes a stance on says how they compare.
    var counts = { agree: 0, disagree: 0, "only-a": 0, "only-b": 0 };
    D.claims.forEach(function (c) {
      var g = nodeOfClaim.get(c.id);
      var kind = chosen.length === 2 ? comparison(c) : null;
      if (kind) counts[kind]++;
      if (!g) return;
      ["agree", "disagree", "only-a", "only-b"].forEach(function (k) { g.classList.toggle("cmp-" + k, kind === k); });
      if (!kind && !overlays.has(g)) return;
      var o = overlay(g);
      if (!kind) { badge(o, "cmp", "", null); return; }
      var pa = perspById.get(chosen[0]), pb = perspById.get(chosen[1]);
      if (kind === "agree") badge(o, "cmp", "cmp-agree", "AGREE", null, null);
      else if (kind === "disagree") badge(o, "cmp", "cmp-disagree", "DISAGREE", null, null);
      else if (kind === "only-a") badge(o, "cmp", "cmp-only", "only " + names[0], pa ? pa.color : null, pa ? pa.ink : null);
      else badge(o, "cmp", "cmp-only", "only " + names[1], pb ? pb.color : null, pb ? pb.ink : null);
    });
    renderPerspectives(counts);
    renderLegend();
    if (selected) placeRing(selRing, nodeOfSelection(selected), 5);
    if (!persBusy) {
      if (chosen.length === 0) announce("All perspectives shown");
      else if (chosen.length === 1) announce("Showing what " + personName(chosen[0]) + " holds, rejects or argues; the rest is faded");
      else announce("Comparing " + personName(chosen[0]) + " and " + personName(chosen[1]) + ": " + counts.agree + " agree, " + counts.disagree + " disagree");
    }
  }
  function pairScore(a, b) {
    var ps = D.agreement.perspectives, i = ps.indexOf(a), j = ps.indexOf(b);
    if (i < 0 || j < 0) return null;
    if (i > j) { var t = i; i = j; j = t; }
    for (var n = 0; n < D.agreement.pairs.length; n++) {
      var row = D.agreement.pairs[n];
      if (row[0] === i && row[1] === j) return { score: row[2], shared: row[3] };
    }
    return null;
  }
  function claimList(ids, limit) {
    var ul = h("ul", { class: "plain" });
    ids.slice(0, limit).forEach(function (cid) { ul.appendChild(h("li", {}, claimRef(cid))); });
    if (ids.length > limit) ul.appendChild(h("li", { class: "fine", text: "and " + (ids.length - limit) + " more" }));
    return ul;
  }
  function renderPerspectives(counts) {
    var pane = $("pane-perspectives");
    pane.textContent = "";
    if (!D.perspectives.length) { append(pane, h("p", { class: "empty", text: "This map has no perspectives." })); return; }
    append(pane, h("p", { class: "fine", text: "Choose one perspective to fade what it does not hold, reject or argue; choose two to see where they agree and differ." }));
    var list = h("ul", { class: "perspectives" });
    D.perspectives.forEach(function (p) {
      var on = chosen.indexOf(p.id) >= 0;
      var btn = h("button", { type: "button", class: "persp", "aria-pressed": on ? "true" : "false", "data-perspective": p.id },
        swatch(p), h("span", { class: "name", text: p.name }),
        h("span", { class: "meta", text: [p.role, "holds " + p.holds.length, "rejects " + p.rejects.length].filter(Boolean).join(" \u00b7 ") }));
      btn.addEventListener("click", function () { togglePerspective(p.id); });
      list.appendChild(h("li", {}, btn));
    });
    append(pane, list);
    if (chosen.length) {
      append(pane, h("p", {}, h("button", { type: "button", onclick: function () { chosen = []; applyPerspectives(); writeHash(); } }, "Show all perspectives")));
    }
    if (chosen.length === 1) {
      var p = perspById.get(chosen[0]);
      if (p) {
        var box1 = h("div", { class: "persp-detail" }, h("h3", {}, swatch(p), " ", p.name));
        if (p.role) append(box1, h("p", { class: "fine", text: p.role }));
        if (p.note) append(box1, h("p", { class: "note", text: p.note }));
        append(box1, section("Holds (" + p.holds.length + ")", p.holds.length ? claimList(p.holds, 200) : h("p", { class: "fine", text: "nothing" })));
        if (p.rejects.length) append(box1, section("Rejects (" + p.rejects.length + ")", claimList(p.rejects, 200)));
        var rels = D.relations.filter(function (r) { return r.by.indexOf(p.id) >= 0; });
        if (rels.length) append(box1, section("Argues (" + rels.length + " relations)", h("ul", { class: "plain" }, rels.slice(0, 200).map(function (r) {
          return h("li", {}, relRef(r, r.from.join(" + ") + " " + REL_WORD[r.type] + " " + r.to));
        }))));
        var others = D.perspectives.filter(function (q) { return q.id !== p.id; }).map(function (q) { return { q: q, s: pairScore(p.id, q.id) }; })
          .filter(function (x) { return x.s && x.s.shared; }).sort(function (a, b) { return b.s.score - a.s.score; });
        if (others.length) append(box1, section("Agrees with", h("ul", { class: "plain" }, others.map(function (x) {
          return h("li", {}, swatch(x.q), " ", x.q.name + ": " + Math.round(x.s.score * 100) + "% of " + x.s.shared + " shared claims");
        }))));
        append(pane, box1);
      }
    } else if (chosen.length === 2) {
      var a = chosen[0], b = chosen[1], ps = pairScore(a, b);
      var groups = { agree: [], disagree: [], "only-a": [], "only-b": [] };
      D.claims.forEach(function (c) { var k = comparison(c); if (k) groups[k].push(c.id); });
      var box2 = h("div", { class: "persp-detail" }, h("h3", { text: personName(a) + " and " + personName(b) }));
      append(box2, h("p", {}, ps && ps.score != null
        ? "They take the same stance on " + Math.round(ps.score * 100) + "% of the " + ps.shared + " claims both take a stance on."
        : "They take no stance on the same claim."));
      append(box2, section("Disagree (" + counts.disagree + ")", groups.disagree.length ? claimList(groups.disagree, 200) : h("p", { class: "fine", text: "nowhere" })));
      append(box2, section("Agree (" + counts.agree + ")", groups.agree.length ? claimList(groups.agree, 200) : h("p", { class: "fine", text: "nowhere" })));
      [["only-a", a], ["only-b", b]].forEach(function (x) {
        var ids = groups[x[0]];
        append(box2, section("Only " + personName(x[1]) + " (" + ids.length + ")",
          ids.length ? claimList(ids, 200) : h("p", { class: "fine", text: "no claim" })));
      });
      append(pane, box2);
    }
  }

  // ---- the agreement matrix --------------------------------------------------------------------
  function buildAgreement() {
    var pane = $("pane-agreement");
    pane.textContent = "";
    var ag = D.agreement, ps = ag.perspectives;
    if (!ps.length) { append(pane, h("p", { class: "empty", text: "This map has no perspectives." })); return; }
    append(pane, h("h2", { text: "Pairwise agreement" }));
    append(pane, h("p", { class: "fine", text: "The share of the claims both take a stance on where they take the same one (and how many such claims there are)." }));
    var t = h("table", { class: "matrix pairs" });
    var head = h("tr", {}, h("th", { scope: "col" }, h("span", { class: "sr-only", text: "perspective" })));
    ps.forEach(function (pid) { head.appendChild(h("th", { scope: "col", title: personName(pid) }, swatch(perspById.get(pid)), h("span", { class: "vertical", text: shorten(personName(pid), 18) }))); });
    t.appendChild(h("thead", {}, head));
    var body = h("tbody");
    ps.forEach(function (pid) {
      var tr = h("tr", {}, h("th", { scope: "row" }, swatch(perspById.get(pid)), " ", shorten(personName(pid), 24)));
      ps.forEach(function (qid) {
        if (pid === qid) { tr.appendChild(h("td", { class: "diag", text: "\u2014" })); return; }
        var x = pairScore(pid, qid);
        if (!x || x.score == null) { tr.appendChild(h("td", { class: "none", title: "no claim in common", text: "\u00b7" })); return; }
        var td = h("td", { title: personName(pid) + " / " + personName(qid) + ": " + Math.round(x.score * 100) + "% of " + x.shared },
          Math.round(x.score * 100) + "%", h("span", { class: "shared", text: " " + x.shared }));
        td.style.backgroundColor = "hsl(" + Math.round(x.score * 120) + ", 55%, " + (88 - 8 * x.score) + "%)";
        tr.appendChild(td);
      });
      body.appendChild(tr);
    });
    t.appendChild(body);
    append(pane, h("div", { class: "scroll" }, t));

    append(pane, h("h2", { text: "Stances" }));
    var rows = [];
    D.claims.forEach(function (c) { if (/[ar]/.test(ag.cells[c.i])) rows.push(c); });
    append(pane, h("p", { class: "fine", text: "\u2713 holds, \u2717 rejects. " + rows.length + " of " + D.claims.length + " claims have a stance; the others are left out." }));
    var m = h("table", { class: "matrix stances" });
    var mh = h("tr", {}, h("th", { scope: "col", text: "claim" }));
    ps.forEach(function (pid) { mh.appendChild(h("th", { scope: "col", title: personName(pid) }, swatch(perspById.get(pid)), h("span", { class: "vertical", text: shorten(personName(pid), 18) }))); });
    m.appendChild(h("thead", {}, mh));
    var mb = h("tbody");
    rows.forEach(function (c) {
      var tr = h("tr", {}, h("th", { scope: "row" }, claimRef(c.id)));
      var cells = ag.cells[c.i];
      for (var n = 0; n < ps.length; n++) {
        var ch = cells.charAt(n);
        if (ch === "a") tr.appendChild(h("td", { class: "acc" }, h("span", { "aria-hidden": "true", text: "\u2713" }), h("span", { class: "sr-only", text: "holds" })));
        else if (ch === "r") tr.appendChild(h("td", { class: "rej" }, h("span", { "aria-hidden": "true", text: "\u2717" }), h("span", { class: "sr-only", text: "rejects" })));
        else tr.appendChild(h("td", {}));
      }
      mb.appendChild(tr);
    });
    m.appendChild(mb);
    append(pane, h("div", { class: "scroll" }, m));

    if (ag.cruxes.length) {
      append(pane, h("h2", { text: "Cruxes" }));
      append(pane, h("p", { class: "fine", text: "Claims some hold and others reject, heaviest first: the weight counts the stances of those perspectives on the claims whose grounded label turns with it." }));
      var ol = h("ol", { class: "cruxes" });
      ag.cruxes.forEach(function (k) {
        ol.appendChild(h("li", {}, claimRef(k.claim),
          h("div", { class: "fine", text: "held by " + k.accepted_by.map(personName).join(", ") + "; rejected by " + k.rejected_by.map(personName).join(", ") + "; weight " + k.weight + (k.depends.length ? "; " + k.depends.length + " claims turn with it" : "") })));
      });
      append(pane, ol);
    }
  }

  // ---- semantics -------------------------------------------------------------------------------
  var currentSem = null;
  var semSelect = $("semantics");
  D.semantics.forEach(function (x) {
    var text = x.title;
    if (x.labels == null) text += " (not computed)";
    else if (x.exists === false) text += " (none exists)";
    semSelect.appendChild(h("option", { value: x.key, disabled: x.labels == null, text: text }));
  });
  semSelect.addEventListener("change", function () { setSemantics(semSelect.value || null); writeHash(); });
  function setSemantics(key) {
    var x = key ? semByKey.get(key) : null;
    if (x && x.labels == null) x = null;
    if (x) measureAll();
    currentSem = x;
    semSelect.value = x ? x.key : "";
    document.body.setAttribute("data-labels", x ? x.key : "");
    svg.classList.toggle("mode-labels", !!x);
    var counts = { i: 0, o: 0, u: 0 };
    D.claims.forEach(function (c) {
      var ch = x ? x.labels.charAt(c.i) : "";
      var st = STATUS[ch] || null;
      if (st) counts[ch]++;
      var g = nodeOfClaim.get(c.id);
      if (!g) return;
      g.classList.toggle("lab-in", ch === "i");
      g.classList.toggle("lab-out", ch === "o");
      g.classList.toggle("lab-undec", ch === "u");
      g.setAttribute("aria-label", claimLabel(c, st ? x.title + ": " + st.word + ", " + st.meaning : null));
      if (!st && !overlays.has(g)) return;
      badge(overlay(g), "sem", st ? "lab-" + st.key : "", st ? st.word : null, null, null);
    });
    renderLegend(counts);
    if (selected) select(selected, { hash: false, refresh: true });  // places the ring again too
    if (x) announce(x.title + " labels: " + counts.i + " in, " + counts.o + " out, " + counts.u + " undecided");
    else announce("Labels off");
  }
  var lastCounts = null;
  function renderLegend(counts) {
    if (counts) lastCounts = counts;
    var legend = $("legend");
    legend.textContent = "";
    var parts = [];
    if (currentSem && lastCounts) {
      var row = h("div", { class: "legend-row" }, h("strong", { text: currentSem.title + ": " }));
      ["i", "o", "u"].forEach(function (ch) {
        var st = STATUS[ch];
        append(row, [h("span", { class: "lab lab-" + st.key, text: st.word }), " " + st.meaning + " (" + lastCounts[ch] + ") "]);
      });
      if (currentSem.exists === false) append(row, h("span", { class: "fine", text: "No " + currentSem.semantics + " labelling exists: every claim is undecided." }));
      parts.push(row);
    }
    if (chosen.length === 2) {
      var pa = perspById.get(chosen[0]), pb = perspById.get(chosen[1]);
      var crow = h("div", { class: "legend-row" }, h("strong", { text: "Compared: " }),
        h("span", { class: "lab cmp-agree", text: "AGREE" }), " same stance ",
        h("span", { class: "lab cmp-disagree", text: "DISAGREE" }), " one holds what the other rejects ");
      [pa, pb].forEach(function (p, i) {
        var tag = h("span", { class: "lab", text: "only " + shorten(personName(chosen[i]), 16) });
        if (p) { tag.style.backgroundColor = p.color; tag.style.color = p.ink; }
        append(crow, [tag, " "]);
      });
      parts.push(crow);
    } else if (chosen.length === 1) {
      parts.push(h("div", { class: "legend-row" }, swatch(perspById.get(chosen[0])), " ",
        h("strong", { text: personName(chosen[0]) }), ": what it holds, rejects or argues stands out; the rest is faded."));
    }
    legend.hidden = !parts.length;
    var toggle = h("button", { type: "button", class: "legend-toggle", "aria-expanded": legendOpen ? "true" : "false",
      title: legendOpen ? "Hide the key" : "Show the key", "aria-label": legendOpen ? "Hide the key" : "Show the key" },
      legendOpen ? "\u00d7" : "Key");
    toggle.addEventListener("click", function () { legendOpen = !legendOpen; renderLegend(); });
    append(legend, toggle);
    legend.classList.toggle("closed", !legendOpen);
    if (legendOpen) append(legend, parts);
  }
  var legendOpen = true;

  // ---- search ----------------------------------------------------------------------------------
  var searchInput = $("search-input");
  var searchCount = $("search-count");
  var hits = [];
  var hitAt = -1;
  var hitNodes = [];
  function fold(text) { return String(text).normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase(); }
  var index = D.claims.map(function (c) {
    return { id: fold(c.id), text: fold(c.text), quotes: c.quotes.map(function (q) { return fold(q.text); }) };
  });
  /** `text` with the parts that match the terms in <mark> (built from text nodes: no markup). */
  function highlighted(text, terms, limit) {
    var folded = "", map = [];
    for (var i = 0; i < text.length; i++) {
      var f = fold(text.charAt(i));
      for (var j = 0; j < f.length; j++) { folded += f.charAt(j); map.push(i); }
    }
    var marks = [];
    terms.forEach(function (t) {
      var from = 0, at;
      while (t && (at = folded.indexOf(t, from)) >= 0) { marks.push([map[at], map[at + t.length - 1] + 1]); from = at + t.length; }
    });
    marks.sort(function (a, b) { return a[0] - b[0]; });
    var start = 0;
    if (limit && text.length > limit && marks.length) start = Math.max(0, marks[0][0] - 30);
    var end = limit ? Math.min(text.length, start + limit) : text.length;
    var out = h("span", {}), pos = start;
    if (start > 0) append(out, "\u2026");
    marks.forEach(function (m) {
      if (m[0] < pos || m[0] >= end) return;
      append(out, text.slice(pos, m[0]));
      append(out, h("mark", { text: text.slice(m[0], Math.min(m[1], end)) }));
      pos = Math.min(m[1], end);
    });
    append(out, text.slice(pos, end));
    if (end < text.length) append(out, "\u2026");
    return out;
  }
  var searchTimer = 0;
  searchInput.addEventListener("input", function () {
    window.clearTimeout(searchTimer);
    searchTimer = window.setTimeout(function () { runSearch(searchInput.value, true); }, D.claims.length > 400 ? 150 : 60);
  });
  searchInput.addEventListener("keydown", function (e) {
    if (e.key === "Enter") {
      e.preventDefault();
      window.clearTimeout(searchTimer);
      if (fold(searchInput.value).trim() !== lastQuery) runSearch(searchInput.value, true);
      else step(e.shiftKey ? -1 : 1);
    } else if (e.key === "Escape") {
      e.preventDefault();
      searchInput.value = "";
      runSearch("", false);
    }
  });
  $("search-next").addEventListener("click", function () { step(1); });
  $("search-prev").addEventListener("click", function () { step(-1); });
  var lastQuery = "";
  function runSearch(query, move) {
    var q = fold(query).trim();
    if (q) measureAll();
    lastQuery = q;
    var terms = q ? q.split(/\s+/) : [];
    hitNodes.forEach(function (g) { g.classList.remove("hit", "hit-current"); });
    hitNodes = [];
    hits = [];
    hitAt = -1;
    if (terms.length) {
      D.claims.forEach(function (c, i) {
        var x = index[i], where = null;
        var all = terms.every(function (t) { return x.id.indexOf(t) >= 0 || x.text.indexOf(t) >= 0 || x.quotes.some(function (qq) { return qq.indexOf(t) >= 0; }); });
        if (!all) return;
        if (!terms.every(function (t) { return x.id.indexOf(t) >= 0 || x.text.indexOf(t) >= 0; })) where = "quote";
        hits.push({ c: c, where: where });
      });
    }
    hits.forEach(function (hit) {
      var g = nodeOfClaim.get(hit.c.id);
      if (g) { overlay(g); g.classList.add("hit"); hitNodes.push(g); }
    });
    svg.classList.toggle("mode-search", terms.length > 0);
    $("search-prev").disabled = $("search-next").disabled = hits.length === 0;
    renderResults(terms);
    if (!terms.length) { searchCount.textContent = ""; return; }
    if (!hits.length) { searchCount.textContent = "no match"; announce("No claim matches"); return; }
    announce(hits.length + (hits.length === 1 ? " claim matches" : " claims match"));
    if (move) step(1); else countText();
  }
  function countText() {
    searchCount.textContent = (hitAt >= 0 ? hitAt + 1 + " of " : "") + hits.length + (hits.length === 1 ? " match" : " matches");
  }
  function step(d) {
    if (!hits.length) return;
    if (hitAt >= 0) { var old = nodeOfClaim.get(hits[hitAt].c.id); if (old) old.classList.remove("hit-current"); }
    hitAt = (hitAt + d + hits.length) % hits.length;
    var g = nodeOfClaim.get(hits[hitAt].c.id);
    if (g) { g.classList.add("hit-current"); setCursor(g, false); reveal(g, true); }
    countText();
    var items = $("pane-search").querySelectorAll("li.result");
    Array.prototype.forEach.call(items, function (li, i) { li.classList.toggle("current", i === hitAt); });
    if (items[hitAt]) items[hitAt].scrollIntoView({ block: "nearest" });
  }
  function renderResults(terms) {
    var pane = $("pane-search");
    pane.textContent = "";
    if (!terms.length) {
      append(pane, h("p", { class: "empty", text: "Type in the search box above: claim texts, ids and quotes are searched, accents and case aside." }));
      return;
    }
    showTab("search", false);
    append(pane, h("p", { class: "fine", text: hits.length ? hits.length + (hits.length === 1 ? " claim matches" : " claims match") + " \u201c" + terms.join(" ") + "\u201d. Enter goes to the next one." : "No claim matches \u201c" + terms.join(" ") + "\u201d." }));
    var ol = h("ol", { class: "results" });
    hits.slice(0, 300).forEach(function (hit, i) {
      var c = hit.c;
      var btn = h("button", { type: "button", class: "ref" }, h("code", {}, highlighted(c.id, terms, 0)), " ", h("span", { class: "ref-text" }, highlighted(c.text, terms, 140)));
      btn.addEventListener("click", function () {
        var old = hitAt >= 0 ? nodeOfClaim.get(hits[hitAt].c.id) : null;
        if (old) old.classList.remove("hit-current");
        hitAt = i; countText();
        var g = nodeOfClaim.get(c.id);
        if (g) g.classList.add("hit-current");
        select({ type: "claim", id: c.id }, { reveal: true });
      });
      var li = h("li", { class: "result" }, btn);
      if (hit.where === "quote") {
        c.quotes.forEach(function (q) {
          var fq = fold(q.text);
          if (terms.some(function (t) { return fq.indexOf(t) >= 0; })) {
            append(li, h("div", { class: "fine quote-hit" }, "quote: \u201c", highlighted(q.text, terms, 140), "\u201d"));
          }
        });
      }
      ol.appendChild(li);
    });
    append(pane, ol);
    if (hits.length > 300) append(pane, h("p", { class: "fine", text: "The first 300 are listed; all are marked in the map." }));
  }

  // ---- the URL fragment ------------------------------------------------------------------------
  var writing = false;
  function hashFor() {
    var parts = [];
    if (selected) {
      if (selected.type === "claim") parts.push("claim=" + encodeURIComponent(selected.id));
      else if (selected.type === "question") parts.push("question=" + encodeURIComponent(selected.id));
      else if (selected.rel.name != null && namedSupport.get(selected.rel.name) === selected.rel) parts.push("support=" + encodeURIComponent(selected.rel.name));
      else parts.push("relation=" + selected.rel.i);
    }
    if (chosen.length) parts.push("perspectives=" + chosen.map(encodeURIComponent).join(","));
    if (currentSem) parts.push("labels=" + encodeURIComponent(currentSem.key));
    return parts.join("&");
  }
  function writeHash() {
    var want = hashFor();
    if (location.hash.replace(/^#/, "") === want) return;
    try {
      history.replaceState(null, "", want ? "#" + want : location.pathname + location.search);
    } catch (err) {
      // A sandboxed frame (a notebook) may refuse: then the address simply does not follow.
      try { writing = true; location.replace("#" + want); } catch (err2) { writing = false; }
    }
  }
  function readHash(initial) {
    var raw = location.hash.replace(/^#/, "");
    var state = { select: null, perspectives: null, labels: null };
    var given = false;
    raw.split("&").forEach(function (part) {
      if (!part) return;
      var eq = part.indexOf("="), key = eq < 0 ? "" : part.slice(0, eq), value = eq < 0 ? part : part.slice(eq + 1);
      try { value = decodeURIComponent(value); } catch (err) { return; }
      given = true;
      if (key === "claim" || key === "question") state.select = { type: key, id: value };
      else if (key === "support" && namedSupport.has(value)) state.select = { type: "relation", rel: namedSupport.get(value) };
      else if (key === "relation" && D.relations[+value]) state.select = { type: "relation", rel: D.relations[+value] };
      else if (key === "perspectives") state.perspectives = value.split(",").filter(function (p) { return perspById.has(p); }).slice(0, 2);
      else if (key === "labels") state.labels = value;
      else if (eq < 0 && claimById.has(value)) state.select = { type: "claim", id: value };
    });
    if (!given && initial) {
      var init = D.initial || {};
      if (init.select) state.select = init.select;
      if (init.perspectives) state.perspectives = init.perspectives.filter(function (p) { return perspById.has(p); });
      if (init.semantics) state.labels = init.semantics;
    }
    return state;
  }
  function applyState(state) {
    persBusy = true;
    chosen = state.perspectives || [];
    applyPerspectives();
    persBusy = false;
    setSemantics(state.labels);
    if (state.select) {
      if (state.select.type === "claim") {
        var g = nodeOfClaim.get(state.select.id);
        if (g) setCursor(g, false);
      }
      select(state.select, { reveal: true, hash: false });
    } else select(null, { hash: false });
  }
  window.addEventListener("hashchange", function () {
    if (writing) { writing = false; return; }
    applyState(readHash(false));
  });

  // ---- start -----------------------------------------------------------------------------------
  announcer = $("announce");
  $("generator").textContent = "Made by " + D.generator + (D.file ? " from " + D.file : "") + ". Labels computed with the " + D.rule + " rule when the page was made.";
  if (claimOrder.length) setCursor(claimOrder[0], false);
  limits.min = Math.min(0.05, fitScale() / 2);
  /** Fit the map in the window at once (no animation). */
  function fitNow() {
    var vp = size(), k = clamp(Math.min(1, fitScale()), limits.min, limits.max);
    view = { k: k, x: (vp.w - natural.w * k) / 2, y: (vp.h - natural.h * k) / 2 };
    apply();
  }
  fitNow();
  applyState(readHash(true));
  document.documentElement.setAttribute("data-ready", "true");
  if (performance.mark) performance.mark("argmap-ready");
})();
