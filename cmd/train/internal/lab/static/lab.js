// The lab's page: settings in the address, a Web Worker running nnlab's
// engine, and the pictures of what it trains. docs/lab.md lists the
// address keys.
"use strict";
(() => {
const $ = (id) => document.getElementById(id);
const GRID = 50, UNIT_GRID = 20;
const FEATURES = ["x1", "x2", "x1^2", "x2^2", "x1*x2", "sin(x1)", "sin(x2)"];
const LRS = ["0.00001", "0.0001", "0.001", "0.003", "0.01", "0.03", "0.1", "0.3", "1", "3", "10"];
const REG_RATES = ["0", "0.001", "0.003", "0.01", "0.03", "0.1", "0.3", "1", "3", "10"];
const DEFAULTS = { task: "classification", data: "circle", n: "500", noise: "0.1", ratio: "0.5", features: "x1,x2", hidden: "4,2",
  act: "tanh", lr: "0.03", opt: "sgd", batch: "10", l1: "0", l2: "0", dropout: "0", seed: "1",
  test: "0", discretize: "0", play: "0", stop: "0", unit: "", compare: "" };
const MAX_UNITS = 256, MAX_LAYERS = 16;

// engine starts a Web Worker running the engine and returns a function
// that sends it a message and resolves with the reply.
function engine() {
  const worker = new Worker("lab.worker.js");
  let nextId = 1;
  const pending = new Map();
  worker.onmessage = (e) => {
    const p = pending.get(e.data.id);
    if (!p) return;
    pending.delete(e.data.id);
    if (e.data.type === "error") p.reject(new Error(e.data.message)); else p.resolve(e.data);
  };
  worker.onerror = (e) => showMessage("The engine failed: " + (e.message || "unknown error"));
  return (msg) => new Promise((resolve, reject) => {
    msg.id = nextId++;
    pending.set(msg.id, { resolve, reject });
    worker.postMessage(msg);
  });
}
// A run is one network trained in one worker: the main one and, when
// comparing, the other.
function newRun() { return { ask: engine(), setup: null, picture: null, test: null, history: { columns: [], rows: [] }, uploaded: null }; }
const main = newRun();
const ask = main.ask;
let cmp = null;
let upload = null;      // the uploaded CSV: {bytes, name, task}
const MAX_UPLOAD_BYTES = 20 << 20;

let s = {};             // the settings, as strings, by address key
let playing = false, busy = false, generation = 0;

function showMessage(text) {
  const m = $("message");
  m.textContent = text;
  m.hidden = !text;
  $("status").setAttribute("data-error", text || "");
}

function readAddress() {
  const q = new URLSearchParams(location.search);
  s = Object.assign({}, DEFAULTS);
  for (const k of Object.keys(DEFAULTS)) if (q.has(k)) s[k] = q.get(k);
}
function writeAddress() {
  const q = new URLSearchParams();
  for (const k of Object.keys(DEFAULTS)) if (k !== "play" && k !== "stop" && s[k] !== "") q.set(k, s[k]);
  history_replace("?" + q.toString());
}
function history_replace(search) { window.history.replaceState(null, "", location.pathname + search); }

function fillSelect(sel, values) {
  sel.innerHTML = "";
  for (const v of values) { const o = document.createElement("option"); o.value = o.textContent = v; sel.appendChild(o); }
}
function ensureOption(sel, v) {
  if (![...sel.options].some((o) => o.value === v)) { const o = document.createElement("option"); o.value = o.textContent = v; sel.appendChild(o); }
  sel.value = v;
}
function hiddenSizes() { return s.hidden === "" ? [] : s.hidden.split(",").map((x) => Number(x)); }

// showSettings puts s into the controls.
function showSettings() {
  $("task").value = s.task; fillSelect($("data"), (s.task === "regression" ? catalogue.regression : catalogue.data).concat(upload ? ["upload"] : []));
  ensureOption($("data"), s.data); $("compare").value = s.compare;
  $("features").hidden = s.data === "upload"; $("featuresNote").hidden = s.data !== "upload"; ensureOption($("act"), s.act); ensureOption($("lr"), s.lr); ensureOption($("opt"), s.opt);
  $("n").value = s.n; $("batch").value = s.batch; $("seed").value = s.seed; $("dropout").value = s.dropout;
  $("ratio").value = s.ratio; $("ratioOut").textContent = Math.round(Number(s.ratio) * 100) + "%";
  $("noise").value = s.noise; $("noiseOut").textContent = s.noise;
  const reg = Number(s.l1) > 0 ? "l1" : Number(s.l2) > 0 ? "l2" : "none";
  $("reg").value = reg; ensureOption($("regrate"), reg === "l1" ? s.l1 : reg === "l2" ? s.l2 : "0");
  $("showTest").checked = s.test === "1"; $("discretize").checked = s.discretize === "1";
  const chosen = new Set(s.features.split(","));
  for (const box of document.querySelectorAll("#features input")) box.checked = chosen.has(box.value);
  const sizes = hiddenSizes(), ub = $("unitButtons");
  ub.innerHTML = "";
  sizes.forEach((u, i) => {
    const span = document.createElement("span");
    const minus = document.createElement("button"), plus = document.createElement("button");
    minus.textContent = "\u2212"; plus.textContent = "+";
    minus.onclick = () => setUnits(i, u - 1); plus.onclick = () => setUnits(i, u + 1);
    span.append("L" + (i + 1) + ": ", minus, " " + u + " ", plus);
    ub.appendChild(span);
  });
  $("layerCount").textContent = sizes.length + (sizes.length === 1 ? " layer" : " layers");
}
function setUnits(i, u) {
  if (u < 1 || u > MAX_UNITS) return showMessage("A layer has 1 to " + MAX_UNITS + " units.");
  const sizes = hiddenSizes(); sizes[i] = u; s.hidden = sizes.join(","); changed(true);
}

// readSettings takes the controls into s.
function readSettings() {
  s.data = $("data").value; s.compare = $("compare").value.trim(); s.act = $("act").value; s.lr = $("lr").value; s.opt = $("opt").value;
  s.n = $("n").value; s.batch = $("batch").value; s.seed = $("seed").value; s.dropout = $("dropout").value;
  s.ratio = $("ratio").value; s.noise = $("noise").value;
  const reg = $("reg").value, rate = $("regrate").value;
  s.l1 = reg === "l1" ? rate : "0"; s.l2 = reg === "l2" ? rate : "0";
  s.test = $("showTest").checked ? "1" : "0"; s.discretize = $("discretize").checked ? "1" : "0";
  s.features = [...document.querySelectorAll("#features input")].filter((b) => b.checked).map((b) => b.value).join(",");
}

function config() {
  const num = (k) => Number(s[k]);
  const ints = ["n", "batch", "seed"];
  for (const k of ints) if (!/^\d+$/.test(s[k])) throw new Error(k + " is " + JSON.stringify(s[k]) + ": want a whole number");
  for (const k of ["noise", "ratio", "lr", "l1", "l2", "dropout"]) if (s[k] === "" || !isFinite(num(k))) throw new Error(k + " is " + JSON.stringify(s[k]) + ": want a number");
  const hidden = hiddenSizes();
  hidden.forEach((u, i) => { if (!Number.isInteger(u)) throw new Error("hidden layer " + (i + 1) + " is not a whole number"); });
  return { task: s.task, data: s.data, n: num("n"), noise: num("noise"), ratio: num("ratio"), features: s.features, hidden,
    act: s.act, lr: num("lr"), opt: s.opt, batch: num("batch"), l1: num("l1"), l2: num("l2"),
    dropout: num("dropout"), seed: Number(s.seed) };
}

// compareConfig is cfg with the overrides of the address key compare,
// "key:value" pairs separated by spaces (e.g. "act:identity lr:0.3").
function compareConfig(cfg) {
  const c = Object.assign({}, cfg);
  for (const pair of s.compare.split(/\s+/).filter(Boolean)) {
    const [k, v] = [pair.slice(0, pair.indexOf(":")), pair.slice(pair.indexOf(":") + 1)];
    if (!(k in c) || pair.indexOf(":") < 0) throw new Error("compare " + JSON.stringify(pair) + ": want key:value with a setting's key, e.g. act:identity");
    if (k === "hidden") c.hidden = v === "" ? [] : v.split(",").map(Number);
    else if (typeof c[k] === "number") { c[k] = Number(v); if (v === "" || !isFinite(c[k])) throw new Error("compare " + k + ": " + JSON.stringify(v) + " is not a number"); }
    else c[k] = v;
  }
  return c;
}

// initRun starts run's session on cfg, sending it the uploaded CSV first
// when it has not got it.
async function initRun(run, cfg) {
  if (cfg.data === "upload" && upload && run.uploaded !== upload) {
    await run.ask({ type: "upload", bytes: upload.bytes, name: upload.name, task: upload.task });
    run.uploaded = upload;
  }
  const r = await run.ask({ type: "init", config: cfg, grid: GRID, unitGrid: UNIT_GRID });
  return () => { run.setup = r.setup; run.picture = r.picture; run.test = r.setup.test; run.history = { columns: [], rows: [] }; run.collapse = r.collapse; };
}

// reset starts a new session from s (and the compared one, if any).
async function reset() {
  const g = ++generation;
  setPlaying(false);
  main.history = { columns: [], rows: [] };
  writeAddress(); showSettings();
  $("comparePanel").hidden = !s.compare;
  let cfg, cfg2;
  try { cfg = config(); if (s.compare) cfg2 = compareConfig(cfg); } catch (err) { showMessage(err.message); return false; }
  busy = true;
  try {
    const inits = [initRun(main, cfg)];
    if (cfg2) { cmp = cmp || newRun(); inits.push(initRun(cmp, cfg2).catch((err) => { throw new Error("The compared network: " + err.message); })); }
    const done = await Promise.all(inits);
    if (g !== generation) return false;
    done.forEach((f) => f());
    showMessage("");
    $("fitCommand").textContent = main.setup.fitCommand; $("fitNote").textContent = main.setup.fitNote || "";
    $("compareWhat").textContent = s.compare;
    updateStatus(); draw();
    return true;
  } catch (err) {
    if (g === generation) { main.setup = null; showMessage(err.message); }
    return false;
  } finally { busy = false; }
}

function changed(restart) { if (restart) reset(); else { writeAddress(); draw(); } }

function comparing() { return s.compare && cmp && cmp.setup; }

async function step(epochs) {
  if (busy || !main.setup) return;
  setBusy(true);
  const g = generation;
  try {
    const runs = comparing() ? [main, cmp] : [main];
    const replies = await Promise.all(runs.map((run) => stepAsk(run, epochs)));
    if (g !== generation) return;
    if (playing && !replies.some((r) => r.report.error)) prefetch(runs, epochsPerFrame(main.history.rows.length + r0(replies)));
    replies.forEach((r, i) => {
      const run = runs[i];
      if (r.report.columns) run.history.columns = r.report.columns;
      run.history.rows.push(...r.report.rows);
      run.picture = r.picture; run.test = r.report.test; run.collapse = r.collapse;
      if (r.report.error) { showMessage((i ? "The compared network stopped: " : "Training stopped: ") + r.report.error); setPlaying(false); }
    });
    updateStatus(); draw();
    const stop = Number(s.stop);
    if (stop > 0 && main.history.rows.length >= stop) setPlaying(false);
  } catch (err) { showMessage(err.message); setPlaying(false); }
  finally { setBusy(false); }
  // The frame asks again whether the page still plays: a pause between
  // this step and the frame must stop the run there.
  if (playing && g === generation) requestAnimationFrame(() => { if (playing && g === generation) step(1); });
}

// A playing page asks for the next frame's epochs as soon as a frame's
// arrive, before drawing them, so that the worker trains while the page
// draws and waits for the next frame; stepAsk hands the next step the
// reply asked for early.
function prefetch(runs, epochs) {
  if (epochs < 1) return;
  for (const run of runs) {
    const reply = run.ask({ type: "step", epochs, grid: GRID, unitGrid: UNIT_GRID });
    reply.catch(() => {}); // a reply dropped by a reset must not count as unhandled; stepAsk's caller sees the error
    run.next = { generation, reply };
  }
}
function stepAsk(run, epochs) {
  const next = run.next;
  run.next = null;
  if (next && next.generation === generation) return next.reply;
  return run.ask({ type: "step", epochs, grid: GRID, unitGrid: UNIT_GRID });
}
// epochsPerFrame is how many epochs the next frame trains, the run being
// at epoch done: one, Playground's pace, while the page keeps up
// MIN_PACE frames a second; more when frames come slower (a loaded
// machine), so that the run still advances MIN_PACE epochs a second, each
// frame drawing every picture. Never past the address key stop.
const MIN_PACE = 30, MAX_EPOCHS_PER_FRAME = 8;
let frameMs = 0, lastFrame = 0;
function epochsPerFrame(done) {
  const now = performance.now();
  if (lastFrame) frameMs = frameMs ? 0.8 * frameMs + 0.2 * (now - lastFrame) : now - lastFrame;
  lastFrame = now;
  const k = Math.min(MAX_EPOCHS_PER_FRAME, Math.max(1, Math.ceil(frameMs * MIN_PACE / 1000)));
  const stop = Number(s.stop);
  return stop > 0 ? Math.min(k, stop - done) : k;
}
function r0(replies) { return replies.length ? replies[0].report.rows.length : 0; }

// inFlight says whether an epoch asked for early has not been shown.
function inFlight() { return [main, cmp].some((run) => run && run.next && run.next.generation === generation); }

function setBusy(b) { busy = b; $("status").setAttribute("data-busy", b ? "1" : "0"); }

function setPlaying(p) {
  playing = p;
  $("play").textContent = p ? "\u23F8 Pause" : "\u25B6 Play";
  $("play").title = p ? "Pause" : "Play";
  $("status").setAttribute("data-state", p ? "playing" : "paused");
  lastFrame = frameMs = 0;
  if (p) step(1);
  else if (!busy && inFlight()) step(1); // show the epoch the worker has already trained
}

function col(run, name) {
  const j = run.history.columns.indexOf(name);
  return j < 0 ? [] : run.history.rows.map((r) => r[j]);
}
function last(run, name) {
  const j = run.history.columns.indexOf(name), rows = run.history.rows;
  return j < 0 || !rows.length ? null : rows[rows.length - 1][j];
}
const fmt = (v) => (v === null || v === undefined ? "\u2013" : Number(v).toFixed(3));

// statusOf writes run's last epoch into the attributes of el and the text
// of metricsEl.
function statusOf(run, el, metricsEl) {
  el.setAttribute("data-epoch", String(run.history.rows.length));
  el.setAttribute("data-task", run.setup ? run.setup.task : "");
  for (const [attr, c] of [["data-train-loss", "train_loss"], ["data-test-loss", "val_loss"], ["data-test-accuracy", "val_accuracy"], ["data-test-auc", "val_auc"]]) {
    const v = last(run, c);
    el.setAttribute(attr, v === null ? "" : String(v));
  }
  const t = run.test || {};
  for (const [attr, v] of [["data-test-rmse", t.rmse], ["data-test-r2", t.r2], ["data-roc-points", t.rocPoints], ["data-roc-drawn", t.fpr ? t.fpr.length : null]])
    el.setAttribute(attr, v === null || v === undefined ? "" : String(v));
  let text = "Train loss " + fmt(last(run, "train_loss")) + "  Test loss " + fmt(last(run, "val_loss"));
  if (run.setup && run.setup.task === "regression") text += "  Test RMSE " + fmt(t.rmse) + "  R\u00b2 " + fmt(t.r2);
  else text += "  Test accuracy " + fmt(last(run, "val_accuracy")) + "  AUC " + fmt(last(run, "val_auc"));
  metricsEl.textContent = text;
}

function updateStatus() {
  const epoch = main.history.rows.length;
  statusOf(main, $("status"), $("metrics"));
  if (comparing()) statusOf(cmp, $("compareStatus"), $("compareMetrics"));
  $("epoch").textContent = String(epoch);
  if (main.setup) $("fitCommand").textContent = main.setup.fitCommand.replace(/--epochs \d+/, "--epochs " + Math.max(1, epoch));
  const dead = [];
  for (let k = 1; main.history.columns.includes("dead_fraction_" + k); k++) dead.push("layer " + k + ": " + Math.round(100 * last(main, "dead_fraction_" + k)) + "% dead");
  $("deadFractions").textContent = dead.join(", ");
}

let frames = 0;          // pictures drawn, for the speed benchmark (#status data-frames)
function draw() {
  if (!main.setup || !main.picture) return;
  $("status").setAttribute("data-frames", String(++frames));
  window.labDraw.heatmap($("heatmap"), main.picture, main.setup, s, selectedUnit());
  window.labDraw.network($("network"), main.picture, main.setup, s, unitClick);
  window.labDraw.loss($("loss"), col(main, "train_loss"), col(main, "val_loss"));
  $("rocBox").hidden = main.setup.task === "regression";
  window.labDraw.roc($("roc"), main.test);
  if (comparing()) window.labDraw.heatmap($("heatmap2"), cmp.picture, cmp.setup, s, null);
  window.labCharts.layers($("layerCharts"), main.history);
  window.labCollapse.show($("collapse"), main.collapse, main.setup, s);
}
function selectedUnit() {
  if (!s.unit) { $("shown").textContent = ""; return null; }
  const [l, u] = s.unit.split(".").map(Number);
  const ok = main.picture.units[l - 1] && main.picture.units[l - 1][u - 1];
  $("shown").textContent = ok ? "Showing unit " + s.unit + " (click it again for the output)" : "";
  return ok ? main.picture.units[l - 1][u - 1] : null;
}
function unitClick(layer, unit) { const key = layer + "." + unit; s.unit = s.unit === key ? "" : key; changed(false); }

function download(bytes, name, type) {
  const url = URL.createObjectURL(new Blob([bytes], { type }));
  const a = document.createElement("a");
  a.href = url; a.download = name; document.body.appendChild(a); a.click(); a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

function wire() {
  fillSelect($("lr"), LRS); fillSelect($("regrate"), REG_RATES);
  for (const f of FEATURES) {
    const l = document.createElement("label"), b = document.createElement("input");
    b.type = "checkbox"; b.value = f; l.append(b, " " + f); $("features").appendChild(l);
  }
  for (const id of ["data", "act", "lr", "opt", "n", "batch", "seed", "dropout", "ratio", "noise", "reg", "regrate"]) $(id).onchange = () => { readSettings(); changed(true); };
  $("features").onchange = () => { readSettings(); changed(true); };
  $("compare").onchange = () => { readSettings(); changed(true); };
  $("compareIdentity").onclick = () => { s.compare = "act:identity"; changed(true); };
  $("compareLR").onclick = () => { s.compare = "lr:" + Number((Number(s.lr) * 10).toPrecision(12)); changed(true); };
  $("compareStop").onclick = () => { s.compare = ""; changed(true); };
  $("task").onchange = () => {
    s.task = $("task").value;
    if (s.data === "upload" && upload) upload = Object.assign({}, upload, { task: s.task });
    else s.data = (s.task === "regression" ? catalogue.regression : catalogue.data)[0];
    changed(true);
  };
  $("upload").onchange = () => readUpload($("upload").files[0]);
  for (const id of ["showTest", "discretize"]) $(id).onchange = () => { readSettings(); changed(false); };
  $("regenerate").onclick = () => { s.seed = String(Number(s.seed) + 1); changed(true); };
  $("addLayer").onclick = () => { const h = hiddenSizes(); if (h.length >= MAX_LAYERS) return showMessage("At most " + MAX_LAYERS + " hidden layers."); h.push(2); s.hidden = h.join(","); changed(true); };
  $("removeLayer").onclick = () => { const h = hiddenSizes(); h.pop(); s.hidden = h.join(","); changed(true); };
  $("reset").onclick = () => reset();
  $("play").onclick = () => setPlaying(!playing);
  $("step").onclick = () => { setPlaying(false); step(1); };
  $("downloadModel").onclick = async () => { try { const r = await ask({ type: "model" }); download(r.bytes, "model.safetensors", "application/octet-stream"); } catch (err) { showMessage(err.message); } };
  $("downloadData").onclick = async () => { try { const r = await ask({ type: "csv" }); download(r.text, "data.csv", "text/csv"); } catch (err) { showMessage(err.message); } };
  $("copyFit").onclick = () => navigator.clipboard.writeText($("fitCommand").textContent).catch((err) => showMessage("Copy failed: " + err.message));
}

// readUpload has the engine read the CSV file f and, when it reads,
// trains on it; a file too big is refused before it is read.
async function readUpload(f) {
  if (!f) return;
  if (f.size > MAX_UPLOAD_BYTES) return showMessage(f.name + ": " + f.size + " bytes; the lab reads CSV files up to 20 MB.");
  try {
    const up = { bytes: new Uint8Array(await f.arrayBuffer()), name: f.name, task: s.task };
    const r = await ask({ type: "upload", bytes: up.bytes, name: up.name, task: up.task });
    upload = up; main.uploaded = up;
    $("uploadInfo").textContent = f.name + ": " + r.info.rows + " rows, features " + r.info.columns.join(", ");
    s.data = "upload"; changed(true);
  } catch (err) { showMessage(err.message); }
}

let catalogue = { data: [], regression: [] };
async function start() {
  wire();
  readAddress();
  try {
    catalogue = (await ask({ type: "catalogue" })).catalogue;
    fillSelect($("act"), catalogue.activations);
  } catch (err) { showMessage("The engine did not load: " + err.message); return; }
  const play = s.play === "1";
  if (await reset() && play) setPlaying(true);
  $("status").setAttribute("data-ready", "1");
}
// window.lab is a hook for automated checks: the engine's message API and
// what the page shows.
window.lab = { ask, shown: () => ({ setup: main.setup, picture: main.picture, test: main.test, collapse: main.collapse, history: main.history }) };
start();
})();
