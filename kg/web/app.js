// ZoneKG query page: sample queries, run a query against /sparql, show rows, offer downloads.
// No framework, no inline script (the page is served with a strict Content-Security-Policy).
"use strict";

const ENDPOINT = "sparql";
let PREFIXES = {};

const $ = (id) => document.getElementById(id);

function prefixBlock() {
  return Object.entries(PREFIXES).map(([p, ns]) => `PREFIX ${p}: <${ns}>`).join("\n");
}

const DEFAULT_BODY = `SELECT ?zone ?label WHERE {
  ?zone a zkg:Zone ;
        rdfs:label ?label .
}
ORDER BY ?label
LIMIT 100`;

function compact(iri) {
  for (const [p, ns] of Object.entries(PREFIXES)) {
    if (iri.startsWith(ns) && iri.length > ns.length) return `${p}:${iri.slice(ns.length)}`;
  }
  return `<${iri}>`;
}

function cell(term) {
  const td = document.createElement("td");
  if (!term) return td;
  if (term.type === "uri") {
    const span = document.createElement("span");
    span.className = "iri";
    span.textContent = compact(term.value);
    span.title = term.value;
    td.appendChild(span);
  } else if (term.type === "bnode") {
    td.textContent = `_:${term.value}`;
  } else if (term.type === "triple") {
    td.textContent = `<< ${JSON.stringify(term.value)} >>`;
  } else {
    td.appendChild(document.createTextNode(term.value));
    const extra = document.createElement("span");
    if (term["xml:lang"]) {
      extra.className = "lang";
      extra.textContent = `@${term["xml:lang"]}`;
      td.appendChild(extra);
    } else if (term.datatype) {
      extra.className = "dt";
      extra.textContent = compact(term.datatype);
      td.appendChild(extra);
    }
  }
  return td;
}

function resetOutput() {
  for (const id of ["results", "graph", "warning", "error", "downloads"]) $(id).hidden = true;
  $("results").querySelector("thead").replaceChildren();
  $("results").querySelector("tbody").replaceChildren();
  $("graph").textContent = "";
  $("status").textContent = "";
}

function downloadLink(query, format) {
  return `${ENDPOINT}?${new URLSearchParams({ query, format })}`;
}

function showTable(data) {
  const vars = data.head.vars || [];
  const tr = document.createElement("tr");
  for (const v of vars) {
    const th = document.createElement("th");
    th.textContent = v;
    tr.appendChild(th);
  }
  $("results").querySelector("thead").appendChild(tr);
  const body = $("results").querySelector("tbody");
  const frag = document.createDocumentFragment();
  for (const b of data.results.bindings) {
    const row = document.createElement("tr");
    for (const v of vars) row.appendChild(cell(b[v]));
    frag.appendChild(row);
  }
  body.appendChild(frag);
  $("results").hidden = false;
  return data.results.bindings.length;
}

async function run() {
  const query = $("query").value;
  resetOutput();
  $("run").disabled = true;
  $("status").textContent = "running…";
  const t0 = performance.now();
  try {
    const resp = await fetch(ENDPOINT, {
      method: "POST",
      headers: {
        "Content-Type": "application/x-www-form-urlencoded",
        Accept: "application/sparql-results+json, text/turtle;q=0.9",
      },
      body: new URLSearchParams({ query }),
    });
    const ms = Math.round(performance.now() - t0);
    const ctype = (resp.headers.get("Content-Type") || "").split(";")[0];
    if (!resp.ok) {
      $("error").textContent = `${resp.status} ${resp.statusText}\n${await resp.text()}`;
      $("error").hidden = false;
      $("status").textContent = `failed after ${ms} ms`;
      return;
    }
    const truncated = resp.headers.get("X-Result-Truncated");
    if (truncated) {
      $("warning").textContent = `Only the first ${truncated} rows are shown: the server caps results. Add LIMIT/OFFSET to page through the rest.`;
      $("warning").hidden = false;
    }
    if (ctype === "application/sparql-results+json") {
      const data = await resp.json();
      if (typeof data.boolean === "boolean") {
        $("status").textContent = `ASK → ${data.boolean} (${ms} ms)`;
        return;
      }
      const n = showTable(data);
      $("status").textContent = `${n} row${n === 1 ? "" : "s"} in ${ms} ms`;
      $("dl-csv").href = downloadLink(query, "csv");
      $("dl-json").href = downloadLink(query, "json");
      for (const id of ["dl-csv", "dl-json"]) $(id).hidden = false;
      for (const id of ["dl-ttl", "dl-nt"]) $(id).hidden = true;
    } else {
      const text = await resp.text();
      $("graph").textContent = text;
      $("graph").hidden = false;
      const n = resp.headers.get("X-Result-Rows");
      $("status").textContent = `${n === null ? "" : n + " triples "}in ${ms} ms`;
      $("dl-ttl").href = downloadLink(query, "ttl");
      $("dl-nt").href = downloadLink(query, "nt");
      for (const id of ["dl-ttl", "dl-nt"]) $(id).hidden = false;
      for (const id of ["dl-csv", "dl-json"]) $(id).hidden = true;
    }
    $("downloads").hidden = false;
  } catch (e) {
    $("error").textContent = `request failed: ${e}`;
    $("error").hidden = false;
    $("status").textContent = "";
  } finally {
    $("run").disabled = false;
  }
}

function useSample(q, button) {
  const text = /^\s*PREFIX\s/im.test(q.query) ? q.query : `${prefixBlock()}\n\n${q.query}`;
  $("query").value = text;
  for (const b of document.querySelectorAll("#sample-list button")) b.classList.remove("active");
  if (button) button.classList.add("active");
}

async function init() {
  $("endpoint").textContent = new URL(ENDPOINT, location.href).href;
  let samples = [];
  try {
    const resp = await fetch("queries.json");
    const data = await resp.json();
    PREFIXES = data.prefixes || {};
    samples = data.queries || [];
  } catch (e) {
    samples = [];
  }
  if (!$("query").value.trim()) $("query").value = `${prefixBlock()}\n\n${DEFAULT_BODY}`;
  const list = $("sample-list");
  list.replaceChildren();
  if (!samples.length) {
    const li = document.createElement("li");
    li.className = "muted";
    li.textContent = "(no sample queries)";
    list.appendChild(li);
  }
  for (const q of samples) {
    const li = document.createElement("li");
    const b = document.createElement("button");
    b.type = "button";
    b.textContent = q.title;
    b.title = q.name;
    b.dataset.name = q.name;
    b.addEventListener("click", () => useSample(q, b));
    li.appendChild(b);
    list.appendChild(li);
  }
  document.body.dataset.ready = "1";
}

document.addEventListener("DOMContentLoaded", () => {
  $("run").addEventListener("click", run);
  $("query").addEventListener("keydown", (e) => {
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      run();
    }
  });
  init();
});
