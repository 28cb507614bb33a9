#!/usr/bin/env python3
"""The nnlab benchmark workloads in PyTorch, for bench/run.

One step = forward, loss, backward, optimizer update, gradients zeroed,
as train/bench_test.go does in Go. Prints one line per workload:
name steps_per_s samples_per_s.

    torch_step.py [--threads N] [--dtype float64|float32] [--seconds S] [WORKLOAD ...]
    torch_step.py --info

--threads (default 1) is torch.set_num_threads and, since PyTorch leaves
OpenBLAS's own thread count alone (all cores by default), OpenBLAS's too;
--dtype (default float64, nnlab's) is the default dtype; --seconds (default
3) is how long each workload is timed after its warm-up; WORKLOAD is tiny,
medium or wide (default all three). A bare number as the first argument is
taken as the thread count, as earlier versions took it. --info prints, one
per line, PyTorch's version, its BLAS and the kernel the BLAS picked for
this CPU (OpenBLAS's core name), and its CPU capability.
"""
import argparse
import ctypes
import re
import sys
import time

import torch

WORKLOADS = {
    # name: sizes, batch, samples, classes, adam, lr
    "tiny": ([2, 16, 16, 1], 32, 1024, 2, False, 0.1),
    "medium": ([784, 256, 256, 10], 128, 1024, 10, True, 1e-3),
    "wide": ([784, 1024, 1024, 10], 256, 1024, 10, True, 1e-3),
}


def openblas_libs():
    """Paths of the OpenBLAS libraries loaded into this process."""
    with open("/proc/self/maps") as f:
        return sorted({line.split()[-1] for line in f if "libopenblas" in line and "/" in line})


def blas_set_threads(n):
    """Sets the thread count of the OpenBLAS PyTorch calls, if it uses one."""
    for path in openblas_libs():
        ctypes.CDLL(path).openblas_set_num_threads(n)


def blas_info():
    """PyTorch's BLAS, as built and as loaded: name, version, core."""
    cfg = torch.__config__.show()
    built = re.search(r"BLAS_INFO=([^,\s]+)", cfg)
    cap = re.search(r"CPU capability usage: (\S+)", cfg)
    lines = [f"torch {torch.__version__}",
             f"blas_info {built.group(1) if built else 'unknown'}",
             f"cpu_capability {cap.group(1) if cap else 'unknown'}"]
    if torch.backends.mkl.is_available():
        lines.append("blas MKL")
    for path in openblas_libs():
        lib = ctypes.CDLL(path)
        lib.openblas_get_corename.restype = ctypes.c_char_p
        lib.openblas_get_config.restype = ctypes.c_char_p
        lines.append(f"blas OpenBLAS {path}")
        lines.append(f"openblas_config {lib.openblas_get_config().decode()}")
        lines.append(f"openblas_core {lib.openblas_get_corename().decode()}")
    return lines


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
        y = torch.randint(0, 2, (samples, 1)).to(torch.get_default_dtype())
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

    for i in range(20 if batch * sizes[1] < 100000 else 3):
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
    p.add_argument("--dtype", choices=["float64", "float32"], default="float64")
    p.add_argument("--seconds", type=float, default=3.0)
    p.add_argument("--info", action="store_true")
    p.add_argument("workloads", nargs="*", metavar="WORKLOAD")
    args = p.parse_args(argv)
    for name in args.workloads:
        if name not in WORKLOADS:
            p.error(f"unknown workload {name!r} (have {', '.join(WORKLOADS)})")
    if args.info:
        print("\n".join(blas_info()))
        return
    torch.set_num_threads(args.threads)
    blas_set_threads(args.threads)
    torch.set_default_dtype(getattr(torch, args.dtype))
    torch.manual_seed(1)
    for name in args.workloads or list(WORKLOADS):
        run(name, *WORKLOADS[name], seconds=args.seconds)


if __name__ == "__main__":
    main(sys.argv[1:])
