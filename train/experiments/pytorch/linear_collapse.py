#!/usr/bin/env python3
"""Replicates linear-collapse in PyTorch from its documented setup
(docs/experiments.md): MLP [2 16 16 16 16 2], PyTorch's default
initialisation, Adam lr 0.01, batch 32, 200 epochs, cross-entropy on two
logits, 400 points (25% held out, standardised). Run by hand from the
repository's root with Debian's python3-torch; not run by tests or CI:

    /usr/bin/python3 train/experiments/pytorch/linear_collapse.py > train/experiments/pytorch/linear-collapse.json

Seeds are numpy/torch seeds of its own: agreement is up to seed noise.
"""
import numpy as np
import torch

import nnlab_setup as S

SEEDS = [1, 2, 3]
CELLS = [("circle", 0, "identity"), ("circle", 0, "relu"), ("xor", 0, "identity"), ("xor", 0, "relu")]


def deviation(net, rng):
    """Largest |network(x) - (A x + c)| over 1000 inputs x ~ N(0, 2^2)."""
    lins = [m for m in net if isinstance(m, torch.nn.Linear)]
    a, c = torch.eye(2, dtype=torch.float64), torch.zeros(2, dtype=torch.float64)
    for l in lins:
        a, c = l.weight @ a, l.weight @ c + l.bias
    x = torch.tensor(rng.normal(0, 2, (1000, 2)))
    with torch.no_grad():
        return float((net(x) - (x @ a.T + c)).abs().max())


def main():
    numbers, devs = [], []
    for ds, noise, act in CELLS:
        accs = []
        for seed in SEEDS:
            rng = np.random.default_rng(seed)
            torch.manual_seed(seed)
            xtr, ytr, xte, yte = S.split(ds, 400, noise, rng)
            net = S.mlp([2, 16, 16, 16, 16, 2], act, "torch")
            ok = S.fit(net, S.optimizer(net, "adam", 0.01), xtr, ytr, 200)
            accs.append(S.accuracy(net, xte, yte) if ok else None)
            if act == "identity":
                devs.append(deviation(net, rng))
        numbers.append(S.entry(f"test accuracy, {ds}, {act}", "accuracy", [ds, act], accs))
    numbers.append(S.entry("identity network minus its affine map, largest |difference| (trained)", "max_deviation", [],
                           [max(devs)], tol=1e-12))
    S.write("linear-collapse", SEEDS, "circle and xor, identity and relu only (the headline cells), 3 seeds; "
            "spiral, moons, tanh and the logistic baseline not replicated", numbers)


if __name__ == "__main__":
    main()
