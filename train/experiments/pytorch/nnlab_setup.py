"""Shared pieces of the PyTorch replications: the data generators of
datasets/*.go reimplemented in numpy from their documented formulas, the
stratified split and standardisation of the experiments, the
initialisations, a training loop with nnlab's Trainer semantics (shuffled
batches every epoch, the last batch of an epoch smaller) and the JSON
output every script writes. Not run by tests or CI.
"""
import json
import sys

import numpy as np
import torch

TEST = 0.25  # the share of every data set held out, stratified
torch.set_num_threads(1)


def _u(rng, size=None):
    return rng.uniform(-1, 1, size)


def circle(n, noise, rng):
    """Disc of radius 0.5 (class 1) inside the ring 0.7..1 (class 0); a point
    is labelled by its position jittered by noise*U(-1,1) per axis, and
    drawn again until its label is the one wanted (class i%2)."""
    x = np.zeros((n, 2))
    y = np.arange(n) % 2
    for i in range(n):
        while True:
            r = 0.5 * rng.random() if rng.integers(2) == 0 else 0.7 + 0.3 * rng.random()
            a = 2 * np.pi * rng.random()
            p = np.array([r * np.sin(a), r * np.cos(a)])
            if int(np.hypot(*(p + noise * _u(rng, 2))) < 0.5) == y[i]:
                x[i] = p
                break
    return x, y


def xor(n, noise, rng):
    """Uniform in [-1,1]^2 pushed 0.06 from the axes; class 1 where
    (x1+jitter)(x2+jitter) >= 0, drawn again until the label is i%2."""
    x = np.zeros((n, 2))
    y = np.arange(n) % 2
    for i in range(n):
        while True:
            p = _u(rng, 2)
            p = p + 0.06 * np.where(p > 0, 1, -1)
            q = p + noise * _u(rng, 2)
            if int(q[0] * q[1] >= 0) == y[i]:
                x[i] = p
                break
    return x, y


