// The collapse view: with the identity activation the whole network, however
// deep, is one affine map out = W·f + b of its features f (the engine's
// Collapse, computed once per step; the standardisation is folded in, so
// the numbers are in the data's units). The page writes it out next to the
// network, and for data in the plane says what that makes the boundary.
"use strict";
(() => {
const RAW = new Set(["x1", "x2"]);

// num writes v short: three decimals, or three significant digits in
// exponent form for very large or small values.
function num(v) {
  if (v === null || !isFinite(v)) return "NaN";
  const a = Math.abs(v);
  return a !== 0 && (a >= 1e4 || a < 1e-3) ? a.toExponential(2) : a.toFixed(3);
}

// formula writes w·f + b as "1.234·x1 − 0.450·x2 + 0.070".
function formula(w, b, features) {
  let out = "";
  w.forEach((wi, j) => {
    const neg = wi !== null && wi < 0;
    out += (j === 0 ? (neg ? "\u2212" : "") : neg ? " \u2212 " : " + ") + num(wi) + "\u00b7" + features[j];
  });
  const neg = b !== null && b < 0;
  return out + (neg ? " \u2212 " : " + ") + num(b);
}

// boundaryNote says what the map makes of the output over the plane, or
// "" when the data is not in the plane.
function boundaryNote(setup, c) {
  if (!setup.plottable) return "";
  const plane = c.features.every((f) => RAW.has(f));
  if (!plane) return "The map is linear in the features, not in (x1, x2): the nonlinear features, not the network, bend the boundary in the plane.";
  if (setup.task === "regression") return "Over (x1, x2) the output is a plane.";
  if (c.w.length === 1) return "The boundary (probability 0.5, where this logit is 0) is a straight line: " + formula(c.w[0], c.b[0], c.features) + " = 0.";
  return "The boundaries between classes (where two logits are equal) are straight lines.";
}

// show writes the collapse view of collapse (null: the network does not
// collapse) into el; data-collapsed on el says which. It runs every frame,
// so it keeps its elements and changes only their text.
function show(el, collapse, setup, s) {
  el.dataset.collapsed = collapse ? "1" : "0";
  if (!setup || !collapse) {
    el.textContent = setup ? "Collapse view: with the " + s.act + " activation the network is not one affine map (choose identity to see it collapse)." : "";
    return;
  }
  let v = el.view;
  if (!v || !el.contains(v.head)) {
    v = el.view = { head: document.createElement("p"), lead: document.createTextNode(""), list: document.createElement("ul"), note: document.createElement("p") };
    const b = document.createElement("b");
    b.textContent = "Collapse view. ";
    v.head.append(b, v.lead);
    el.replaceChildren(v.head, v.list, v.note);
  }
  v.lead.data = "With the identity activation the whole network (" + (setup.sizes.length - 1) + " dense layers) is one affine map of its features:";
  while (v.list.childElementCount > collapse.w.length) v.list.lastChild.remove();
  while (v.list.childElementCount < collapse.w.length) { const li = document.createElement("li"); li.className = "formula"; v.list.appendChild(li); }
  collapse.w.forEach((w, o) => { v.list.children[o].textContent = collapse.outputs[o] + " = " + formula(w, collapse.b[o], collapse.features); });
  v.note.textContent = boundaryNote(setup, collapse);
}

window.labCollapse = { show, formula };
})();
