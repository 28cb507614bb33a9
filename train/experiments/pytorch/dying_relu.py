#!/usr/bin/env python3
"""Replicates dying-relu in PyTorch from its documented setup
(docs/experiments.md): MLP [2 32 32 32 2] (he_normal) on moons (400 points,
noise 0.1, 25% held out, standardised), cross-entropy, batch 32, 50 epochs;
a hidden unit is dead when its pre-activation is <= 0 on every training
sample. For each seed the data and initial weights are the same at every
rate and optimizer. Run by hand from the repository's root with Debian's
python3-torch; not run by tests or CI:

    /usr/bin/python3 train/experiments/pytorch/dying_relu.py > train/experiments/pytorch/dying-relu.json

Seeds are numpy/torch seeds of its own: agreement is up to seed noise.
"""
import copy

import numpy as np
import torch

import nnlab_setup as S

SEEDS = [1, 2, 3]
RUNS = [("relu", "adam", 0.01), ("relu", "adam", 0.1), ("relu", "adam", 0.3),
        ("relu", "sgd", 0.01), ("relu", "sgd", 1), ("elu", "adam", 0.3)]


def dead_fraction(net, x):
    """Share of hidden units whose pre-activation is <= 0 on every sample."""
    dead, total, h = 0, 0, torch.tensor(x)
    lins = [m for m in net if isinstance(m, torch.nn.Linear)]
    with torch.no_grad():
        for k, m in enumerate(net):
            h = m(h)
            if isinstance(m, torch.nn.Linear) and m is not lins[-1]:
                dead += int((h <= 0).all(0).sum())
                total += h.shape[1]
    return dead / total


def main():
    starts = {}
    for seed in SEEDS:
        rng = np.random.default_rng(seed)
        torch.manual_seed(seed)
        starts[seed] = S.split("moons", 400, 0.1, rng), S.mlp([2, 32, 32, 32, 2], "relu", "he_normal")
    numbers = []
    for act, opt, lr in RUNS:
        dead, acc = [], []
        for seed in SEEDS:
            (xtr, ytr, xte, yte), net0 = starts[seed]
            net = copy.deepcopy(net0)
            if act != "relu":  # paired control: same weights, other activation
                net = torch.nn.Sequential(*[S.ACT[act]() if isinstance(m, torch.nn.ReLU) else m for m in net])
            torch.manual_seed(1000 + seed)
            if S.fit(net, S.optimizer(net, opt, lr), xtr, ytr, 50):
                dead.append(dead_fraction(net, xtr))
                acc.append(S.accuracy(net, xte, yte))
            else:
                dead.append(None)
                acc.append(None)
        if act == "relu":
            numbers.append(S.entry(f"dead fraction, relu, {opt} lr {lr:g}", "dead_fraction", [opt, f"{lr:g}"], dead))
            numbers.append(S.entry(f"test accuracy, relu, {opt} lr {lr:g}", "accuracy", [opt, f"{lr:g}"], acc))
        else:
            numbers.append(S.entry(f"dead fraction, {act}, {opt} lr {lr:g}", "controls",
                                   [act, opt, f"{lr:g}", "dead_fraction"], dead))
    S.write("dying-relu", SEEDS, "relu at adam lr 0.01, 0.1, 0.3 and sgd lr 0.01, 1, the elu control at adam lr 0.3, "
            "3 seeds; the other rates, the leaky_relu control and the mechanism not replicated", numbers)


if __name__ == "__main__":
    main()