def spiral(n, noise, rng, arms=2):
    """Playground spiral: point i is on arm k=i%arms at radius r=j/m (j=i//arms,
    m the arm's size), angle 1.75*2*pi*r + 2*pi*k/arms, jittered by
    (noise/5)*U(-1,1) per axis."""
    y = np.arange(n) % arms
    j = np.arange(n) // arms
    m = np.array([n // arms + (1 if k < n % arms else 0) for k in range(arms)])[y]
    r = j / m
    t = 1.75 * 2 * np.pi * r + 2 * np.pi * y / arms
    jit = noise / 5
    return np.column_stack([r * np.sin(t) + jit * _u(rng, n), r * np.cos(t) + jit * _u(rng, n)]), y


def moons(n, noise, rng):
    """scikit-learn make_moons: class c=i%2 at angle pi*j/(m-1) (j=i//2),
    class 1 shifted to (1-cos, 0.5-sin); Gaussian noise of sd noise."""
    y = np.arange(n) % 2
    j = np.arange(n) // 2
    m = np.array([n // 2 + (1 if c < n % 2 else 0) for c in (0, 1)])[y]
    t = np.pi * j / np.maximum(m - 1, 1)
    px, py = np.cos(t), np.sin(t)
    px, py = np.where(y == 1, 1 - px, px), np.where(y == 1, 0.5 - py, py)
    return np.column_stack([px, py]) + noise * rng.standard_normal((n, 2)), y


def gauss(n, noise, rng):
    """Two Gaussian clusters at ±(0.4, 0.4), sd sqrt(0.5+7*noise)/5."""
    y = np.arange(n) % 2
    c = np.where(y == 1, 0.4, -0.4)[:, None]
    return c + np.sqrt(0.5 + 7 * noise) / 5 * rng.standard_normal((n, 2)), y


DATA = {"circle": circle, "xor": xor, "spiral": spiral, "moons": moons, "gauss": gauss}


def split(name, n, noise, rng):
    """Draws the data set, holds out 25% of each class, standardises both
    parts with the training part's mean and (population) sd."""
    x, y = DATA[name](n, noise, rng)
    te = np.concatenate([rng.permutation(np.flatnonzero(y == c))[: int(round(TEST * np.sum(y == c)))] for c in (0, 1)])
    mask = np.zeros(len(y), bool)
    mask[te] = True
    xtr, xte = x[~mask], x[mask]
    mu, sd = xtr.mean(0), xtr.std(0)
    sd[sd == 0] = 1
    return (xtr - mu) / sd, y[~mask], (xte - mu) / sd, y[mask]


ACT = {"identity": torch.nn.Identity, "relu": torch.nn.ReLU, "tanh": torch.nn.Tanh,
       "sigmoid": torch.nn.Sigmoid, "leaky_relu": torch.nn.LeakyReLU, "elu": torch.nn.ELU,
       "gelu": torch.nn.GELU}


def init_linear(lin, how, gen=None):
    """he_normal N(0, 2/fan_in), xavier_normal N(0, 2/(fan_in+fan_out)) with
    zero bias; torch keeps nn.Linear's default; rai: every unit's weights and
    bias N(0, 2/fan_in) but one position, drawn uniformly, set to Beta(2, 1)."""
    fo, fi = lin.weight.shape
    with torch.no_grad():
        if how == "torch":
            return
        if how in ("he_normal", "rai"):
            lin.weight.normal_(0, np.sqrt(2 / fi))
            lin.bias.zero_()
        elif how == "xavier_normal":
            lin.weight.normal_(0, np.sqrt(2 / (fi + fo)))
            lin.bias.zero_()
        else:
            raise ValueError(how)
        if how == "rai":
            lin.bias.normal_(0, np.sqrt(2 / fi))
            for i in range(fo):
                k = int(torch.randint(fi + 1, (1,)))
                beta = float(torch.rand(1)) ** 0.5  # Beta(2, 1) by inversion
                if k < fi:
                    lin.weight[i, k] = beta
                else:
                    lin.bias[i] = beta


def mlp(sizes, act, init):
    layers = []
    for k, (a, b) in enumerate(zip(sizes, sizes[1:])):
        lin = torch.nn.Linear(a, b)
        init_linear(lin, init)
        layers.append(lin)
        if k < len(sizes) - 2:
            layers.append(ACT[act]())
    return torch.nn.Sequential(*layers).double()


def optimizer(net, name, lr):
    if name == "adam":
        return torch.optim.Adam(net.parameters(), lr=lr)
    if name == "sgd":
        return torch.optim.SGD(net.parameters(), lr=lr)
    if name == "sgd_momentum":
        return torch.optim.SGD(net.parameters(), lr=lr, momentum=0.9)
    raise ValueError(name)


def fit(net, opt, xtr, ytr, epochs, batch=32, loss="ce", on_epoch=None, on_step=None):
    """Shuffled batches of `batch` rows each epoch (the last one smaller),
    mean loss. on_epoch(epoch) returning True stops. Returns False when the
    loss became non-finite (the run diverged)."""
    X, Y = torch.tensor(xtr), torch.tensor(ytr)
    for e in range(epochs):
        perm = torch.randperm(len(Y))
        for i in range(0, len(Y), batch):
            b = perm[i:i + batch]
            opt.zero_grad()
            out = net(X[b])
            if loss == "ce":
                l = torch.nn.functional.cross_entropy(out, Y[b])
            else:
                l = torch.nn.functional.binary_cross_entropy_with_logits(out[:, 0], Y[b].double())
            if not torch.isfinite(l):
                return False
            l.backward()
            opt.step()
            if on_step:
                on_step()
        if on_epoch and on_epoch(e):
            break
    return True


def accuracy(net, x, y):
    with torch.no_grad():
        out = net(torch.tensor(x))
    pred = out.argmax(1).numpy() if out.shape[1] > 1 else (out[:, 0] >= 0).numpy().astype(int)
    return float((pred == y).mean())


def entry(label, table, path, values, **extra):
    """One headline number: nnlab's table and path to its median, and the
    per-seed values (None for "never" or a diverged run)."""
    vals = [None if v is None or not np.isfinite(v) else float(v) for v in values]
    fin = sorted(v if v is not None else float("inf") for v in vals)
    med = float(np.median(fin)) if fin else None
    e = {"label": label, "table": table, "path": [str(p) for p in path], "values": vals,
         "median": med if med is not None and np.isfinite(med) else None}
    e.update(extra)
    return e


def write(experiment, seeds, scope, numbers):
    out = {"experiment": experiment, "torch": torch.__version__, "seeds": list(seeds), "scope": scope,
           "numbers": numbers}
    json.dump(out, sys.stdout, indent=1, sort_keys=True)
    print()
