#!/usr/bin/python3
"""Writes ../semantics.json: a few reference cases, in the format of
../README.md, for PyTorch behaviour that the main files do not exercise.
Run with PyTorch 1.13 and scikit-learn 1.2 from this folder:

    python3 semantics.py

bce_with_logits with weight (and pos_weight), a weight written as a nested
list, the BCE gradient at saturated probabilities, cross-entropy and NLL on
unbatched and K-dimensional inputs and with ignore_index, negative ELU alpha
and softplus beta, gelu's approximate option, optimizer options as
optimizer.defaults writes them (eps = 0, alpha = 0 included), and ROC
labels -1/1. Every value is float64; the inputs come from a seeded
generator, so the file is reproducible.

For issue 14 it adds, after those (so that their values stay as they were):
l1, huber (delta) and smooth_l1 (beta) with every reduction and inputs on
the kinks (a difference of 0 and of exactly ±delta or ±beta, smooth_l1 with
beta = 0); the L1 and L2 penalties lambda * w.abs().sum() and
lambda / 2 * (w ** 2).sum() over a list of weights with zeros among them
(kind "penalty"); R², MAE and RMSE from scikit-learn, one output and
several, constant targets included (kind "regression"); and dropout in
evaluation mode, and in training mode at p = 0 and p = 1, where PyTorch
draws nothing (kind "dropout").
"""
import json
import os

import torch
import torch.nn.functional as F
from sklearn.metrics import mean_absolute_error, mean_squared_error, r2_score, roc_auc_score, roc_curve

torch.set_default_dtype(torch.float64)
g = torch.Generator().manual_seed(2026)


def T(t):
    t = torch.as_tensor(t, dtype=torch.float64)
    return {"shape": list(t.shape), "data": t.detach().reshape(-1).tolist()}


def randn(*shape):
    return torch.randn(shape, generator=g)


def loss(name, kind, options, inp, target, fn):
    x = inp.clone().requires_grad_(True)
    out = fn(x)
    up = randn(*out.shape)
    (out * up).sum().backward()
    return {"kind": "loss", "name": name, "loss": kind, "options": options, "input": T(inp),
            "target": T(target), "output": T(out), "upstream": T(up), "grad_input": T(x.grad)}


def activation(name, act, params, fn):
    x0 = torch.cat([torch.tensor([0.0, -1e-3, 1e-3, -3.0, 3.0, -25.0, 25.0]), randn(5)]).reshape(3, 4)
    x = x0.clone().requires_grad_(True)
    y = fn(x)
    up = randn(3, 4)
    (y * up).sum().backward()
    return {"kind": "activation", "name": name, "activation": act, "params": params,
            "input": T(x0), "upstream": T(up), "output": T(y), "grad_input": T(x.grad)}


def optimizer(name, kind, cls, kw):
    p0 = randn(2, 3)
    p = torch.nn.Parameter(p0.clone())
    opt = cls([p], **kw)
    options = {k: (list(v) if isinstance(v, tuple) else v) for k, v in opt.defaults.items()}
    grads, params = [], []
    for _ in range(4):
        gr = randn(2, 3)
        grads.append(gr)
        p.grad = gr.clone()
        opt.step()
        params.append(p.detach().clone())
    return {"kind": "optimizer", "name": name, "optimizer": kind, "options": options, "param0": T(p0),
            "grads": [T(x) for x in grads], "params": [T(x) for x in params]}


def kinks(t):
    """Returns (input, target) [4, 3] whose differences include 0 and ±t
    exactly: the target is a multiple of 1/16, so that target + t - target
    is t again."""
    target = torch.round(randn(4, 3) * 16) / 16
    d = randn(4, 3) * 1.5
    d.view(-1)[:5] = torch.tensor([0.0, t, -t, 0.5 * t, -2 * t])
    return target + d, target


def robust_losses():
    cases = []
    for r in ["mean", "sum", "none"]:
        x, y = kinks(1.0)
        cases.append(loss(f"l1/kinks/{r}", "l1", {"reduction": r}, x, y, lambda v: F.l1_loss(v, y, reduction=r)))
        for delta in [1.0, 0.5]:
            x, y = kinks(delta)
            cases.append(loss(f"huber/delta={delta}/kinks/{r}", "huber", {"reduction": r, "delta": delta}, x, y,
                              lambda v: F.huber_loss(v, y, reduction=r, delta=delta)))
        for beta in [1.0, 2.0, 0.0]:
            x, y = kinks(beta if beta else 1.0)
            cases.append(loss(f"smooth_l1/beta={beta}/kinks/{r}", "smooth_l1", {"reduction": r, "beta": beta}, x, y,
                              lambda v: F.smooth_l1_loss(v, y, reduction=r, beta=beta)))
    return cases


