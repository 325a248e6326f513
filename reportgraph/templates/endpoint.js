// The query page of the endpoint: runs a query with fetch and shows the answer as text only.
(function () {
  "use strict";
  var named = JSON.parse(document.getElementById("named").textContent);
  var byName = {};
  named.forEach(function (q) { byName[q.name] = q; });
  function $(id) { return document.getElementById(id); }
  function cell(tag, text) { var e = document.createElement(tag); e.textContent = text; return e; }
  function show(json) {
    var out = $("results");
    out.textContent = "";
    if (json.boolean !== undefined) { out.appendChild(cell("p", String(json.boolean))); return 0; }
    var vars = json.head.vars, table = document.createElement("table"), head = document.createElement("tr");
    vars.forEach(function (v) { head.appendChild(cell("th", v)); });
    table.appendChild(head);
    json.results.bindings.forEach(function (b) {
      var tr = document.createElement("tr");
      vars.forEach(function (v) { tr.appendChild(cell("td", b[v] ? b[v].value : "")); });
      table.appendChild(tr);
    });
    out.appendChild(table);
    return json.results.bindings.length;
  }
  function run() {
    var started = performance.now();
    $("error").textContent = ""; $("status").textContent = "…";
    fetch("sparql", {method: "POST", headers: {"Content-Type": "application/sparql-query",
                     "Accept": "application/sparql-results+json, text/turtle;q=0.5"}, body: $("query").value})
      .then(function (r) {
        var type = r.headers.get("Content-Type") || "";
        return r.text().then(function (body) { return {ok: r.ok, status: r.status, type: type, body: body}; });
      })
      .then(function (r) {
        var ms = Math.round(performance.now() - started);
        if (!r.ok) { $("results").textContent = ""; $("error").textContent = r.status + ": " + r.body; $("status").textContent = ""; return; }
        if (r.type.indexOf("json") >= 0) {
          var n = show(JSON.parse(r.body));
          $("status").textContent = n + " row(s), " + ms + " ms";
        } else {
          $("results").textContent = "";
          $("results").appendChild(cell("pre", r.body));
          $("status").textContent = ms + " ms";
        }
        document.body.setAttribute("data-answered", "true");
      })
      .catch(function (e) { $("error").textContent = String(e); });
  }
  $("run").addEventListener("click", run);
  document.querySelectorAll("#questions button").forEach(function (b) {
    b.addEventListener("click", function () { $("query").value = byName[b.getAttribute("data-name")].text; run(); });
  });
})();
