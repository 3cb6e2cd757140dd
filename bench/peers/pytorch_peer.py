#!/usr/bin/env python3
"""PyTorch peer for the dl4j-recipes benchmarks (benchmarks only; never a project dependency).

Trains the same networks as bench/ (LeNet, MLP 784-256-128-10, and the image recipes' small()
and resnet() for 28x28x1 images, layer for layer) with the same batch size, optimizer and thread
count, and prints one JSON object per measurement on stdout. Each answer carries the parameter
count as DL4J counts it (batch-norm running mean and variance included), which the harness
compares with the DL4J network's numParams().

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


SIDE = 28
CLASSES = 10
# the image recipes (recipes/.../image: SmallCnn, SmallResNet, Layers) for SIDE x SIDE x 1 images
BASE_FILTERS = 32
TARGET_SIDE = 7
CONVS_PER_STAGE = 2
DENSE_UNITS = 256
HEAD_DROPOUT = 0.5


def halvings(side, target_side):
    """Layers.halvings: 2x2 downsamplings that take side down to about target_side, at least 1."""
    n = 0
    while side // (1 << (n + 1)) >= target_side:
        n += 1
    return max(1, n)


class Conv2dSame(nn.Conv2d):
    """DL4J's ConvolutionMode.Same, no bias: output ceil(in / stride), the odd padding pixel at the
    bottom and right (TensorFlow's rule, which DL4J follows)."""

    def __init__(self, cin, cout, kernel, stride=1):
        super().__init__(cin, cout, kernel, stride=stride, padding=0, bias=False)

    def forward(self, x):
        pads = []
        for size, k, s in ((x.shape[3], self.kernel_size[1], self.stride[1]),
                           (x.shape[2], self.kernel_size[0], self.stride[0])):
            total = max((-(-size // s) - 1) * s + k - size, 0)
            pads += [total // 2, total - total // 2]
        if pads[0] == pads[1] and pads[2] == pads[3]:
            return F.conv2d(x, self.weight, None, self.stride, (pads[2], pads[0]))
        return F.conv2d(F.pad(x, pads), self.weight, None, self.stride)


def conv_bn(cin, cout, kernel=3, stride=1):
    """Layers.convBn: conv (no bias, identity) -> batch norm."""
    return [Conv2dSame(cin, cout, kernel, stride), nn.BatchNorm2d(cout)]


def conv_bn_relu(cin, cout, stride=1):
    """Layers.convBnRelu: conv 3x3 -> batch norm -> ReLU."""
    return conv_bn(cin, cout, 3, stride) + [nn.ReLU()]


def small():
    """SmallCnn: stages of 2 x (conv3x3 -> BN -> ReLU) + maxpool 2, filters 32, 64, ...;
    dense 256 (no bias) -> BN -> ReLU -> dropout 0.5 -> softmax output."""
    layers, cin, filters, side = [], 1, BASE_FILTERS, SIDE
    for _ in range(halvings(SIDE, TARGET_SIDE)):
        for _ in range(CONVS_PER_STAGE):
            layers += conv_bn_relu(cin, filters)
            cin = filters
        layers.append(nn.MaxPool2d(2, 2))
        filters *= 2
        side //= 2
    layers += [nn.Flatten(), nn.Linear(cin * side * side, DENSE_UNITS, bias=False), nn.BatchNorm1d(DENSE_UNITS),
               nn.ReLU(), nn.Dropout(HEAD_DROPOUT), nn.Linear(DENSE_UNITS, CLASSES)]
    return nn.Sequential(*layers)


class BasicBlock(nn.Module):
    """SmallResNet.basicBlock: conv-BN-ReLU, conv-BN, plus the shortcut (1x1 conv-BN projection
    when downsampling), then ReLU."""

    def __init__(self, cin, cout, stride):
        super().__init__()
        self.body = nn.Sequential(*conv_bn_relu(cin, cout, stride), *conv_bn(cout, cout))
        self.shortcut = nn.Sequential(*conv_bn(cin, cout, 1, stride)) if stride > 1 else nn.Identity()

    def forward(self, x):
        return F.relu(self.body(x) + self.shortcut(x))


def resnet():
    """SmallResNet: stem conv-BN-ReLU 32, one basic block per stage (the first keeps the size, each
    further one halves it with stride 2 and doubles the filters), global average pool, output."""
    layers, cin, filters = conv_bn_relu(1, BASE_FILTERS), BASE_FILTERS, BASE_FILTERS
    for stage in range(1 + halvings(SIDE, TARGET_SIDE)):
        layers.append(BasicBlock(cin, filters, 2 if stage > 0 else 1))
        cin = filters
        filters *= 2
    layers += [nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(cin, CLASSES)]
    return nn.Sequential(*layers)


MODELS = {"lenet": lenet, "mlp": mlp, "small": small, "resnet": resnet}
# the image recipes train with AdamW (Adam + decoupled weight decay 0.01, fastai's wd)
RECIPE_MODELS = {"small", "resnet"}
RECIPE_WEIGHT_DECAY = 0.01


def dl4j_param_count(model):
    """Parameters as DL4J counts them: batch norm's running mean and variance are parameters there."""
    return sum(p.numel() for p in model.parameters()) + sum(
        b.numel() for name, b in model.named_buffers() if name.endswith(("running_mean", "running_var")))


def optimizer(name, model, lr):
    if name in RECIPE_MODELS:
        return torch.optim.AdamW(model.parameters(), lr=lr, weight_decay=RECIPE_WEIGHT_DECAY)
    return torch.optim.Adam(model.parameters(), lr=lr)


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
    opt = optimizer(args.model, model, 1e-3)
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
            "windows_img_s": rates, "torch": torch.__version__, "params": dl4j_param_count(model),
            "optimizer": type(opt).__name__}


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
    opt = optimizer(args.model, model, args.max_lr)
    steps_per_epoch = (len(xtr) + args.batch - 1) // args.batch
    sched = None
    if args.one_cycle:
        # fastai's defaults: pct_start 0.25, div 25, div_final 1e5, cosine, momentum 0.95->0.85
        sched = torch.optim.lr_scheduler.OneCycleLR(
            opt, max_lr=args.max_lr, total_steps=steps_per_epoch * args.max_epochs,
            pct_start=0.25, div_factor=25, final_div_factor=1e5 / 25,
            base_momentum=0.85, max_momentum=0.95)
    epochs = []
    trained = 0.0  # seconds of training only: evaluation is off the clock, as in the DL4J harness
    reached = None
    for epoch in range(1, args.max_epochs + 1):
        start = time.perf_counter()
        perm = torch.randperm(len(xtr))
        for i in range(0, len(xtr), args.batch):
            idx = perm[i:i + args.batch]
            train_step(model, opt, xtr[idx], ytr[idx])
            if sched:
                sched.step()
        trained += time.perf_counter() - start
        acc = accuracy(model, xte, yte)
        epochs.append({"epoch": epoch, "test_accuracy": acc, "seconds": trained})
        print(f"  epoch {epoch}: test accuracy {acc:.4f}, {trained:.0f} s", file=sys.stderr, flush=True)
        if acc >= args.target:
            reached = {"epoch": epoch, "seconds": trained}
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
