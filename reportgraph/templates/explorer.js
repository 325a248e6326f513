// The reportgraph explorer: search, filters, side panel with quotes, report text, linkage paths.
// Globals from the page: config, nodes, edges (vis.DataSet), network (vis.Network).
// Report text is untrusted: everything from the data is written with textContent, never as HTML.
(function () {
  "use strict";
  var X = config.explorer;
  var lang = "zh";
  var ui = {
    nodes: {zh: "节点", en: "nodes"}, edges: {zh: "条边", en: "edges"},
    type: {zh: "类型", en: "Type"}, aliases: {zh: "别称", en: "Aliases"},
    searchTerms: {zh: "检索词", en: "Search terms"}, iri: {zh: "IRI", en: "IRI"},
    note: {zh: "编者注", en: "Curator's note"}, facts: {zh: "相关事实", en: "Facts"},
    attributes: {zh: "属性", en: "Attributes"}, mentions: {zh: "原文提及", en: "Mentions in the report"},
    mentioned: {zh: "在原文中被提及 {n} 次", en: "named {n} time(s) in the report"},
    showMentions: {zh: "在原文中标出", en: "highlight in the report"},
    showText: {zh: "原文", en: "show in text"}, inferred: {zh: "推断", en: "inferred"},
    chars: {zh: "字符", en: "chars"}, report: {zh: "报告", en: "Report"},
    relation: {zh: "关系", en: "Relation"}, statistic: {zh: "统计数据", en: "Statistic"},
    value: {zh: "数值", en: "Value"}, unit: {zh: "单位", en: "Unit"}, raw: {zh: "原文写法", en: "As written"},
    year: {zh: "年份", en: "Year"}, qualifiers: {zh: "限定词", en: "Qualifiers"},
    denominator: {zh: "占比基数", en: "Share of"}, defect: {zh: "原文缺陷", en: "Defect in the text"},
    context: {zh: "场合", en: "At"}, heads: {zh: "(负责人)", en: " (heads it)"},
    noMatch: {zh: "未找到:", en: "No entity matches: "},
    searchNone: {zh: "无匹配", en: "No match"}, didYouMean: {zh: "您是不是要找:", en: "Did you mean:"},
    noPath: {zh: "在当前显示的关系中,两者之间没有路径。", en: "No path links them through the relations shown."},
    pathOf: {zh: "最短关联路径:{n} 步", en: "Shortest linkage path: {n} hop(s)"},
    same: {zh: "起点与终点相同。", en: "Both ends are the same entity."},
    noFacts: {zh: "(无)", en: "(none)"}
  };
  function t(key, n) { return ui[key][lang].replace("{n}", n); }
  function $(id) { return document.getElementById(id); }
  function el(tag, attrs, children) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === "text") e.textContent = attrs[k];
      else if (k === "className") e.className = attrs[k];
      else if (k === "onclick") e.addEventListener("click", attrs[k]);
      else e.setAttribute(k, attrs[k]);
    });
    (children || []).forEach(function (c) { if (c) e.appendChild(typeof c === "string" ? document.createTextNode(c) : c); });
    return e;
  }
  function name(rg) { return (lang === "en" && rg.label_en) ? rg.label_en : rg.label_zh; }
  function otherName(rg) { return lang === "en" ? rg.label_zh : (rg.label_en || ""); }
  function relName(rg) { return (lang === "en" && rg.label_en) ? rg.label_en : rg.label_zh; }
  function node(id) { return nodes.get(id); }

  // --- report texts, sliced by Unicode code points (the graph's offsets) ---------------------
  var chars = {};
  function reportChars(id) {
    if (!chars[id]) chars[id] = Array.from((X.reports[id] || {}).text || "");
    return chars[id];
  }

  // --- search ----------------------------------------------------------------------------------
  var searchIndex = nodes.get().map(function (n) {
    var rg = n.rg;
    var names = [rg.label_zh, rg.label_en].concat(rg.aliases_zh || [], rg.aliases_en || [], rg.search || [])
      .filter(Boolean);
    return {id: n.id, names: names, lower: names.map(function (s) { return s.toLowerCase(); })};
  });
  function search(query, limit) {
    var q = query.trim().toLowerCase();
    if (!q) return [];
    var hits = [];
    searchIndex.forEach(function (entry) {
      var best = 9;
      entry.lower.forEach(function (s, i) {
        var rank = s === q ? 0 : s.indexOf(q) === 0 ? 1 : s.indexOf(q) > 0 ? 2 : 9;
        if (rank < best) best = rank;
      });
      if (best < 9) hits.push({id: entry.id, rank: best, length: entry.names[0].length});
    });
    hits.sort(function (a, b) { return a.rank - b.rank || a.length - b.length || (a.id < b.id ? -1 : 1); });
    return hits.slice(0, limit || 20).map(function (h) { return h.id; });
  }
  // Levenshtein distance, stopping early (returning max + 1) once it must exceed max.
  function distance(a, b, max) {
    if (Math.abs(a.length - b.length) > max) return max + 1;
    var row = [];
    for (var j = 0; j <= b.length; j++) row.push(j);
    for (var i = 1; i <= a.length; i++) {
      var diagonal = row[0], least = row[0] = i;
      for (j = 1; j <= b.length; j++) {
        var next = Math.min(row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
        diagonal = row[j]; row[j] = next;
        if (next < least) least = next;
      }
      if (least > max) return max + 1;
    }
    return row[b.length];
  }
  // The entities with a name nearest to a query that matches none: [{id, name}], nearest first.
  function nearest(query, limit) {
    var q = Array.from(query.trim().toLowerCase());
    if (!q.length) return [];
    var max = Math.max(1, Math.floor(q.length / 2)), found = [];
    searchIndex.forEach(function (entry) {
      var best = null;
      entry.lower.forEach(function (s, i) {
        var d = distance(q, Array.from(s), max);
        if (d <= max && (!best || d < best.d)) best = {id: entry.id, name: entry.names[i], d: d};
      });
      if (best) found.push(best);
    });
    found.sort(function (a, b) { return a.d - b.d || a.name.length - b.name.length || (a.id < b.id ? -1 : 1); });
    return found.slice(0, limit || 5);
  }
  var results = $("results"), active = -1;
  function option(id, i, sub) {
    var rg = node(id).rg;
    var li = el("li", {role: "option", "data-id": id, "aria-selected": i === active ? "true" : "false"},
                [name(rg), el("span", {className: "sub", text: sub})]);
    li.addEventListener("mousedown", function (ev) { ev.preventDefault(); choose(id); });
    return li;
  }
  function showResults() {
    var query = $("search").value, ids = search(query, 20);
    results.textContent = "";
    active = ids.length ? 0 : -1;
    ids.forEach(function (id, i) { results.appendChild(option(id, i, otherName(node(id).rg))); });
    if (!ids.length && query.trim()) {   // say so, and offer the nearest names (none is chosen by Enter)
      var near = nearest(query, 5);
      results.appendChild(el("li", {className: "none", role: "status"},
        [t("searchNone"), near.length ? " · " + t("didYouMean") : ""]));
      near.forEach(function (hit) {
        var shown = name(node(hit.id).rg);
        results.appendChild(option(hit.id, -1, hit.name !== shown ? hit.name : otherName(node(hit.id).rg)));
      });
    }
    results.hidden = !results.firstChild;
  }
  function choose(id) {
    results.hidden = true;
    $("search").value = name(node(id).rg);
    focusNode(id);
  }
  $("search").addEventListener("input", showResults);
  $("search").addEventListener("keydown", function (ev) {
    var items = results.querySelectorAll("li[data-id]");
    if (ev.key === "ArrowDown" || ev.key === "ArrowUp") {
      if (!items.length) return;
      active = active < 0 ? (ev.key === "ArrowDown" ? 0 : items.length - 1)
        : (active + (ev.key === "ArrowDown" ? 1 : items.length - 1)) % items.length;
      items.forEach(function (li, i) { li.setAttribute("aria-selected", i === active ? "true" : "false"); });
      ev.preventDefault();
    } else if (ev.key === "Enter") {
      if (results.hidden) showResults();
      var li = active >= 0 ? results.querySelectorAll("li[data-id]")[active] : null;
      if (li) choose(li.getAttribute("data-id"));
    } else if (ev.key === "Escape") {
      results.hidden = true;
    }
  });
  $("search").addEventListener("blur", function () { results.hidden = true; });
  $("search").addEventListener("focus", function () { if ($("search").value.trim()) showResults(); });

  function focusNode(id) {
    var n = node(id);
    if (n.hidden) { setCategory(n.rg.category, true); }
    network.selectNodes([id]);
    labelEdges(network.getConnectedEdges(id));
    showNode(id);
    animated(function () {
      network.focus(id, {scale: Math.max(network.getScale(), 1.1), animation: {duration: 350, easingFunction: "easeInOutQuad"}});
    });
  }
  // A moving view is settled again when its animation ends: tests and screenshots wait for
  // body[data-settled=true], not for a guessed number of milliseconds.
  function animated(move) {
    document.body.setAttribute("data-settled", "false");
    network.once("animationFinished", function () { document.body.setAttribute("data-settled", "true"); });
    move();
  }

  // --- edge labels: drawn only for the edges in focus ---------------------------------------------
  var labelled = [];
  function labelEdges(ids) {
    var updates = labelled.map(function (id) { return {id: id, label: ""}; });
    labelled = ids.slice();
    ids.forEach(function (id) { updates.push({id: id, label: relName(edges.get(id).rg)}); });
    edges.update(updates);
  }

  // --- the side panel ------------------------------------------------------------------------------
  var panel = $("panel"), details = $("details");
  var current = null;   // what the panel shows: ["node", id] | ["edge", id] | ["path", ids]
  function openPanel() {
    if (!panel.hidden) return;
    panel.hidden = false;
    network.setSize("100%", "100%");   // the canvas is narrower now: keep the view's centre true
    network.redraw();
  }
  $("close").addEventListener("click", function () {
    panel.hidden = true; current = null; network.unselectAll(); labelEdges([]);
    network.setSize("100%", "100%");
    network.redraw();
    $("link-mode").classList.remove("on");
  });
  function nodeLink(id) {
    var a = el("a", {text: name(node(id).rg), "data-node": id});
    a.addEventListener("click", function () { focusNode(id); });
    return a;
  }
  function where(ev) {
    var span = el("div", {className: "where"}, [
      t("report") + " " + ev.report + " · " + t("chars") + " " + ev.start + "–" + ev.end]);
    var b = el("button", {type: "button", text: t("showText")});
    b.addEventListener("click", function () { showReport(ev.report, [[ev.start, ev.end]], "quote"); });
    span.appendChild(b);
    return span;
  }
  function quotes(evidence) {
    var box = el("div");
    (evidence || []).forEach(function (ev) {
      box.appendChild(el("blockquote", {className: "quote", text: ev.quote, lang: "zh"}));
      box.appendChild(where(ev));
    });
    return box;
  }
  function assertion(rg, parent) {
    if (rg.assertion === "inferred") {
      parent.querySelector(".sentence").appendChild(el("span", {className: "badge", text: t("inferred")}));
      parent.appendChild(el("div", {className: "note", text: rg.note, lang: "en"}));
    }
  }
  function factBox(edge) {
    var rg = edge.rg;
    var label = relName(rg) + (rg.heads ? t("heads") : "");
    var sentence = el("div", {className: "sentence"}, [nodeLink(edge.from), " —" + label + "→ ", nodeLink(edge.to)]);
    var box = el("div", {className: "fact" + (rg.assertion === "inferred" ? " inferred" : ""), "data-edge": edge.id}, [sentence]);
    if (rg.context) box.appendChild(el("div", {className: "where"}, [t("context") + ": ", nodeLink(rg.context)]));
    assertion(rg, box);
    box.appendChild(quotes(rg.evidence));
    return box;
  }
  function dl(rows) {
    var d = el("dl");
    rows.forEach(function (r) {
      if (r[1] === undefined || r[1] === null || r[1] === "" || (r[1].length === 0)) return;
      d.appendChild(el("dt", {text: r[0]}));
      d.appendChild(el("dd", {className: r[2] || ""}, [Array.isArray(r[1]) ? r[1].join(" · ") : String(r[1])]));
    });
    return d;
  }
  function showNode(id) {
    current = ["node", id];
    var n = node(id), rg = n.rg;
    details.textContent = "";
    $("report").hidden = true;
    $("linkform").hidden = true;
    details.appendChild(el("h2", {text: name(rg), "data-node": id}));
    if (otherName(rg)) details.appendChild(el("p", {className: "other", text: otherName(rg)}));
    details.appendChild(dl([
      [t("type"), lang === "en" ? rg.type_en : rg.type_zh],
      [t("aliases"), (rg.aliases_zh || []).concat(rg.aliases_en || [])],
      [t("searchTerms"), rg.search],
      [t("iri"), rg.iri, "iri"],
      [t("note"), rg.note]
    ]));
    if (rg.category === "statistic") {
      details.appendChild(el("h3", {text: t("statistic")}));
      details.appendChild(dl([[t("raw"), rg.raw], [t("value"), rg.value], [t("unit"), rg.unit],
        [t("year"), rg.year], [t("qualifiers"), rg.qualifiers], [t("denominator"), rg.denominator_text],
        [t("defect"), rg.defect]]));
      var box = el("div", {className: "fact" + (rg.assertion === "inferred" ? " inferred" : "")},
                   [el("div", {className: "sentence", text: name(rg)})]);
      assertion(rg, box);
      box.appendChild(quotes(rg.evidence));
      details.appendChild(box);
    }
    if ((rg.attributes || []).length) {
      details.appendChild(el("h3", {text: t("attributes")}));
      rg.attributes.forEach(function (a) {
        var b = el("div", {className: "fact" + (a.assertion === "inferred" ? " inferred" : "")},
                   [el("div", {className: "sentence", text: relName(a) + ": " + a.value})]);
        assertion(a, b);
        b.appendChild(quotes(a.evidence));
        details.appendChild(b);
      });
    }
    details.appendChild(el("h3", {text: t("facts")}));
    var incident = edges.get(network.getConnectedEdges(id));
    incident.sort(function (a, b) { return (a.rg.evidence[0].start - b.rg.evidence[0].start) || (a.id < b.id ? -1 : 1); });
    if (!incident.length) details.appendChild(el("p", {className: "muted", text: t("noFacts")}));
    incident.forEach(function (e) { details.appendChild(factBox(e)); });
    var mentions = rg.mentions || [];
    if (mentions.length) {
      details.appendChild(el("h3", {text: t("mentions")}));
      var p = el("p", {}, [t("mentioned", mentions.length) + " "]);
      var b = el("button", {type: "button", text: t("showMentions")});
      b.addEventListener("click", function () {
        showReport(mentions[0].report, mentions.filter(function (m) { return m.report === mentions[0].report; })
          .map(function (m) { return [m.start, m.end]; }), "mention");
      });
      p.appendChild(b);
      details.appendChild(p);
    }
    openPanel();
  }
  function showEdge(id) {
    current = ["edge", id];
    var e = edges.get(id);
    details.textContent = "";
    $("report").hidden = true;
    $("linkform").hidden = true;
    details.appendChild(el("h2", {text: t("relation") + ": " + relName(e.rg)}));
    details.appendChild(dl([[t("relation"), (lang === "en" ? e.rg.relation_en : e.rg.relation_zh) + " (" + e.rg.key + ")"]]));
    details.appendChild(factBox(e));
    labelEdges([id]);
    openPanel();
  }

  // --- the report text with quotes highlighted -----------------------------------------------------
  function showReport(reportId, ranges, kind) {
    var text = reportChars(reportId);
    var box = $("report-text");
    box.textContent = "";
    ranges = ranges.slice().sort(function (a, b) { return a[0] - b[0]; });
    var pos = 0, first = null;
    ranges.forEach(function (r) {
      if (r[0] < pos) return;
      box.appendChild(document.createTextNode(text.slice(pos, r[0]).join("")));
      var m = el("mark", {className: kind === "mention" ? "mention" : "current", text: text.slice(r[0], r[1]).join(""),
                          "data-start": r[0], "data-end": r[1]});
      box.appendChild(m);
      if (!first) first = m;
      pos = r[1];
    });
    box.appendChild(document.createTextNode(text.slice(pos).join("")));
    $("report-title").textContent = t("report") + " " + reportId;
    $("report").hidden = false;
    openPanel();
    if (first) first.scrollIntoView({block: "center"});
  }

  // --- "how are these linked?" ---------------------------------------------------------------------
  $("link-mode").addEventListener("click", function () {
    var on = $("linkform").hidden;
    $("linkform").hidden = !on;
    this.classList.toggle("on", on);
    if (on) {
      details.textContent = "";
      $("report").hidden = true;
      var sel = network.getSelectedNodes();
      if (sel.length) $("link-from").value = name(node(sel[0]).rg);
      openPanel();
      (sel.length ? $("link-to") : $("link-from")).focus();
    }
  });
  var namesFilled = false;
  function fillNames() {
    var list = $("entity-names");
    list.textContent = "";
    nodes.get().forEach(function (n) { list.appendChild(el("option", {value: name(n.rg)})); });
    namesFilled = true;
  }
  $("link-from").addEventListener("focus", function () { if (!namesFilled) fillNames(); });
  $("link-to").addEventListener("focus", function () { if (!namesFilled) fillNames(); });
  function resolve(text) { var ids = search(text, 1); return ids.length ? ids[0] : null; }
  function shortestPath(from, to) {
    // breadth-first over the edges shown, either direction; neighbours in a fixed order
    var adjacency = {};
    edges.get({filter: function (e) { return !e.hidden; }}).forEach(function (e) {
      if (node(e.from).hidden || node(e.to).hidden) return;
      (adjacency[e.from] = adjacency[e.from] || []).push([e.to, e.id]);
      (adjacency[e.to] = adjacency[e.to] || []).push([e.from, e.id]);
    });
    var previous = {}, queue = [from], seen = {};
    seen[from] = true;
    while (queue.length) {
      var u = queue.shift();
      if (u === to) break;
      (adjacency[u] || []).sort(function (a, b) { return a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0; }).forEach(function (step) {
        if (!seen[step[0]]) { seen[step[0]] = true; previous[step[0]] = [u, step[1]]; queue.push(step[0]); }
      });
    }
    if (!seen[to]) return null;
    var hops = [], v = to;
    while (v !== from) { hops.unshift({from: previous[v][0], to: v, edge: previous[v][1]}); v = previous[v][0]; }
    return hops;
  }
  function showPath(fromText, toText) {
    var from = resolve(fromText), to = resolve(toText);
    details.textContent = "";
    $("report").hidden = true;
    if (!from || !to) {
      details.appendChild(el("p", {text: t("noMatch") + (from ? toText : fromText)}));
      return null;
    }
    var hops = from === to ? [] : shortestPath(from, to);
    current = ["path", [fromText, toText]];
    if (hops === null) {
      details.appendChild(el("p", {text: t("noPath")}));
      return null;
    }
    var pathNodes = [from].concat(hops.map(function (h) { return h.to; }));
    var pathEdges = hops.map(function (h) { return h.edge; });
    network.setSelection({nodes: pathNodes, edges: pathEdges}, {highlightEdges: false});
    labelEdges(pathEdges);
    animated(function () { network.fit({nodes: pathNodes, animation: {duration: 350}}); });
    details.appendChild(el("h3", {text: from === to ? t("same") : t("pathOf", hops.length)}));
    var list = el("ol", {id: "hops"});
    hops.forEach(function (h) {
      var li = el("li", {className: "hop", "data-edge": h.edge});
      li.appendChild(factBox(edges.get(h.edge)));
      list.appendChild(li);
    });
    details.appendChild(list);
    openPanel();
    return hops;
  }
  $("link-go").addEventListener("click", function () { showPath($("link-from").value, $("link-to").value); });
  [$("link-from"), $("link-to")].forEach(function (input) {
    input.addEventListener("keydown", function (ev) {
      if (ev.key === "Enter") showPath($("link-from").value, $("link-to").value);
    });
  });

  // --- filters (the legend) ------------------------------------------------------------------------
  var shownCategories = {}, shownRelations = {};
  var symbols = {dot: "●", square: "■", diamond: "◆", triangle: "▲", star: "★", hexagon: "⬢", triangleDown: "▼", box: "▬"};
  function filterRow(list, item, checked, onchange, swatch) {
    var box = el("input", {type: "checkbox", "data-key": item.key});
    box.checked = checked;
    box.addEventListener("change", function () { onchange(item.key, box.checked); });
    var label = el("label", {}, [box]);
    if (swatch) label.appendChild(el("span", {className: "swatch", text: symbols[item.shape] || "●", style: "color:" + item.colour}));
    label.appendChild(el("span", {className: "name", "data-zh": item.zh, "data-en": item.en, text: item[lang]}));
    label.appendChild(el("span", {className: "count", text: String(item.count)}));
    list.appendChild(el("li", {}, [label]));
  }
  function applyFilters() {
    nodes.update(nodes.get().map(function (n) {
      return {id: n.id, hidden: !shownCategories[n.rg.category]};
    }));
    edges.update(edges.get().map(function (e) {
      return {id: e.id, hidden: !shownRelations[e.rg.predicate_curie]};
    }));
    updateStats();
  }
  function setCategory(key, on) {
    shownCategories[key] = on;
    var box = document.querySelector('#categories input[data-key="' + key + '"]');
    if (box) box.checked = on;
    applyFilters();
  }
  X.categories.forEach(function (c) {
    shownCategories[c.key] = true;
    filterRow($("categories"), c, true, setCategory, true);
  });
  X.relations.forEach(function (r) {
    shownRelations[r.key] = true;
    filterRow($("relations"), r, true, function (key, on) { shownRelations[key] = on; applyFilters(); }, false);
  });

  // --- language ------------------------------------------------------------------------------------
  function applyLanguage(initial) {
    document.documentElement.lang = lang;
    document.querySelectorAll("[data-zh]").forEach(function (e) { e.textContent = e.getAttribute("data-" + lang); });
    document.querySelectorAll("[data-zh-placeholder]").forEach(function (e) {
      e.setAttribute("placeholder", e.getAttribute("data-" + lang + "-placeholder"));
    });
    if (!initial) nodes.update(nodes.get().map(function (n) { return {id: n.id, label: n.rg["canvas_" + lang]}; }));
    labelEdges(labelled);
    namesFilled = false;
    updateStats();
    if (current && current[0] === "node") showNode(current[1]);
    else if (current && current[0] === "edge") showEdge(current[1]);
    if (!results.hidden) showResults();
  }
  $("lang").addEventListener("click", function () { lang = lang === "zh" ? "en" : "zh"; applyLanguage(false); });
  $("fit").addEventListener("click", function () { animated(function () { network.fit({animation: {duration: 300}}); }); });

  // --- colour by community (reportgraph.analysis: Louvain on the actor graph) -------------------
  var palette = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2",
                 "#17becf", "#bcbd22", "#7f7f7f", "#393b79", "#637939", "#8c6d31", "#843c39"];
  var byCommunity = false, typeColours = {};
  nodes.get().forEach(function (n) { typeColours[n.id] = n.color; });
  $("colour").addEventListener("click", function () {
    byCommunity = !byCommunity;
    this.classList.toggle("on", byCommunity);
    nodes.update(nodes.get().map(function (n) {
      if (!byCommunity) return {id: n.id, color: typeColours[n.id]};
      var c = n.rg.community ? palette[(n.rg.community - 1) % palette.length] : "#dddddd";
      return {id: n.id, color: {background: c, border: "#ffffff", highlight: {background: c, border: "#111111"}}};
    }));
  });

  function updateStats() {
    var shownNodes = nodes.get({filter: function (n) { return !n.hidden; }}).length;
    var shownEdges = edges.get({filter: function (e) { return !e.hidden && !node(e.from).hidden && !node(e.to).hidden; }}).length;
    $("stats").textContent = shownNodes + " / " + nodes.length + " " + t("nodes") + " · " +
      shownEdges + " / " + edges.length + " " + t("edges");
    $("stats").setAttribute("data-nodes", String(nodes.length));
    $("stats").setAttribute("data-edges", String(edges.length));
  }

  // --- clicks ----------------------------------------------------------------------------------------
  network.on("click", function (params) {
    if (params.nodes.length) { labelEdges(network.getConnectedEdges(params.nodes[0])); showNode(params.nodes[0]); }
    else if (params.edges.length) showEdge(params.edges[0]);
  });

  applyLanguage(true);   // the page is drawn with zh labels already
  network.once("afterDrawing", function () {
    window.rgReady = performance.now();
    if (!document.body.hasAttribute("data-settled")) document.body.setAttribute("data-settled", "true");
    document.body.setAttribute("data-ready", "true");
  });
  network.redraw();   // the constructor may have drawn already; this drawing is the one timed
  window.rgExplorer = {search: search, nearest: nearest, focusNode: focusNode, showPath: showPath, shortestPath: shortestPath,
                       showReport: showReport, setLanguage: function (l) { lang = l; applyLanguage(false); }};
})();
