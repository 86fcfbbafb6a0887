/* Open Model Atlas: the matrix's sorting, filters and downloads, and the compare page.
 *
 * Progressive enhancement: the matrix is a complete HTML table without this script; the script
 * reads the data-* attributes the generator wrote on rows and cells and adds the controls.
 * Every text it shows is set with textContent or as an option's text, never as HTML.
 * It runs only on pages that have #atlas-matrix or #atlas-compare.
 */
(function () {
  "use strict";

  function ready(fn) {
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", fn);
    else fn();
  }

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) { node.setAttribute(name, attrs[name]); });
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function text(node) {
    return (node.textContent || "").replace(/\s+/g, " ").trim();
  }

  function download(filename, type, body) {
    var url = URL.createObjectURL(new Blob([body], { type: type }));
    var link = el("a", { href: url, download: filename });
    link.style.display = "none";
    document.body.appendChild(link);
    link.click();
    setTimeout(function () { URL.revokeObjectURL(url); link.remove(); }, 1000);
  }

  function csvCell(value) {
    var s = value === null || value === undefined ? "" : String(value);
    if (/^[=+\-@\t\r]/.test(s)) s = "'" + s;  // spreadsheets must not run a cell as a formula
    return /[",\r\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
  }

  /* ---------------------------------------------------------------- matrix */

  var FILTERS = ["text", "rung", "modality", "licence", "commercial", "fits"];
  // Rows laid out at once.  A browser lays out a table of ten thousand rows in seconds, and
  // again after every sort or filter; the matching rows past this many wait for "Show more".
  // atlas.css hides them the same way while the page loads, only when scripts run.
  var PAGE_ROWS = 500;

  function initMatrix(root) {
    var table = root.querySelector("table");
    var tbody = table.tBodies[0];
    var headers = Array.prototype.slice.call(table.tHead.rows[0].cells);
    var rows = Array.prototype.slice.call(tbody.rows);
    // With thousands of rows every step counts: a row's text is read on the first text filter,
    // a column's sort keys on its first sort, and the rows move in the page only when their
    // order changed, all at once.
    rows.forEach(function (row, i) { row._order = i; });
    var shownOrder = rows;  // the order the rows are in the page now
    var compareText = new Intl.Collator().compare;  // localeCompare's order, without its per-call cost
    var state = { sort: null, dir: "ascending" };

    function rowText(row) {
      if (row._text === undefined) row._text = text(row).toLowerCase() + " " + (row.getAttribute("data-id") || "");
      return row._text;
    }

    // Controls, built from the values present in the rows.
    var form = el("form", { class: "atlas-controls", role: "search", "aria-label": "Filter the matrix" });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    var controls = {};

    function field(label, control, wide) {
      var wrap = el("div", { class: "atlas-field" + (wide ? " atlas-field--wide" : "") });
      control.id = "atlas-filter-" + control.getAttribute("name");
      wrap.appendChild(el("label", { for: control.id }, label));
      wrap.appendChild(control);
      form.appendChild(wrap);
      return control;
    }

    function select(name, label, options) {
      var control = el("select", { name: name });
      control.appendChild(el("option", { value: "" }, "any"));
      options.forEach(function (o) { control.appendChild(el("option", { value: o[0] }, o[1])); });
      controls[name] = field(label, control);
    }

    function distinct(read) {
      var seen = {};
      rows.forEach(function (row) { read(row).forEach(function (v) { if (v) seen[v] = true; }); });
      return Object.keys(seen).sort(function (a, b) { return a.localeCompare(b); });
    }

    controls.text = field("Text", el("input", { type: "search", name: "text", placeholder: "name, organisation, licence…" }), true);
    var rungSeen = {}, rungRank = {}, rungColumn = headers.map(function (th) { return th.getAttribute("data-key"); }).indexOf("rung");
    rows.forEach(function (row) {
      var rung = row.getAttribute("data-rung");
      if (Object.prototype.hasOwnProperty.call(rungSeen, rung)) return;
      rungSeen[rung] = text(row.cells[rungColumn]);
      var r = rank(row, rungColumn);
      rungRank[rung] = isNaN(r) ? Infinity : r;
    });
    select("rung", "Rung", Object.keys(rungSeen).sort(function (a, b) { return rungRank[a] - rungRank[b]; })
      .map(function (k) { return [k, rungSeen[k]]; }));
    select("modality", "Modality", distinct(function (r) { return (r.getAttribute("data-modality") || "").split(" "); })
      .map(function (m) { return [m, m]; }));
    select("licence", "Licence", distinct(function (r) { return [r.getAttribute("data-licence")]; })
      .map(function (l) { return [l, l]; }));
    select("commercial", "Commercial use", ["yes", "conditional", "no", "unknown"]
      .filter(function (c) { return rows.some(function (r) { return r.getAttribute("data-commercial") === c; }); })
      .map(function (c) { return [c, c]; }));
    controls.fits = field("Fits in (GiB, 4-bit)", el("input", { type: "number", name: "fits", min: "0", step: "any", inputmode: "decimal", placeholder: "e.g. 16" }));

    var actions = el("div", { class: "atlas-actions" });
    var clear = el("button", { type: "button", class: "md-button" }, "Clear filters");
    var csv = el("button", { type: "button", class: "md-button" }, "Download CSV");
    var json = el("button", { type: "button", class: "md-button" }, "Download JSON");
    [clear, csv, json].forEach(function (b) { actions.appendChild(b); });
    form.appendChild(actions);

    var status = el("p", { class: "atlas-status", role: "status", "aria-live": "polite", "aria-atomic": "true" });
    root.insertBefore(status, root.firstChild);
    root.insertBefore(form, status);

    var limit = PAGE_ROWS, matching = rows;
    var more = el("p", { class: "atlas-more" });
    var moreButton = el("button", { type: "button", class: "md-button" });
    var allButton = el("button", { type: "button", class: "md-button" });
    more.appendChild(moreButton);
    more.appendChild(allButton);
    root.appendChild(more);
    moreButton.addEventListener("click", function () { limit += PAGE_ROWS; apply(false); });
    allButton.addEventListener("click", function () { limit = Infinity; apply(false); });

    // Sort buttons inside the header cells.
    headers.forEach(function (th, index) {
      var button = el("button", { type: "button", class: "atlas-sort" });
      button.appendChild(el("span", {}, text(th)));
      button.appendChild(el("span", { class: "atlas-sort-icon", "aria-hidden": "true" }));
      th.textContent = "";
      th.appendChild(button);
      button.addEventListener("click", function () {
        var key = th.getAttribute("data-key");
        state.dir = state.sort === key && state.dir === "ascending" ? "descending" : "ascending";
        state.sort = key;
        apply(true);
      });
      th._index = index;
    });

    function rank(row, index) {
      var v = row.cells[index].getAttribute("data-sort");
      return v === null || v === "" ? NaN : Number(v);
    }

    function sortValue(row, th) {
      var cell = row.cells[th._index];
      var raw = cell.getAttribute("data-sort");
      if (raw === null) raw = text(cell).toLowerCase();
      if (raw === "") return null;
      var type = th.getAttribute("data-type");
      return type === "number" || type === "rank" ? Number(raw) : raw;
    }

    function header(key) {
      for (var i = 0; i < headers.length; i++) if (headers[i].getAttribute("data-key") === key) return headers[i];
      return null;
    }

    function readFilters() {
      var f = {};
      FILTERS.forEach(function (name) { f[name] = controls[name].value.trim(); });
      return f;
    }

    function matches(row, f) {
      if (f.rung && row.getAttribute("data-rung") !== f.rung) return false;
      if (f.modality && (" " + row.getAttribute("data-modality") + " ").indexOf(" " + f.modality + " ") < 0) return false;
      if (f.licence && row.getAttribute("data-licence") !== f.licence) return false;
      if (f.commercial && row.getAttribute("data-commercial") !== f.commercial) return false;
      if (f.fits) {
        var limit = Number(f.fits), need = row.getAttribute("data-memory");
        if (!isFinite(limit) || need === "" || Number(need) > limit) return false;
      }
      if (f.text) {
        var words = f.text.toLowerCase().split(/\s+/);
        var all = rowText(row);
        for (var i = 0; i < words.length; i++) if (words[i] && all.indexOf(words[i]) < 0) return false;
      }
      return true;
    }

    function writeUrl(f) {
      var params = new URLSearchParams(window.location.search);
      FILTERS.forEach(function (name) { if (f[name]) params.set(name, f[name]); else params.delete(name); });
      if (state.sort) { params.set("sort", state.sort); params.set("dir", state.dir === "descending" ? "desc" : "asc"); }
      else { params.delete("sort"); params.delete("dir"); }
      var query = params.toString();
      var url = window.location.pathname + (query ? "?" + query : "") + window.location.hash;
      if (url !== window.location.pathname + window.location.search + window.location.hash) {
        window.history.replaceState(null, "", url);
      }
    }

    function readUrl() {
      var params = new URLSearchParams(window.location.search);
      FILTERS.forEach(function (name) {
        var value = params.get(name);
        if (value === null) return;
        var control = controls[name];
        if (control.tagName === "SELECT" && !Array.prototype.some.call(control.options, function (o) { return o.value === value; })) return;
        control.value = value;
      });
      var key = params.get("sort");
      if (key && header(key)) {
        state.sort = key;
        state.dir = params.get("dir") === "desc" ? "descending" : "ascending";
      }
    }

    function sortKeys(th) {  // one per row, by original order
      if (!th._keys) th._keys = rows.map(function (row) { return sortValue(row, th); });
      return th._keys;
    }

    function show(ordered) {
      var same = ordered.length === shownOrder.length;
      for (var i = 0; same && i < ordered.length; i++) same = ordered[i] === shownOrder[i];
      if (same) return;
      var fragment = document.createDocumentFragment();
      ordered.forEach(function (row) { fragment.appendChild(row); });
      tbody.appendChild(fragment);
      shownOrder = ordered;
    }

    function apply(announceSort) {
      var f = readFilters();
      var th = state.sort ? header(state.sort) : null;
      var ordered = rows.slice();
      if (th) {
        var sign = state.dir === "descending" ? -1 : 1, keys = sortKeys(th);
        ordered.sort(function (a, b) {
          var x = keys[a._order], y = keys[b._order];
          if (x === null || y === null) return x === y ? a._order - b._order : (x === null ? 1 : -1);
          var c = typeof x === "number" ? x - y : compareText(x, y);
          return c !== 0 ? sign * c : a._order - b._order;
        });
      }
      show(ordered);
      matching = ordered.filter(function (row) { return matches(row, f); });
      var shown = matching.length, laidOut = Math.min(shown, limit);
      var wanted = new Set(matching.slice(0, laidOut));
      rows.forEach(function (row) {
        var hide = !wanted.has(row);
        if (row.hidden !== hide) row.hidden = hide;
      });
      more.hidden = laidOut >= shown;
      moreButton.textContent = "Show " + Math.min(PAGE_ROWS, shown - laidOut) + " more";
      allButton.textContent = "Show all " + shown;
      headers.forEach(function (h) {
        if (h === th) h.setAttribute("aria-sort", state.dir);
        else h.removeAttribute("aria-sort");
      });
      writeUrl(f);
      var message = shown + " of " + rows.length + " models shown.";
      if (laidOut < shown) message += " The first " + laidOut + " are listed; the downloads hold all " + shown + ".";
      if (th && announceSort) message = "Sorted by " + text(th) + " " + state.dir + ". " + message;
      status.textContent = message;
    }

    function records() {  // every matching row, listed or waiting for "Show more"
      return matching.map(function (row) {
        var record = { id: row.getAttribute("data-id"), model: row.getAttribute("data-name"), organisation: row.getAttribute("data-organization") };
        headers.forEach(function (th) {
          var key = th.getAttribute("data-key");
          if (key === "model") return;
          var cell = row.cells[th._index];
          if (th.getAttribute("data-type") === "number") {
            var raw = cell.getAttribute("data-sort");
            record[key] = raw === null || raw === "" ? null : Number(raw);
          } else {
            record[key] = text(cell);
          }
        });
        return record;
      });
    }

    csv.addEventListener("click", function () {
      var list = records();
      var keys = ["id", "model", "organisation"].concat(headers.slice(1).map(function (th) { return th.getAttribute("data-key"); }));
      var lines = [keys.map(csvCell).join(",")];
      list.forEach(function (r) { lines.push(keys.map(function (k) { return csvCell(r[k]); }).join(",")); });
      download("atlas-matrix.csv", "text/csv;charset=utf-8", lines.join("\r\n") + "\r\n");
    });
    json.addEventListener("click", function () {
      var body = { source: window.location.href, total: 0, models: records() };
      body.total = body.models.length;
      download("atlas-matrix.json", "application/json", JSON.stringify(body, null, 1) + "\n");
    });
    clear.addEventListener("click", function () {
      FILTERS.forEach(function (name) { controls[name].value = ""; });
      state.sort = null;
      state.dir = "ascending";
      limit = PAGE_ROWS;
      apply(false);
      controls.text.focus();
    });
    FILTERS.forEach(function (name) {
      controls[name].addEventListener(controls[name].tagName === "SELECT" ? "change" : "input", function () { limit = PAGE_ROWS; apply(false); });
    });

    readUrl();
    apply(Boolean(state.sort));
    root.classList.add("atlas-enhanced");
  }

  /* --------------------------------------------------------------- compare */

  var MAX_COMPARED = 4;
  var COMPARE_ROWS = [
    ["Organisation", function (m) { return m.organization; }],
    ["Rung", function (m) { return m.rung_label; }],
    ["Why not higher", function (m) { return m.not_higher_because ? m.not_higher_because.charAt(0).toUpperCase() + m.not_higher_because.slice(1) : "It is on the top rung."; }],
    ["MOF class", function (m) { return m.mof_label; }],
    ["OSAID 1.0", function (m) { return m.osaid ? "pass" : "fail"; }],
    ["Open Weight Definition", function (m) { return m.owd ? "pass" : "fail"; }],
    ["Weights licence", function (m) { return m.licence; }],
    ["Commercial use", function (m) { return m.commercial_use; }],
    ["Licence conditions", function (m) { return m.conditions.length ? m.conditions.join("; ") : "none"; }],
    ["Gating", function (m) { return m.gating; }],
    ["Training data", function (m) { return m.training_data; }],
    ["Training code", function (m) { return m.training_code; }],
    ["Parameters (largest)", function (m) { return m.parameters_label; }],
    ["Modality", function (m) { return m.modality.join(", "); }],
    ["4-bit memory, smallest variant", function (m) { return m.smallest_4bit_gib === null ? "unknown" : m.smallest_4bit_gib.toFixed(1) + " GiB"; }],
    ["Released", function (m) { return m.released || "unknown"; }]
  ];

  function initCompare(root) {
    var siteRoot = root.getAttribute("data-site-root") || "";
    var status = el("p", { class: "atlas-status", role: "status", "aria-live": "polite" }, "Loading the models…");
    root.appendChild(status);
    fetch(root.getAttribute("data-src"), { credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) throw new Error("HTTP " + response.status);
        return response.json();
      })
      .then(function (data) { buildCompare(root, status, data.models, siteRoot); })
      .catch(function (error) {
        status.textContent = "Could not load the list of models (" + error.message + "). The matrix shows the same facts.";
      });
  }

  function buildCompare(root, status, models, siteRoot) {
    var byId = {};
    models.forEach(function (m) { byId[m.id] = m; });
    var sorted = models.slice().sort(function (a, b) { return a.name.localeCompare(b.name); });
    var form = el("form", { class: "atlas-controls", "aria-label": "Choose models to compare" });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    var selects = [];
    for (var i = 0; i < MAX_COMPARED; i++) {
      var wrap = el("div", { class: "atlas-field" });
      var s = el("select", { name: "model" + (i + 1), id: "atlas-compare-" + (i + 1) });
      wrap.appendChild(el("label", { for: s.id }, "Model " + (i + 1) + (i < 2 ? "" : " (optional)")));
      s.appendChild(el("option", { value: "" }, "—"));
      sorted.forEach(function (m) { s.appendChild(el("option", { value: m.id }, m.name + " (" + m.organization + ")")); });
      s.addEventListener("change", function () { update(true); });
      wrap.appendChild(s);
      form.appendChild(wrap);
      selects.push(s);
    }
    var output = el("div", { class: "atlas-scroll", tabindex: "0", role: "region", "aria-label": "Comparison" });
    root.insertBefore(form, status);
    root.appendChild(output);

    var requested = (new URLSearchParams(window.location.search).get("models") || "").split(",")
      .map(function (s) { return s.trim(); }).filter(Boolean);
    var unknown = requested.filter(function (id) { return !byId[id]; });
    requested.filter(function (id) { return byId[id]; }).slice(0, MAX_COMPARED)
      .forEach(function (id, index) { selects[index].value = id; });

    function chosen() {
      var seen = {};
      return selects.map(function (s) { return s.value; }).filter(function (id) {
        if (!id || seen[id]) return false;
        seen[id] = true;
        return true;
      });
    }

    function update(fromUser) {
      var ids = chosen();
      var params = new URLSearchParams(window.location.search);
      if (ids.length) params.set("models", ids.join(",")); else params.delete("models");
      var query = params.toString();
      if (fromUser) window.history.replaceState(null, "", window.location.pathname + (query ? "?" + query.replace(/%2C/g, ",") : "") + window.location.hash);
      output.textContent = "";
      var note = unknown.length && !fromUser ? " Not in the catalog: " + unknown.join(", ") + "." : "";
      if (ids.length < 2) {
        status.textContent = "Choose at least two models." + note;
        return;
      }
      var table = el("table", { id: "atlas-compare-table" });
      table.appendChild(el("caption", { class: "atlas-sr-only" }, "Comparison of " + ids.map(function (id) { return byId[id].name; }).join(", ")));
      var head = table.createTHead().insertRow();
      head.appendChild(el("th", { scope: "col" }, "Fact"));
      ids.forEach(function (id) {
        var th = el("th", { scope: "col" });
        th.appendChild(el("a", { href: siteRoot + byId[id].url }, byId[id].name));
        head.appendChild(th);
      });
      var body = table.createTBody();
      COMPARE_ROWS.forEach(function (spec) {
        var row = body.insertRow();
        row.appendChild(el("th", { scope: "row" }, spec[0]));
        ids.forEach(function (id) { row.appendChild(el("td", {}, spec[1](byId[id]))); });
      });
      output.appendChild(table);
      status.textContent = "Comparing " + ids.length + " models." + note;
    }

    update(false);
  }

  ready(function () {
    var matrix = document.getElementById("atlas-matrix");
    if (matrix) initMatrix(matrix);
    var compare = document.getElementById("atlas-compare");
    if (compare) initCompare(compare);
  });
})();
