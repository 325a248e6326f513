// The reportgraph explorer: search, filters, side panel with quotes, report text, linkage paths.
// Its parts (one file a feature) are joined in the order of reportgraph.explorer.SCRIPTS into
// one script, which the page runs in a function of its own: base (shared helpers), search,
// panel, text (a report with quotes or mentions marked, and the others to switch to), path (how
// are these linked?), filters (legend, filters, colours and counts), language, start (wires it all up).
// Globals from the page: config, nodes, edges (vis.DataSet), network (vis.Network).
// Every word shown comes from config.explorer.ui (reportgraph.presentation.INTERFACE).
// Report text is untrusted: everything from the data is written with textContent, never as HTML.

var X = config.explorer;
var lang = "zh";

function t(key, n, k) { return X.ui[key][lang].replace("{n}", n).replace("{k}", k); }
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

// A moving view is settled again when its animation ends: tests and screenshots wait for
// body[data-settled=true], not for a guessed number of milliseconds.
function animated(move) {
  document.body.setAttribute("data-settled", "false");
  network.once("animationFinished", function () { document.body.setAttribute("data-settled", "true"); });
  move();
}
