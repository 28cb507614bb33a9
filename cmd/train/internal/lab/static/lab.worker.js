// The lab's Web Worker: it runs nnlab's engine (lab.wasm.gz, Go compiled
// to WebAssembly) so that the page stays responsive while it trains. The
// page sends {type, ...} messages; each gets one reply.
"use strict";
importScripts("wasm_exec.js");

const ready = (async () => {
  const go = new Go();
  const resp = await fetch("lab.wasm.gz");
  if (!resp.ok) throw new Error("loading lab.wasm.gz: HTTP " + resp.status);
  // Decompressed here rather than by the server, so that any static host
  // serves the same files.
  const wasm = await new Response(resp.body.pipeThrough(new DecompressionStream("gzip"))).arrayBuffer();
  const { instance } = await WebAssembly.instantiate(wasm, go.importObject);
  go.run(instance); // sets self.nnlab, then waits for calls
  if (!self.nnlab) throw new Error("the engine did not start");
})();

function call(fn, ...args) {
  const r = fn(...args);
  const out = typeof r === "string" ? JSON.parse(r) : unpackPicture(r);
  if (out && out.error && !Array.isArray(out.rows)) throw new Error(out.error);
  return out;
}

// unpackPicture turns the engine's picture, {meta: JSON, values:
// Float64Array}, into the object the page draws: output the grid² cells
// of the decision heatmap, units[layer][unit] each unit's unitGrid²
// cells, all views on the one array, which postMessage copies at once.
function unpackPicture(r) {
  const p = JSON.parse(r.meta);
  if (p.error) return p;
  const v = r.values, big = p.grid * p.grid, small = p.unitGrid * p.unitGrid;
  p.output = v.subarray(0, Math.min(big, v.length));
  let at = big;
  p.units = v.length ? p.dead.map((layer) => layer.map(() => v.subarray(at, at += small))) : [];
  return p;
}

self.onmessage = async (e) => {
  const msg = e.data;
  try {
    await ready;
    const api = self.nnlab;
    switch (msg.type) {
      case "catalogue":
        self.postMessage({ type: "catalogue", id: msg.id, catalogue: call(api.catalogue) });
        break;
      case "init": {
        const setup = call(api.newSession, JSON.stringify(msg.config));
        const picture = call(api.picture, msg.grid, msg.unitGrid);
        self.postMessage({ type: "setup", id: msg.id, setup, picture, collapse: call(api.collapse) });
        break;
      }
      case "step": {
        const report = call(api.step, msg.epochs);
        const picture = call(api.picture, msg.grid, msg.unitGrid);
        self.postMessage({ type: "step", id: msg.id, report, picture, collapse: call(api.collapse) });
        break;
      }
      case "model": {
        const b = api.model();
        if (typeof b === "string") throw new Error(b);
        self.postMessage({ type: "model", id: msg.id, bytes: b }, [b.buffer]);
        break;
      }
      case "upload":
        self.postMessage({ type: "upload", id: msg.id, info: call(api.upload, msg.bytes, msg.name, msg.task) });
        break;
      case "bench": {
        // Times msg.epochs epochs of training alone, no pictures: the
        // speed benchmark's WebAssembly step.
        const t0 = performance.now();
        const report = call(api.step, msg.epochs);
        const ms = performance.now() - t0;
        if (report.error) throw new Error(report.error);
        self.postMessage({ type: "bench", id: msg.id, ms });
        break;
      }
      case "csv":
        self.postMessage({ type: "csv", id: msg.id, text: api.dataCSV() });
        break;
      default:
        throw new Error("unknown message " + msg.type);
    }
  } catch (err) {
    self.postMessage({ type: "error", id: msg.id, message: String(err && err.message || err) });
  }
};
