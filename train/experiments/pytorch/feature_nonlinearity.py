#!/usr/bin/env python3
"""Replicates the feature-nonlinearity experiment in PyTorch from its
documented setup (docs/experiments.md), not from nnlab's code: its own data
generation in numpy, the same hyperparameters. Run by hand, from the
repository's root, with Debian's python3-torch:

    /usr/bin/python3 train/experiments/pytorch/feature_nonlinearity.py > train/experiments/pytorch/feature-nonlinearity.json

Not run by tests or CI. The output has the layout of the other
replications (nnlab_setup.write): each headline number with nnlab's table
and path and the per-seed values. Seeds are numpy/torch seeds 1..20: the draws differ
from nnlab's, so the numbers agree up to seed noise, not bit for bit.
"""
import json
import sys

import numpy as np
import torch

N, TEST, HIDDEN, LR, BATCH, EPOCHS, SEEDS = 400, 0.25, [16, 16, 16, 16], 0.01, 32, 100, 20
FEATURES = {"x1,x2": lambda x: x,
            "x1,x2,x1^2,x2^2,x1*x2": lambda x: np.column_stack([x, x[:, 0] ** 2, x[:, 1] ** 2, x[:, 0] * x[:, 1]])}


def circle(n, rng):
    """Class 1 in the disc of radius 0.5, class 0 in the ring 0.7..1, n/2 each (noise 0)."""
    y = np.arange(n) % 2
    r = np.where(y == 1, 0.5 * rng.random(n), 0.7 + 0.3 * rng.random(n))
    a = 2 * np.pi * rng.random(n)
    return np.column_stack([r * np.sin(a), r * np.cos(a)]), y


def xor(n, rng):
    """Points uniform in [-1, 1]^2 pushed 0.06 from the axes; class 1 where x1*x2 >= 0 (noise 0)."""
    y = np.arange(n) % 2
    x = rng.uniform(-1, 1, size=(n, 2))
    x += 0.06 * np.sign(x)
    flip = (x[:, 0] * x[:, 1] >= 0).astype(int) != y
    x[flip, 0] *= -1  # move the point into a quadrant of its class
    return x, y


def split(x, y, rng):
    """Stratified: 25% of each class held out."""
    te = np.concatenate([rng.permutation(np.flatnonzero(y == c))[: int(round(TEST * np.sum(y == c)))] for c in (0, 1)])
    mask = np.zeros(len(y), bool)
    mask[te] = True
    return x[~mask], y[~mask], x[mask], y[mask]


def standardise(tr, te):
    m, s = tr.mean(0), tr.std(0)
    s[s == 0] = 1
    return (tr - m) / s, (te - m) / s


def run(data, fs, seed):
    rng = np.random.default_rng(seed)
    torch.manual_seed(seed)
    x, y = data(N, rng)
    xtr, ytr, xte, yte = split(x, y, rng)
    xtr, xte = standardise(xtr, xte)
    ftr, fte = standardise(FEATURES[fs](xtr), FEATURES[fs](xte))
    sizes = [ftr.shape[1]] + HIDDEN + [2]
    net = torch.nn.Sequential(*[torch.nn.Linear(a, b) for a, b in zip(sizes, sizes[1:])]).double()
    opt = torch.optim.Adam(net.parameters(), lr=LR)
    X, Y = torch.tensor(ftr), torch.tensor(ytr)
    for _ in range(EPOCHS):
        perm = torch.randperm(len(Y))
        for i in range(0, len(Y), BATCH):
            b = perm[i:i + BATCH]
            opt.zero_grad()
            torch.nn.functional.cross_entropy(net(X[b]), Y[b]).backward()
            opt.step()
    with torch.no_grad():
        return float((net(torch.tensor(fte)).argmax(1).numpy() == yte).mean())


def main():
    out = {"experiment": "feature-nonlinearity", "torch": torch.__version__, "seeds": list(range(1, SEEDS + 1)),
           "scope": "the whole experiment, 20 seeds", "numbers": []}
    for name, data in (("circle", circle), ("xor", xor)):
        for fs in FEATURES:
            accs = [run(data, fs, s) for s in range(1, SEEDS + 1)]
            out["numbers"].append({"label": f"test accuracy, {name}, {fs}", "table": "accuracy", "path": [name, fs],
                                   "values": accs, "median": float(np.median(accs))})
    json.dump(out, sys.stdout, indent=1, sort_keys=True)
    print()


if __name__ == "__main__":
    main()
