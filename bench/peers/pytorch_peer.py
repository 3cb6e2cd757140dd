#!/usr/bin/env python3
"""PyTorch peer for the dl4j-recipes benchmarks (benchmarks only; never a project dependency).

Trains the same networks as bench/ (LeNet, MLP 784-256-128-10) with the same batch size,
optimizer and thread count, and prints one JSON object per measurement on stdout.

  throughput:         --mode throughput --model lenet --batch 64 --threads 2
  time-to-accuracy:   --mode tta --model lenet --data /usr/share/datasets/fashion-mnist --target 0.91
"""
import argparse
import gzip
import json
import os
import statistics
import struct
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F


def lenet():
    # DL4J's LeNet as in bench/: conv5x5x20 (identity) -> maxpool2 -> conv5x5x50 (identity)
    # -> maxpool2 -> dense 500 ReLU -> softmax 10
    return nn.Sequential(
        nn.Conv2d(1, 20, 5), nn.MaxPool2d(2, 2),
        nn.Conv2d(20, 50, 5), nn.MaxPool2d(2, 2),
        nn.Flatten(), nn.Linear(800, 500), nn.ReLU(), nn.Linear(500, 10))


def mlp():
    return nn.Sequential(nn.Flatten(), nn.Linear(784, 256), nn.ReLU(),
                         nn.Linear(256, 128), nn.ReLU(), nn.Linear(128, 10))


MODELS = {"lenet": lenet, "mlp": mlp}


def read_idx(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as f:
        magic = struct.unpack(">I", f.read(4))[0]
        dims = [struct.unpack(">I", f.read(4))[0] for _ in range(magic & 0xFF)]
        data = torch.frombuffer(bytearray(f.read()), dtype=torch.uint8)
    return data.reshape(dims)


def load(data_dir, split):
    prefix = "train" if split == "train" else "t10k"
    x = read_idx(os.path.join(data_dir, f"{prefix}-images-idx3-ubyte.gz")).float().div_(255.0)
    y = read_idx(os.path.join(data_dir, f"{prefix}-labels-idx1-ubyte.gz")).long()
    return x.unsqueeze(1), y


def throughput(args):
    torch.manual_seed(args.seed)
    model = MODELS[args.model]()
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    xs = torch.rand(16, args.batch, 1, 28, 28)
    ys = torch.randint(0, 10, (16, args.batch))
    step = lambda i: train_step(model, opt, xs[i % 16], ys[i % 16])
    for i in range(args.warmup):
        step(i)
    rates = []
    for _ in range(args.windows):
        t0 = time.perf_counter()
        for i in range(args.iters):
            step(i)
        rates.append(args.iters * args.batch / (time.perf_counter() - t0))
    return {"mode": "throughput", "model": args.model, "batch": args.batch,
            "threads": torch.get_num_threads(), "median_img_s": statistics.median(rates),
            "windows_img_s": rates, "torch": torch.__version__}


def train_step(model, opt, x, y):
    opt.zero_grad(set_to_none=True)
    loss = F.cross_entropy(model(x), y)
    loss.backward()
    opt.step()
    return loss


def accuracy(model, x, y):
    model.eval()
    with torch.no_grad():
        correct = sum((model(x[i:i + 1000]).argmax(1) == y[i:i + 1000]).sum().item()
                      for i in range(0, len(x), 1000))
    model.train()
    return correct / len(x)


def time_to_accuracy(args):
    torch.manual_seed(args.seed)
    xtr, ytr = load(args.data, "train")
    if args.train_limit > 0:
        xtr, ytr = xtr[:args.train_limit], ytr[:args.train_limit]
    xte, yte = load(args.data, "test")
    model = MODELS[args.model]()
    opt = torch.optim.Adam(model.parameters(), lr=args.max_lr)
    steps_per_epoch = (len(xtr) + args.batch - 1) // args.batch
    sched = None
    if args.one_cycle:
        # fastai's defaults: pct_start 0.25, div 25, div_final 1e5, cosine, momentum 0.95->0.85
        sched = torch.optim.lr_scheduler.OneCycleLR(
            opt, max_lr=args.max_lr, total_steps=steps_per_epoch * args.max_epochs,
            pct_start=0.25, div_factor=25, final_div_factor=1e5 / 25,
            base_momentum=0.85, max_momentum=0.95)
    epochs = []
    start = time.perf_counter()
    reached = None
    for epoch in range(1, args.max_epochs + 1):
        perm = torch.randperm(len(xtr))
        for i in range(0, len(xtr), args.batch):
            idx = perm[i:i + args.batch]
            train_step(model, opt, xtr[idx], ytr[idx])
            if sched:
                sched.step()
        acc = accuracy(model, xte, yte)
        elapsed = time.perf_counter() - start
        epochs.append({"epoch": epoch, "test_accuracy": acc, "seconds": elapsed})
        if reached is None and acc >= args.target:
            reached = {"epoch": epoch, "seconds": elapsed}
            if not args.one_cycle:
                break
    return {"mode": "tta", "model": args.model, "batch": args.batch, "threads": torch.get_num_threads(),
            "target": args.target, "reached": reached, "epochs": epochs, "torch": torch.__version__}


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--mode", choices=["throughput", "tta"], default="throughput")
    p.add_argument("--model", choices=sorted(MODELS), default="lenet")
    p.add_argument("--batch", type=int, default=64)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--warmup", type=int, default=20)
    p.add_argument("--iters", type=int, default=60)
    p.add_argument("--windows", type=int, default=3)
    p.add_argument("--seed", type=int, default=42)
    p.add_argument("--data", default="/usr/share/datasets/fashion-mnist")
    p.add_argument("--target", type=float, default=0.91)
    p.add_argument("--max-epochs", type=int, default=10)
    p.add_argument("--max-lr", type=float, default=1e-3)
    p.add_argument("--one-cycle", action="store_true")
    p.add_argument("--train-limit", type=int, default=0, help="use only the first N training images")
    args = p.parse_args()
    torch.set_num_threads(args.threads)
    result = throughput(args) if args.mode == "throughput" else time_to_accuracy(args)
    json.dump(result, sys.stdout)
    print()


if __name__ == "__main__":
    main()
