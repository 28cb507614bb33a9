#!/usr/bin/env python3
"""Replicates bce-vs-ce in PyTorch from its documented setup
(docs/experiments.md): (a) the first z on the grid -50..50 (step 0.01)
where sigmoid(z) rounds to 1, in float64 and float32; (b) a relu body
[2 16 16] (he_normal) with a 1-logit head trained by BCE with logits or a
2-logit head trained by cross-entropy, the same data, batches and body
weights for both, Adam lr 0.01, batch 32, 100 epochs, 400 points (25% held
out, standardised). Run by hand from the repository's root with Debian's
python3-torch; not run by tests or CI:

    /usr/bin/python3 train/experiments/pytorch/bce_vs_ce.py > train/experiments/pytorch/bce-vs-ce.json

Seeds are numpy/torch seeds of its own: agreement is up to seed noise.
"""
import copy

import numpy as np
import torch

import nnlab_setup as S

SEEDS = [1, 2, 3]
DATA = [("spiral", 0), ("gauss", 0.5)]


def saturation(dtype):
    z = torch.tensor(np.round(np.arange(-5000, 5001) / 100, 2), dtype=dtype)
    return float(np.round(float(z[torch.sigmoid(z) == 1][0]), 2))


def main():
    numbers = [S.entry("first z where sigmoid(z) rounds to 1, float64", "losses", ["naive_saturation_z"],
                       [saturation(torch.float64)], tol=0.005),
               S.entry("first z where sigmoid(z) rounds to 1, float32", "losses", ["naive_saturation_z_float32"],
                       [saturation(torch.float32)], tol=0.005)]
    for ds, noise in DATA:
        acc = {"bce": [], "ce": []}
        for seed in SEEDS:
            rng = np.random.default_rng(seed)
            torch.manual_seed(seed)
            xtr, ytr, xte, yte = S.split(ds, 400, noise, rng)
            body = S.mlp([2, 16, 16], "relu", "he_normal")
            body.append(torch.nn.ReLU())
            for head, k in (("bce", 1), ("ce", 2)):
                lin = torch.nn.Linear(16, k).double()
                S.init_linear(lin, "he_normal")
                net = torch.nn.Sequential(*copy.deepcopy(body), lin)
                torch.manual_seed(1000 + seed)
                S.fit(net, S.optimizer(net, "adam", 0.01), xtr, ytr, 100, loss=head)
                acc[head].append(S.accuracy(net, xte, yte))
        for head in ("bce", "ce"):
            numbers.append(S.entry(f"test accuracy, {ds}, {head} head", "heads", [head, "accuracy", ds], acc[head]))
    S.write("bce-vs-ce", SEEDS, "the saturation points; the heads on spiral and gauss only (circle, xor and moons are "
            "at 1.000 for both heads), 3 seeds", numbers)


if __name__ == "__main__":
    main()