def penalties():
    cases = []
    w0 = [randn(3, 2), randn(1, 3)]
    w0[0][1, 0] = 0.0
    w0[1][0, 2] = 0.0
    for kind, lam, fn in [("l1", 0.01, lambda w: w.abs().sum()), ("l2", 0.1, lambda w: (w ** 2).sum())]:
        ws = [w.clone().requires_grad_(True) for w in w0]
        total = sum(fn(w) for w in ws)
        out = lam * total if kind == "l1" else lam / 2 * total
        out.backward()
        cases.append({"kind": "penalty", "name": f"penalty/{kind}/zeros", "penalty": kind, "lambda": lam,
                      "weights": [T(w) for w in w0], "output": T(out), "grad_weights": [T(w.grad) for w in ws]})
    return cases


def regression():
    cases = []

    def case(name, yt, yp):
        c = {"kind": "regression", "name": name, "y_true": T(yt), "y_pred": T(yp)}
        for key, fn in [("r2", r2_score), ("mae", mean_absolute_error),
                        ("rmse", lambda a, b: mean_squared_error(a, b, squared=False))]:
            c[key] = float(fn(yt.numpy(), yp.numpy()))
        cases.append(c)

    yt = randn(20)
    case("regression/one_output", yt, yt + 0.3 * randn(20))
    yt = randn(15, 3)
    case("regression/three_outputs", yt, yt + randn(15, 3) * torch.tensor([0.1, 1.0, 3.0]))
    c = torch.full((6,), 2.5)
    case("regression/constant/exact", c, c.clone())
    case("regression/constant/inexact", c, c + 0.1 * randn(6))
    yt = torch.stack([randn(8), torch.full((8,), -1.0)], dim=1)
    case("regression/constant_column", yt, yt + 0.2 * randn(8, 2))
    return cases


def dropout():
    cases = []
    for name, p, training in [("eval/p=0.5", 0.5, False), ("eval/p=0.9", 0.9, False),
                              ("train/p=0", 0.0, True), ("train/p=1", 1.0, True)]:
        x0 = randn(3, 4)
        x = x0.clone().requires_grad_(True)
        m = torch.nn.Dropout(p)
        m.train(training)
        y = m(x)
        up = randn(3, 4)
        (y * up).sum().backward()
        cases.append({"kind": "dropout", "name": "dropout/" + name, "p": p, "mode": "train" if training else "eval",
                      "input": T(x0), "upstream": T(up), "output": T(y), "grad_input": T(x.grad)})
    return cases


