#!/usr/bin/env python3
"""Replicates init in PyTorch from its documented setup
(docs/experiments.md): at birth, ReLU MLPs of a width and depth, 30 networks
per cell on 128 inputs x ~ N(0, I2); born_dead is the share of networks whose
last hidden layer is zero on every input, dead_units_at_birth the share of
hidden units not positive on any input. After training: 8 hidden layers of
width 4 on moons (400 points, noise 0.1, 25% held out, standardised, the
same data for every initialisation of a seed), Adam lr 0.01, batch 32, 60
epochs, cross-entropy; the share of hidden units not positive on any
training input. RAI: every unit's weights and bias N(0, 2/fan_in) but one
position, drawn uniformly, set to a Beta(2, 1) draw. Run by hand from the
repository's root with Debian's python3-torch; not run by tests or CI:

    /usr/bin/python3 train/experiments/pytorch/init.py > train/experiments/pytorch/init.json

Seeds are numpy/torch seeds of its own: agreement is up to seed noise.
"""
import numpy as np
import torch

import nnlab_setup as S

SEEDS = [1, 2, 3, 4, 5]
TRAIN_SEEDS = [1, 2, 3]
INITS = ["he_normal", "torch", "rai"]
CELLS = [(2, 8), (2, 16), (4, 16)]


def hidden(net, x):
    """The post-activations of every hidden layer."""
    out, h = [], x
    with torch.no_grad():
        for m in list(net)[:-1]:
            h = m(h)
            if not isinstance(m, torch.nn.Linear):
                out.append(h)
    return out


def birth(init, width, depth, seed):
    torch.manual_seed(seed)
    x = torch.randn(128, 2, dtype=torch.float64)
    born, units = 0, []
    for _ in range(30):
        hs = hidden(S.mlp([2] + [width] * depth + [2], "relu", init), x)
        born += int((hs[-1] == 0).all())
        units.append(np.mean([float((h <= 0).all(0).double().mean()) for h in hs]))
    return born / 30, float(np.mean(units))


def trained(init, seed):
    rng = np.random.default_rng(seed)
    xtr, ytr, _, _ = S.split("moons", 400, 0.1, rng)
    torch.manual_seed(seed)
    net = S.mlp([2] + [4] * 8 + [2], "relu", init)
    S.fit(net, S.optimizer(net, "adam", 0.01), xtr, ytr, 60)
    hs = hidden(net, torch.tensor(xtr))
    return float(np.mean([float((h <= 0).all(0).double().mean()) for h in hs]))


def main():
    numbers = []
    for init in INITS:
        for w, d in CELLS:
            res = [birth(init, w, d, s) for s in SEEDS]
            numbers.append(S.entry(f"born dead, {init}, width {w}, depth {d}", "born_dead", [init, w, d], [b for b, _ in res]))
            numbers.append(S.entry(f"dead units at birth, {init}, width {w}, depth {d}", "dead_units_at_birth",
                                   [init, w, d], [u for _, u in res]))
    for init in ("he_normal", "rai"):
        numbers.append(S.entry(f"dead units after training, {init}", "trained", [init, "dead_units_after"],
                               [trained(init, s) for s in TRAIN_SEEDS], seeds=len(TRAIN_SEEDS)))
    S.write("init", SEEDS, "at birth: he_normal, torch and rai in three (width, depth) cells, 5 seeds; after "
            "training: he_normal and rai, 3 seeds; xavier_normal and the other cells not replicated", numbers)


if __name__ == "__main__":
    main()
