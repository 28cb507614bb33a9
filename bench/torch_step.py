#!/usr/bin/env python3
"""The nnlab benchmark workloads in PyTorch, for bench/run.

One step = forward, loss, backward, optimizer update, gradients zeroed,
float64, one thread (torch.set_num_threads(1)), as train/bench_test.go does
in Go. Prints one line per workload: name steps_per_s samples_per_s.
"""
import sys
import time

import torch

torch.set_num_threads(int(sys.argv[1]) if len(sys.argv) > 1 else 1)
torch.set_default_dtype(torch.float64)
torch.manual_seed(1)


def mlp(sizes):
    layers = []
    for i in range(len(sizes) - 1):
        if i > 0:
            layers.append(torch.nn.ReLU())
        layers.append(torch.nn.Linear(sizes[i], sizes[i + 1]))
    return torch.nn.Sequential(*layers)


def run(name, sizes, batch, samples, classes, adam, lr, seconds=3.0):
    model = mlp(sizes)
    x = torch.randn(samples, sizes[0])
    if classes == 2:
        y = torch.randint(0, 2, (samples, 1)).double()
        loss_fn = torch.nn.BCEWithLogitsLoss()
    else:
        y = torch.randint(0, classes, (samples,))
        loss_fn = torch.nn.CrossEntropyLoss()
    opt = (torch.optim.Adam(model.parameters(), lr=lr) if adam
           else torch.optim.SGD(model.parameters(), lr=lr))
    steps = samples // batch

    def step(i):
        b = i % steps
        xb, yb = x[b * batch:(b + 1) * batch], y[b * batch:(b + 1) * batch]
        loss = loss_fn(model(xb), yb)
        loss.backward()
        opt.step()
        opt.zero_grad(set_to_none=False)

    for i in range(20):
        step(i)
    n, start = 0, time.perf_counter()
    while True:
        for _ in range(10):
            step(n)
            n += 1
        el = time.perf_counter() - start
        if el >= seconds:
            break
    print(f"{name} {n / el:.1f} {n * batch / el:.1f}", flush=True)


run("tiny", [2, 16, 16, 1], 32, 1024, 2, False, 0.1)
run("medium", [784, 256, 256, 10], 128, 1024, 10, True, 1e-3)
