// The lab's per-layer charts: each hidden layer's dead fraction and
// activation rate and each dense layer's gradient norm over the epochs,
// one line per layer. The values are the columns train's diagnostics add
// to the history the engine sends every step (dead_fraction_K,
// activation_rate_K, grad_norm_K; docs/lab.md defines them), so the
// charts cost the page no engine work, only drawing.
"use strict";
(() => {
const PALETTE = ["#1f6fb2", "#e8701a", "#2a9d3a", "#c23b8a", "#7b5cc4", "#8c6d31", "#17a2b8", "#555", "#d62728", "#9acd32"];
const CHARTS = [
  { id: "chartDead", prefix: "dead_fraction_", title: "dead fraction", top: 1 },
  { id: "chartRate", prefix: "activation_rate_", title: "activation rate", top: 1 },
  { id: "chartGrad", prefix: "grad_norm_", title: "gradient norm (log scale)", log: true, output: true },
];

// series returns the history's per-layer columns named prefix + K, K = 1,
// 2, …, as arrays of one value per epoch.
function series(history, prefix) {
  const out = [];
  for (let k = 1; ; k++) {
    const j = history.columns.indexOf(prefix + k);
    if (j < 0) return out;
    out.push(history.rows.map((r) => r[j]));
  }
}

// ensure builds the charts' figures in container once.
function ensure(container) {
  if (container.childElementCount) return;
  for (const c of CHARTS) {
    const fig = document.createElement("figure"), cap = document.createElement("figcaption"), cv = document.createElement("canvas");
    cv.id = c.id; cv.width = 200; cv.height = 80;
    cap.textContent = c.title;
    const legend = document.createElement("div");
    legend.className = "chartLegend";
    fig.append(cap, cv, legend);
    container.appendChild(fig);
  }
}

function legend(el, n, output) {
  if (el.childElementCount === n) return;
  el.innerHTML = "";
  for (let k = 0; k < n; k++) {
    const span = document.createElement("span");
    span.textContent = output && k === n - 1 ? "out" : "L" + (k + 1);
    span.style.color = PALETTE[k % PALETTE.length];
    el.appendChild(span);
  }
}

// draw draws lines (arrays of one value per epoch) on cv, at most one
// point per pixel column, and records on cv how many epochs and lines it
// holds (data-epochs, data-lines).
function draw(cv, lines, spec) {
  const ctx = cv.getContext("2d"), W = cv.width, H = cv.height;
  ctx.clearRect(0, 0, W, H);
  const n = lines.length ? lines[0].length : 0;
  cv.dataset.epochs = String(n);
  cv.dataset.lines = String(lines.length);
  if (!n) return;
  const tr = spec.log ? (v) => Math.log10(Math.max(v, 1e-12)) : (v) => v;
  const step = Math.max(1, Math.ceil(n / W));
  let lo = 0, hi = spec.top || 0;
  if (spec.log) {
    // The range of the points drawn, by a loop: a long run has too many
    // values to spread into Math.min.
    lo = Infinity; hi = -Infinity;
    for (const vals of lines) for (let i = 0; i < n; i += step) {
      const v = vals[i];
      if (v !== null && isFinite(v) && v > 0) { lo = Math.min(lo, tr(v)); hi = Math.max(hi, tr(v)); }
    }
    if (lo === Infinity) { lo = -1; hi = 0; }
    if (hi - lo < 1) { lo -= 0.5; hi += 0.5; }
  }
  lines.forEach((vals, k) => {
    ctx.strokeStyle = PALETTE[k % PALETTE.length]; ctx.lineWidth = 1.2; ctx.beginPath();
    let pen = false;
    // Every step-th epoch and the last one.
    for (let i = 0; i < n; i = i + step < n || i === n - 1 ? i + step : n - 1) {
      const v = vals[i];
      if (v === null || !isFinite(v)) { pen = false; continue; }
      const x = n === 1 ? W / 2 : i / (n - 1) * (W - 2) + 1, y = H - 2 - (tr(v) - lo) / (hi - lo) * (H - 4);
      if (pen) ctx.lineTo(x, y); else { ctx.moveTo(x, y); pen = true; }
      if (n === 1) ctx.lineTo(x + 1, y);
    }
    ctx.stroke();
  });
  ctx.fillStyle = "#666"; ctx.font = "10px sans-serif";
  const label = (v) => String(spec.log ? Number(Math.pow(10, v).toPrecision(2)) : v);
  ctx.fillText(label(hi), 2, 10); ctx.fillText(label(lo), 2, H - 3);
}

// layers draws the three charts of history into container, unless they
// show it already (the page redraws on every change of a setting too).
function layers(container, history) {
  ensure(container);
  if (container.shown === history && container.shownRows === history.rows.length) return;
  container.shown = history; container.shownRows = history.rows.length;
  for (const c of CHARTS) {
    const lines = series(history, c.prefix), cv = document.getElementById(c.id);
    draw(cv, lines, c);
    legend(cv.nextElementSibling, lines.length, c.output);
  }
}

window.labCharts = { layers, series };
})();
