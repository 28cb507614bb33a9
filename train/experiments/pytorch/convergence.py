#!/usr/bin/env python3
"""Replicates convergence in PyTorch from its documented setup
(docs/experiments.md). (a) Gradients at initialisation: an MLP of 10 dense
layers of width 32, one backward pass of cross-entropy (mean) over the 256
training points of a 341-point spiral (noise 0, stratified 25% split,
standardised); grad_ratio is the RMS weight gradient of the second dense
layer over that of the second-to-last, with He (ReLU family) or Glorot
(tanh, sigmoid) and with PyTorch's default, on 40 seeds. (b) Training
speed: MLP [2 32 32 32 2] on spiral (400 points, noise 0), SGD momentum 0.9,
batch 32, usual initialiser; epochs until the training accuracy (measured
after each epoch on the whole training part) first reaches 0.95, at most
150. Run by hand from the repository's root with Debian's python3-torch;
not run by tests or CI:

    /usr/bin/python3 train/experiments/pytorch/convergence.py > train/experiments/pytorch/convergence.json

Seeds are numpy/torch seeds of its own: agreement is up to seed noise.
"""
import numpy as np
import torch

import nnlab_setup as S

GRAD_SEEDS = list(range(1, 41))
SEEDS = [1, 2, 3]
ACTS = ["relu", "leaky_relu", "elu", "gelu", "tanh", "sigmoid"]
USUAL = {a: ("xavier_normal" if a in ("tanh", "sigmoid") else "he_normal") for a in ACTS}
TRAIN = [("relu", 0.03), ("relu", 0.1), ("gelu", 0.1), ("tanh", 0.1)]


def grad_ratio(act, init, seed):
    rng = np.random.default_rng(seed)
    torch.manual_seed(seed)
    xtr, ytr, _, _ = S.split("spiral", 341, 0, rng)
    net = S.mlp([2] + [32] * 9 + [2], act, init)
    torch.nn.functional.cross_entropy(net(torch.tensor(xtr)), torch.tensor(ytr)).backward()
    rms = [float(m.weight.grad.pow(2).mean().sqrt()) for m in net if isinstance(m, torch.nn.Linear)]
    return rms[1] / rms[-2]


def epochs_to_target(act, lr, seed):
    rng = np.random.default_rng(seed)
    torch.manual_seed(seed)
    xtr, ytr, _, _ = S.split("spiral", 400, 0, rng)
    net = S.mlp([2, 32, 32, 32, 2], act, USUAL[act])
    reached = [None]

    def on_epoch(e):
        if S.accuracy(net, xtr, ytr) >= 0.95:
            reached[0] = e + 1
            return True
        return False

    S.fit(net, S.optimizer(net, "sgd_momentum", lr), xtr, ytr, 150, on_epoch=on_epoch)
    return reached[0]


def main():
    numbers = []
    for act in ACTS:
        numbers.append(S.entry(f"grad ratio, {act}, {USUAL[act]}", "grad_ratio", [act],
                               [grad_ratio(act, USUAL[act], s) for s in GRAD_SEEDS], seeds=len(GRAD_SEEDS)))
        numbers.append(S.entry(f"grad ratio, {act}, PyTorch default init", "grad_ratio_torch_init", [act],
                               [grad_ratio(act, "torch", s) for s in GRAD_SEEDS], seeds=len(GRAD_SEEDS)))
    for act, lr in TRAIN:
        numbers.append(S.entry(f"epochs to 0.95 train accuracy, {act}, lr {lr:g}", "epochs_by_lr", [act, f"{lr:g}"],
                               [epochs_to_target(act, lr, s) for s in SEEDS]))
    S.write("convergence", SEEDS, "gradients: all activations, both initialisations, 40 seeds; training: relu at lr "
            "0.03 and 0.1, gelu and tanh at lr 0.1, 3 seeds (other rates and activations not replicated)", numbers)


if __name__ == "__main__":
    main()
