#!/usr/bin/env python3
"""Replicates sparsity-depth (at initialisation) in PyTorch from its
documented setup (docs/experiments.md): ReLU MLPs (he_normal weights, zero
biases), 50 networks per cell on 256 inputs x ~ N(0, I2); the activation
rate is the share of (input, unit) pairs with pre-activation > 0, averaged
over hidden layers, and a network is born dead when its last hidden layer
is zero on every input; both averaged over the cell's networks, then the
median over seeds. Run by hand from the repository's root with Debian's
python3-torch; not run by tests or CI:

    /usr/bin/python3 train/experiments/pytorch/sparsity_depth.py > train/experiments/pytorch/sparsity-depth.json

Seeds are numpy/torch seeds of its own: agreement is up to seed noise.
"""
import numpy as np
import torch

import nnlab_setup as S

SEEDS = [1, 2, 3, 4, 5]
CELLS = [(2, 2), (2, 8), (2, 16), (4, 8), (4, 16), (32, 16)]


def cell(width, depth, seed):
    torch.manual_seed(seed)
    x = torch.randn(256, 2, dtype=torch.float64)
    rates, dead = [], 0
    for _ in range(50):
        net = S.mlp([2] + [width] * depth + [2], "relu", "he_normal")
        h, layer_rates = x, []
        with torch.no_grad():
            for m in list(net)[:-1]:
                h = m(h)
                if isinstance(m, torch.nn.Linear):
                    layer_rates.append(float((h > 0).double().mean()))
        rates.append(np.mean(layer_rates))
        dead += int((h == 0).all())
    return float(np.mean(rates)), dead / 50


def main():
    numbers = []
    for w, d in CELLS:
        res = [cell(w, d, s) for s in SEEDS]
        numbers.append(S.entry(f"activation rate at init, width {w}, depth {d}", "rate", [w, d], [r for r, _ in res]))
        numbers.append(S.entry(f"born dead, width {w}, depth {d}", "born_dead", [w, d], [b for _, b in res]))
    S.write("sparsity-depth", SEEDS, "at initialisation, six (width, depth) cells of the relu grid, 5 seeds; the "
            "controls, path fractions and the trained network not replicated", numbers)


if __name__ == "__main__":
    main()
