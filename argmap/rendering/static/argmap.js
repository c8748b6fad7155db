// The argmap HTML page: hover details, click to see the chain of support and attack, search,
// pan and zoom. argmap/rendering/html.py inlines this file; the page fetches nothing.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("argmap-data").textContent);
  // The edge-id format is defined once, in argmap/rendering/dot.py, and handed over here.
  var settings = JSON.parse(document.getElementById("argmap-settings").textContent);
  var viewport = document.getElementById("am-viewport");
  var svg = viewport.querySelector("svg");
  var tooltip = document.getElementById("am-tooltip");
  var nodes = {};
  var edges = [];

  // Graphviz writes its own tooltips as link titles; ours replace them.
  svg.querySelectorAll("a").forEach(function (a) {
    a.removeAttribute("xlink:title");
    a.removeAttributeNS("http://www.w3.org/1999/xlink", "title");
  });
  svg.querySelectorAll("g.node").forEach(function (g) {
    if (Object.prototype.hasOwnProperty.call(data, g.id)) { nodes[g.id] = g; }
  });
  // Edge ids are PREFIX-KIND-SOURCE-TARGET[-N]; map ids never contain the separator.
  svg.querySelectorAll("g.edge").forEach(function (g) {
    var parts = g.id.split(settings.edge_separator);
    if (parts.length >= 4 && parts[0] === settings.edge_prefix) {
      edges.push({ element: g, source: parts[2], target: parts[3] });
    }
  });

  function line(label, value) {
    if (!value) { return null; }
    var div = document.createElement("div");
    div.className = "am-meta";
    var b = document.createElement("b");
    b.textContent = label + ": ";
    div.appendChild(b);
    div.appendChild(document.createTextNode(value));
    return div;
  }

  function showTooltip(id, event) {
    var info = data[id];
    tooltip.textContent = "";
    var kind = document.createElement("div");
    kind.className = "am-kind";
    kind.textContent = info.kind + " " + id;
    var text = document.createElement("div");
    text.className = "am-text";
    text.textContent = info.text;
    tooltip.appendChild(kind);
    tooltip.appendChild(text);
    [line("Speaker", info.speaker), line("Source", info.cite), line("Quote", info.quote),
     line("URL", info.url), line("Note", info.note),
     line("Evaluation", info.evaluation)].forEach(function (div) {
      if (div) { tooltip.appendChild(div); }
    });
    tooltip.hidden = false;
    moveTooltip(event);
  }

  function moveTooltip(event) {
    var x = Math.min(event.clientX + 14, window.innerWidth - tooltip.offsetWidth - 4);
    var y = Math.min(event.clientY + 14, window.innerHeight - tooltip.offsetHeight - 4);
    tooltip.style.left = Math.max(0, x) + "px";
    tooltip.style.top = Math.max(0, y) + "px";
  }

  var CLASSES = ["am-selected", "am-supporter", "am-attacker", "am-dim", "am-linked",
                 "am-chain", "am-chain-support", "am-chain-attack", "am-match"];

  function clearSelection() {
    svg.querySelectorAll("." + CLASSES.join(", .")).forEach(function (el) {
      CLASSES.forEach(function (name) { el.classList.remove(name); });
    });
    delete document.body.dataset.selected;
  }

  // The whole chain of a node: what bears on it, recursively (its supporters and attackers,
  // theirs...), and what it bears on, up to the theses. A node's polarity says whether it
  // counts for the selected node (support) or against it (attack): an attack on an attack
  // supports it.
  function chain(id) {
    var polarity = {};
    polarity[id] = 1;
    var pending = [id];
    while (pending.length) {
      var current = pending.pop();
      var info = data[current];
      [[info.supporters, 1], [info.attackers, -1]].forEach(function (pair) {
        pair[0].forEach(function (other) {
          if (!(other in polarity) && data[other]) {
            polarity[other] = polarity[current] * pair[1];
            pending.push(other);
          }
        });
      });
    }
    var upward = [id];
    while (upward.length) {
      var node = upward.pop();
      Object.keys(data).forEach(function (other) {
        if (other in polarity) { return; }
        var supports = data[other].supporters.indexOf(node) >= 0;
        var attacks = data[other].attackers.indexOf(node) >= 0;
        if (supports || attacks) {
          polarity[other] = polarity[node] * (attacks ? -1 : 1);
          upward.push(other);
        }
      });
    }
    return polarity;
  }

  function select(id) {
    clearSelection();
    var info = data[id];
    var keep = chain(id);
    Object.keys(keep).forEach(function (other) {
      if (other !== id && nodes[other]) {
        nodes[other].classList.add(keep[other] > 0 ? "am-chain-support" : "am-chain-attack");
      }
    });
    nodes[id].classList.add("am-selected");
    info.supporters.forEach(function (other) {
      if (nodes[other]) { nodes[other].classList.add("am-supporter"); }
    });
    info.attackers.forEach(function (other) {
      if (nodes[other]) { nodes[other].classList.add("am-attacker"); }
    });
    Object.keys(nodes).forEach(function (other) {
      if (!(other in keep)) { nodes[other].classList.add("am-dim"); }
    });
    edges.forEach(function (edge) {
      var direct = (edge.source === id && edge.target in keep) ||
                   (edge.target === id && edge.source in keep);
      var inChain = edge.source in keep && edge.target in keep;
      edge.element.classList.add(direct ? "am-linked" : (inChain ? "am-chain" : "am-dim"));
    });
    document.body.dataset.selected = id;
  }

  Object.keys(nodes).forEach(function (id) {
    var g = nodes[id];
    // Keyboard users reach every node with Tab and select it with Enter or Space.
    g.setAttribute("tabindex", "0");
    g.setAttribute("role", "button");
    g.setAttribute("aria-label", data[id].kind + " " + id + ": " + data[id].text);
    g.addEventListener("keydown", function (event) {
      if (event.key === "Enter" || event.key === " ") {
        event.preventDefault();
        select(id);
      }
    });
    g.addEventListener("mouseenter", function (event) { showTooltip(id, event); });
    g.addEventListener("mousemove", moveTooltip);
    g.addEventListener("mouseleave", function () { tooltip.hidden = true; });
    g.addEventListener("click", function (event) {
      event.preventDefault();
      event.stopPropagation();
      if (!moved) { select(id); }
    });
  });

  // Pan and zoom: svg-pan-zoom (BSD-2-Clause), inlined into the page before this script.
  svg.removeAttribute("width");
  svg.removeAttribute("height");
  var panZoom = svgPanZoom(svg, {
    dblClickZoomEnabled: false, zoomScaleSensitivity: 0.25, minZoom: 0.2, maxZoom: 50,
    fit: true, center: true
  });

  // A press that moves more than a few pixels is a drag (svg-pan-zoom pans), not a click.
  var down = null;
  var moved = false;
  viewport.addEventListener("mousedown", function (event) {
    if (event.button !== 0) { return; }
    down = { x: event.clientX, y: event.clientY };
    moved = false;
  });
  window.addEventListener("mousemove", function (event) {
    if (!down || Math.abs(event.clientX - down.x) + Math.abs(event.clientY - down.y) < 4) {
      return;
    }
    moved = true;
    viewport.classList.add("am-dragging");
  });
  window.addEventListener("mouseup", function () {
    down = null;
    viewport.classList.remove("am-dragging");
  });
  viewport.addEventListener("click", function () {
    if (!moved) { clearSelection(); }
  });
  document.getElementById("am-zoom-in").addEventListener("click", function () {
    panZoom.zoomIn();
  });
  document.getElementById("am-zoom-out").addEventListener("click", function () {
    panZoom.zoomOut();
  });
  document.getElementById("am-reset").addEventListener("click", function () {
    panZoom.resize();
    panZoom.fit();
    panZoom.center();
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") { clearSelection(); }
  });
  // Search: statements whose title, text or id holds the words; Enter shows the first.
  var search = document.getElementById("am-search");
  var found = document.getElementById("am-found");
  function matches(query) {
    var words = query.toLowerCase().split(/\s+/).filter(Boolean);
    if (!words.length) { return []; }
    return Object.keys(nodes).filter(function (id) {
      var info = data[id];
      var haystack = (id + " " + (info.title || "") + " " + info.text).toLowerCase();
      return words.every(function (word) { return haystack.indexOf(word) >= 0; });
    });
  }
  // Centre the view on a node. svg-pan-zoom draws the map in a group whose transform is
  // matrix(zoom, 0, 0, zoom, pan.x, pan.y); the node's centre is taken in that group's units
  // (the same before and after svg-pan-zoom repaints).
  function centreOn(id) {
    var group = svg.querySelector(".svg-pan-zoom_viewport");
    var b = nodes[id].getBBox();
    var point = svg.createSVGPoint();
    point.x = b.x + b.width / 2;
    point.y = b.y + b.height / 2;
    var q = point.matrixTransform(group.getCTM().inverse().multiply(nodes[id].getCTM()));
    var sizes = panZoom.getSizes();
    panZoom.pan({
      x: sizes.width / 2 - sizes.realZoom * q.x,
      y: sizes.height / 2 - sizes.realZoom * q.y
    });
  }
  search.addEventListener("input", function () {
    clearSelection();
    var hits = matches(search.value);
    found.textContent = search.value ? hits.length + " found" : "";
    if (!search.value) { return; }
    Object.keys(nodes).forEach(function (id) {
      nodes[id].classList.add(hits.indexOf(id) >= 0 ? "am-match" : "am-dim");
    });
    edges.forEach(function (edge) { edge.element.classList.add("am-dim"); });
  });
  search.addEventListener("keydown", function (event) {
    if (event.key === "Enter") {
      var hits = matches(search.value);
      if (hits.length) { centreOn(hits[0]); select(hits[0]); }
    }
    event.stopPropagation();
  });

  // Collapse and expand: a collapsed node hides what bears on it, at any depth, except what
  // also bears on a node still shown. The Collapse button acts on the selected node.
  var bearsOn = {};
  Object.keys(data).forEach(function (id) { bearsOn[id] = []; });
  Object.keys(data).forEach(function (target) {
    data[target].supporters.concat(data[target].attackers).forEach(function (source) {
      if (bearsOn[source]) { bearsOn[source].push(target); }
    });
  });
  var collapsed = {};
  var collapseButton = document.getElementById("am-collapse");

  function hiddenNodes() {
    var hidden = {};
    // Each collapsed node's subtree, without the node itself (a collapsed node inside another
    // collapsed subtree is hidden with it).
    Object.keys(collapsed).forEach(function (root) {
      var pending = [root];
      while (pending.length) {
        var info = data[pending.pop()];
        info.supporters.concat(info.attackers).forEach(function (other) {
          if (other !== root && !(other in hidden) && data[other]) {
            hidden[other] = true;
            pending.push(other);
          }
        });
      }
    });
    var changed = true;
    while (changed) {
      changed = false;
      Object.keys(hidden).forEach(function (id) {
        var shown = bearsOn[id].some(function (t) { return !(t in hidden) && !(t in collapsed); });
        if (shown) { delete hidden[id]; changed = true; }
      });
    }
    return hidden;
  }

  function applyCollapse() {
    var hidden = hiddenNodes();
    Object.keys(nodes).forEach(function (id) {
      nodes[id].classList.toggle("am-hidden", id in hidden);
      nodes[id].classList.toggle("am-collapsed", id in collapsed);
    });
    edges.forEach(function (edge) {
      edge.element.classList.toggle("am-hidden", edge.source in hidden || edge.target in hidden);
    });
    var count = Object.keys(hidden).length;
    document.body.dataset.hidden = String(count);
    updateCollapseButton();
  }

  function updateCollapseButton() {
    var id = document.body.dataset.selected;
    collapseButton.disabled = !id;
    collapseButton.textContent = id && id in collapsed ? "Expand" : "Collapse";
  }

  collapseButton.addEventListener("click", function () {
    var id = document.body.dataset.selected;
    if (!id) { return; }
    if (id in collapsed) { delete collapsed[id]; } else { collapsed[id] = true; }
    applyCollapse();
  });
  new MutationObserver(updateCollapseButton).observe(document.body,
    { attributes: true, attributeFilter: ["data-selected"] });
  updateCollapseButton();

  // Open at a readable zoom: when the whole map would show its text under 11 px (the font
  // size in SVG units times the fitted scale), zoom so that text is about 13 px, around the
  // main thesis.
  (function readableStart() {
    var fitted = panZoom.getSizes().realZoom;
    if (fitted * settings.font_size >= 11 || !settings.main || !nodes[settings.main]) { return; }
    panZoom.zoomBy(13 / (settings.font_size * fitted));
    centreOn(settings.main);
  }());
  document.body.dataset.ready = "true";
}());