def main():
    cases = []
    z, y = randn(3, 2), (torch.rand(3, 2, generator=g) > 0.5).double()
    w, pw = torch.rand(2, generator=g) + 0.5, torch.tensor([2.0, 0.5])
    cases.append(loss("bce_with_logits/weight_pos_weight/none", "bce_with_logits",
                      {"reduction": "none", "weight": w.tolist(), "pos_weight": pw.tolist()}, z, y,
                      lambda x: F.binary_cross_entropy_with_logits(x, y, weight=w, pos_weight=pw, reduction="none")))
    wr = torch.rand(3, 1, generator=g) + 0.5
    cases.append(loss("bce_with_logits/weight_rows_nested/mean", "bce_with_logits", {"weight": wr.tolist()}, z, y,
                      lambda x: F.binary_cross_entropy_with_logits(x, y, weight=wr)))
    p = torch.tensor([[0.0, 1.0], [1e-15, 1 - 1e-16], [0.5, 1e-13]])
    t = torch.tensor([[1.0, 0.0], [0.0, 1.0], [1.0, 0.0]])
    cases.append(loss("bce/saturated_grad/weight_rows_nested/sum", "bce", {"reduction": "sum", "weight": wr.tolist()},
                      p, t, lambda x: F.binary_cross_entropy(x, t, weight=wr, reduction="sum")))

    wc = torch.rand(3, generator=g) + 0.5
    zk, yk = randn(2, 3, 2), torch.tensor([[0, 2], [1, 2]])
    cases.append(loss("cross_entropy/kdim/weight_smoothing_ignore/mean", "cross_entropy",
                      {"weight": wc.tolist(), "label_smoothing": 0.2, "ignore_index": 2}, zk, yk.double(),
                      lambda x: F.cross_entropy(x, yk, weight=wc, label_smoothing=0.2, ignore_index=2)))
    cases.append(loss("cross_entropy/kdim/none", "cross_entropy", {"reduction": "none"}, zk, yk.double(),
                      lambda x: F.cross_entropy(x, yk, reduction="none")))
    tk = torch.softmax(randn(2, 3, 2), dim=1)
    cases.append(loss("cross_entropy/kdim/probabilities/mean", "cross_entropy",
                      {"target_is_probabilities": True, "label_smoothing": 0.1}, zk, tk,
                      lambda x: F.cross_entropy(x, tk, label_smoothing=0.1)))
    zu, yu = randn(4), torch.tensor(3)
    cases.append(loss("cross_entropy/unbatched/weight/none", "cross_entropy", {"reduction": "none", "weight": [1.0, 2.0, 0.5, 3.0]},
                      zu, yu.double(), lambda x: F.cross_entropy(x, yu, weight=torch.tensor([1.0, 2.0, 0.5, 3.0]), reduction="none")))
    zb, yb = randn(4, 3), torch.tensor([0, -100, 2, 1])
    cases.append(loss("cross_entropy/default_ignore_index/smoothing/mean", "cross_entropy", {"label_smoothing": 0.3},
                      zb, yb.double(), lambda x: F.cross_entropy(x, yb, label_smoothing=0.3)))
    lp, yn = torch.log_softmax(randn(4, 3), dim=1), torch.tensor([0, 1, 1, 2])
    cases.append(loss("nll/ignore_index/weight/mean", "nll", {"ignore_index": 1, "weight": wc.tolist()}, lp, yn.double(),
                      lambda x: F.nll_loss(x, yn, weight=wc, ignore_index=1)))
    lpk = torch.log_softmax(randn(2, 3, 2), dim=1)
    cases.append(loss("nll/kdim/ignore_index/none", "nll", {"reduction": "none", "ignore_index": 0}, lpk, yk.double(),
                      lambda x: F.nll_loss(x, yk, ignore_index=0, reduction="none")))

    cases.append(activation("elu/alpha=-0.7", "elu", {"alpha": -0.7}, lambda x: F.elu(x, alpha=-0.7)))
    cases.append(activation("softplus/beta=-1.5,threshold=4", "softplus", {"beta": -1.5, "threshold": 4.0},
                            lambda x: F.softplus(x, beta=-1.5, threshold=4.0)))
    cases.append(activation("gelu/approximate=tanh", "gelu", {"approximate": "tanh"}, lambda x: F.gelu(x, approximate="tanh")))
    cases.append(activation("gelu/approximate=none", "gelu", {"approximate": "none"}, lambda x: F.gelu(x, approximate="none")))

    cases.append(optimizer("adam/defaults_dict/eps=0", "adam", torch.optim.Adam, {"lr": 0.01, "eps": 0.0}))
    cases.append(optimizer("rmsprop/defaults_dict/alpha=0", "rmsprop", torch.optim.RMSprop, {"lr": 0.01, "alpha": 0.0, "momentum": 0.5}))
    cases.append(optimizer("sgd/defaults_dict", "sgd", torch.optim.SGD, {"lr": 0.1, "momentum": 0.9, "nesterov": True}))
    cases.append(optimizer("adamw/defaults_dict/foreach", "adamw", torch.optim.AdamW, {"lr": 0.01, "foreach": True}))

    labels, scores = [-1, 1, -1, 1, 1, -1], [0.1, 0.4, 0.35, 0.8, 0.35, 0.7]
    fpr, tpr, thr = roc_curve(labels, scores, drop_intermediate=False)
    cases.append({"kind": "roc", "name": "roc/labels_-1_1", "labels": [float(v) for v in labels], "scores": scores,
                  "fpr": fpr.tolist(), "tpr": tpr.tolist(), "thresholds": thr[1:].tolist(),
                  "auc": float(roc_auc_score(labels, scores))})

    cases += robust_losses() + penalties() + regression() + dropout()

    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "semantics.json")
    with open(out, "w") as f:
        json.dump({"cases": cases}, f)


if __name__ == "__main__":
    main()
