#!/usr/bin/env python3
"""The nnlab benchmark workloads in PyTorch, for bench/run.

One step = forward, loss, backward, optimizer update, gradients zeroed,
float64, as train/bench_test.go does in Go. Prints one line per workload:
name steps_per_s samples_per_s.

    torch_step.py [--threads N] [--seconds S] [WORKLOAD ...]

--threads (default 1) is torch.set_num_threads; --seconds (default 3) is
how long each workload is timed after its warm-up; WORKLOAD is tiny or
medium (default both). A bare number as the first argument is taken as
the thread count, as earlier versions took it.
"""
import argparse
import sys
import time

import torch

WORKLOADS = {
    # name: sizes, batch, samples, classes, adam, lr
    "tiny": ([2, 16, 16, 1], 32, 1024, 2, False, 0.1),
    "medium": ([784, 256, 256, 10], 128, 1024, 10, True, 1e-3),
}


def mlp(sizes):
    layers = []
    for i in range(len(sizes) - 1):
        if i > 0:
            layers.append(torch.nn.ReLU())
        layers.append(torch.nn.Linear(sizes[i], sizes[i + 1]))
    return torch.nn.Sequential(*layers)


def run(name, sizes, batch, samples, classes, adam, lr, seconds):
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


def main(argv):
    if argv and argv[0].isdigit():
        argv = ["--threads"] + argv
    p = argparse.ArgumentParser(description="nnlab's benchmark workloads in PyTorch")
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--seconds", type=float, default=3.0)
    p.add_argument("workloads", nargs="*", metavar="WORKLOAD")
    args = p.parse_args(argv)
    for name in args.workloads:
        if name not in WORKLOADS:
            p.error(f"unknown workload {name!r} (have {', '.join(WORKLOADS)})")
    torch.set_num_threads(args.threads)
    torch.set_default_dtype(torch.float64)
    torch.manual_seed(1)
    for name in args.workloads or ["tiny", "medium"]:
        run(name, *WORKLOADS[name], seconds=args.seconds)


if __name__ == "__main__":
    main(sys.argv[1:])
