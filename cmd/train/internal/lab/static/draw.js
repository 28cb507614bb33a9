// The lab's pictures: the decision heatmap with the points, the network
// with its links and unit thumbnails, and the loss chart.
"use strict";
(() => {
const ORANGE = [245, 147, 34], BLUE = [8, 119, 189], WHITE = [232, 234, 235];
const CLASS_COLORS = [[245, 147, 34], [8, 119, 189], [60, 170, 80], [200, 60, 160], [120, 90, 200], [90, 90, 90]];

// color maps t in [-1, 1] to orange through white to blue.
function color(t) {
  t = Math.max(-1, Math.min(1, t));
  const a = t < 0 ? ORANGE : BLUE, f = Math.abs(t);
  return [0, 1, 2].map((i) => Math.round(WHITE[i] + (a[i] - WHITE[i]) * f));
}

// scratch holds, per grid size, an ImageData and a canvas to put it on,
// reused from frame to frame: a playing page fills every heatmap each
// frame, and a fresh canvas per thumbnail costs more than its pixels.
const scratch = new Map();
function scratchFor(ctx, grid) {
  let sc = scratch.get(grid);
  if (!sc) {
    const cv = document.createElement("canvas");
    cv.width = cv.height = grid;
    const g = cv.getContext("2d");
    sc = { cv, g, img: g.createImageData(grid, grid) };
    scratch.set(grid, sc);
  }
  return sc;
}

// fillGrid draws values, a grid×grid heatmap (row 0 at the top), as a
// size×size square at (x, y); toColor maps a value to [r, g, b], and
// missing or non-finite values (a diverged network's) are grey.
function fillGrid(ctx, values, grid, x, y, size, toColor) {
  const sc = scratchFor(ctx, grid), d = sc.img.data;
  for (let i = 0; i < grid * grid; i++) {
    const v = values[i];
    const c = v === null || v === undefined || !isFinite(v) ? GREY : toColor(v);
    d[4 * i] = c[0]; d[4 * i + 1] = c[1]; d[4 * i + 2] = c[2]; d[4 * i + 3] = 255;
  }
  sc.g.putImageData(sc.img, 0, 0);
  ctx.imageSmoothingEnabled = false;
  ctx.drawImage(sc.cv, x, y, size, size);
}
const GREY = [128, 128, 128];

// SCALE is color at 1025 steps over [-1, 1], so that a heatmap's cells
// cost a lookup rather than a new array each.
const SCALE_STEPS = 1024;
const SCALE = Array.from({ length: SCALE_STEPS + 1 }, (_, i) => color(2 * i / SCALE_STEPS - 1));
function scaled(t) {
  t = t < -1 ? -1 : t > 1 ? 1 : t;
  return SCALE[Math.round((t + 1) * SCALE_STEPS / 2)];
}

function unitColor(values) {
  let m = 1e-12;
  for (let i = 0; i < values.length; i++) { const a = Math.abs(values[i]); if (a > m) m = a; }
  return (v) => scaled(v / m);
}

function outputColor(setup, s) {
  const discrete = s.discretize === "1";
  if (setup.task === "regression") return (v) => scaled(discrete ? Math.sign(v) : v);
  if (setup.points.classes.length === 2) return (p) => scaled(discrete ? (p >= 0.5 ? 1 : -1) : 2 * p - 1);
  return (v) => {
    const k = Math.floor(v), p = discrete ? 1 : v - k, c = CLASS_COLORS[k % CLASS_COLORS.length];
    return c.map((ci, i) => Math.round(WHITE[i] + (ci - WHITE[i]) * p));
  };
}

function pointColor(pts, i) {
  if (pts.values) return color(pts.values[i]);
  const k = pts.label[i];
  return pts.classes.length === 2 ? (k === 1 ? BLUE : ORANGE) : CLASS_COLORS[k % CLASS_COLORS.length];
}

function heatmap(cv, picture, setup, s, unit) {
  const ctx = cv.getContext("2d"), W = cv.width, pts = setup.points, ext = pts.extent;
  if (!setup.plottable) {
    ctx.clearRect(0, 0, W, cv.height); ctx.fillStyle = "#555"; ctx.font = "14px sans-serif";
    ctx.fillText("Heatmaps need two features; this data has " + setup.columns.length + ".", 10, 30);
    return;
  }
  if (unit) fillGrid(ctx, unit, Math.round(Math.sqrt(unit.length)), 0, 0, W, unitColor(unit));
  else fillGrid(ctx, picture.output, picture.grid, 0, 0, W, outputColor(setup, s));
  ctx.drawImage(pointsLayer(setup, s.test === "1", W), 0, 0);
}

// pointsLayer returns the data's points drawn on a transparent W×W
// canvas, drawn once per data set and kept: the points do not move while
// the network trains, and hundreds of circles each frame would cost more
// than the heatmap under them.
const pointLayers = new WeakMap(); // setup -> {key, cv}
function pointsLayer(setup, showTest, W) {
  const key = showTest + "/" + W;
  const had = pointLayers.get(setup);
  if (had && had.key === key) return had.cv;
  const cv = document.createElement("canvas");
  cv.width = cv.height = W;
  const ctx = cv.getContext("2d"), pts = setup.points, ext = pts.extent;
  for (let i = 0; i < pts.x1.length; i++) {
    const test = i >= pts.nTrain;
    if (test && !showTest) continue;
    const px = (pts.x1[i] + ext) / (2 * ext) * W, py = (ext - pts.x2[i]) / (2 * ext) * W;
    const c = pointColor(pts, i);
    ctx.beginPath();
    ctx.arc(px, py, 3.5, 0, 2 * Math.PI);
    ctx.fillStyle = "rgb(" + c.join(",") + ")";
    ctx.fill();
    ctx.lineWidth = test ? 2 : 1;
    ctx.strokeStyle = test ? "#000" : "#fff";
    ctx.stroke();
  }
  pointLayers.set(setup, { key, cv });
  return cv;
}

// network draws the layers as columns of units, each unit a thumbnail of
// its activation, links coloured by sign and widened by size; onClick gets
// (layer, unit), 1-based, for a hidden unit.
function network(cv, picture, setup, s, onClick) {
  const ctx = cv.getContext("2d"), sizes = setup.sizes, L = sizes.length;
  const maxUnits = Math.max(...sizes);
  const box = Math.max(8, Math.min(36, Math.floor((cv.height - 20) / maxUnits) - 6));
  const xs = sizes.map((_, i) => 20 + i * (cv.width - 40 - box) / Math.max(1, L - 1));
  const ys = (l, j) => 10 + (j + 0.5) * (cv.height - 20) / sizes[l] - box / 2;
  ctx.clearRect(0, 0, cv.width, cv.height);
  const maxW = Math.max(1e-12, ...picture.weights.flat(2).map((w) => Math.abs(w || 0)));
  picture.weights.forEach((rows, l) => rows.forEach((row, o) => row.forEach((w, i) => {
    const t = (w || 0) / maxW;
    ctx.strokeStyle = "rgb(" + color(t).join(",") + ")";
    ctx.lineWidth = Math.max(0.3, 5 * Math.abs(t));
    ctx.beginPath();
    ctx.moveTo(xs[l] + box, ys(l, i) + box / 2);
    ctx.lineTo(xs[l + 1], ys(l + 1, o) + box / 2);
    ctx.stroke();
  })));
  ctx.font = "10px sans-serif"; ctx.fillStyle = "#333";
  setup.features.forEach((f, j) => { ctx.fillStyle = "#ddd"; ctx.fillRect(xs[0], ys(0, j), box, box); ctx.fillStyle = "#333"; ctx.fillText(f, xs[0], ys(0, j) - 2); });
  picture.dead.forEach((units, l) => units.forEach((_, j) => {
    const x = xs[l + 1], y = ys(l + 1, j), vals = picture.units[l] && picture.units[l][j];
    if (vals) fillGrid(ctx, vals, Math.round(Math.sqrt(vals.length)), x, y, box, unitColor(vals));
    else { ctx.fillStyle = "#ddd"; ctx.fillRect(x, y, box, box); }
    if (picture.dead[l] && picture.dead[l][j]) {
      ctx.fillStyle = "rgba(150,150,150,0.85)"; ctx.fillRect(x, y, box, box);
    }
    ctx.strokeStyle = s.unit === (l + 1) + "." + (j + 1) ? "#000" : "#999"; ctx.lineWidth = 1; ctx.strokeRect(x, y, box, box);
  }));
  const o = L - 1;
  for (let j = 0; j < sizes[o]; j++) { ctx.fillStyle = "#888"; ctx.fillRect(xs[o], ys(o, j), box, box); }
  cv.onclick = (e) => {
    const r = cv.getBoundingClientRect(), px = (e.clientX - r.left) * cv.width / r.width, py = (e.clientY - r.top) * cv.height / r.height;
    for (let l = 1; l < L - 1; l++) for (let j = 0; j < sizes[l]; j++)
      if (px >= xs[l] && px <= xs[l] + box && py >= ys(l, j) && py <= ys(l, j) + box) return onClick(l, j + 1);
  };
}

function loss(cv, train, test) {
  const ctx = cv.getContext("2d"), W = cv.width, H = cv.height;
  ctx.clearRect(0, 0, W, H);
  let top = -Infinity;
  for (const series of [train, test]) for (const v of series) if (v !== null && isFinite(v) && v > top) top = v;
  if (top === -Infinity) return;
  top = top * 1.05 || 1;
  const n = Math.max(2, train.length);
  for (const [series, c] of [[train, "#333"], [test, "#1f6fb2"]]) {
    ctx.strokeStyle = c; ctx.lineWidth = 1.5; ctx.beginPath();
    lossLine(ctx, series, n, W, H, top);
    ctx.stroke();
  }
}

// lossLine adds series to the path, epoch i at x = i/(n-1)·W. A long run
// has many epochs per pixel column; each column then gets one vertical
// stroke from its lowest to its highest value, which looks the same and
// keeps a frame's cost bounded however long the page has trained.
function lossLine(ctx, series, n, W, H, top) {
  const y = (v) => H - (v === null ? 0 : v) / top * H;
  if (series.length <= 2 * W) {
    series.forEach((v, i) => { const x = i / (n - 1) * W; i ? ctx.lineTo(x, y(v)) : ctx.moveTo(x, y(v)); });
    return;
  }
  let col = -1, lo = 0, hi = 0;
  const flush = () => { if (col >= 0) { ctx.lineTo(col, y(lo)); ctx.lineTo(col, y(hi)); } };
  series.forEach((v, i) => {
    const x = Math.round(i / (n - 1) * W), u = v === null ? 0 : v;
    if (x !== col) { flush(); if (col < 0) ctx.moveTo(x, y(u)); col = x; lo = hi = u; } else { lo = Math.min(lo, u); hi = Math.max(hi, u); }
  });
  flush();
}

// roc draws the test data's ROC curve (false positive rate across, true
// positive rate up) over the diagonal of chance, or says why there is none.
function roc(cv, test) {
  const ctx = cv.getContext("2d"), W = cv.width, H = cv.height;
  ctx.clearRect(0, 0, W, H);
  ctx.strokeStyle = "#bbb"; ctx.lineWidth = 1; ctx.beginPath(); ctx.moveTo(0, H); ctx.lineTo(W, 0); ctx.stroke();
  if (!test || !test.fpr) {
    ctx.fillStyle = "#555"; ctx.font = "12px sans-serif"; ctx.fillText("two classes only", 10, 20);
    return;
  }
  ctx.strokeStyle = "#1f6fb2"; ctx.lineWidth = 2; ctx.beginPath();
  test.fpr.forEach((f, i) => { const x = f * W, y = H - test.tpr[i] * H; i ? ctx.lineTo(x, y) : ctx.moveTo(x, y); });
  ctx.stroke();
  ctx.fillStyle = "#333"; ctx.font = "12px sans-serif"; ctx.fillText("AUC " + (test.auc === null ? "\u2013" : test.auc.toFixed(3)), W - 70, H - 8);
}

window.labDraw = { heatmap, network, loss, roc };
})();
