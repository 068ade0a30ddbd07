#!/usr/bin/env python3
"""PyTorch's recurrent modules on the cases of rnn4j's RecurrentBench, in ms/op, for a side-by-side ratio.

Usage: python3 tools/bench/recurrent_torch.py [--threads 1,2] [--cases rnn_tiny,...] [--json FILE]
                                                          [--budget SECONDS]
       python3 tools/bench/recurrent_torch.py --peer --threads T [--warmup S] [--calls N] [--modes fwd,fwd+bwd]
           < workloads.jsonl       (as `rnn4j bench --compare` runs it)
Use PyTorch 2.x with MKL/oneDNN (the fast CPU build), not Debian's reference-BLAS torch 1.13.

infer: module.eval(), forward under torch.no_grad().
train: module.train(), forward, output.sum().backward(), module.zero_grad() (the input needs no grad).
Each (case, mode) gets a warm-up, then rounds of timed calls; the figure is the median per-call time of the rounds.

--peer: the protocol of rnn4j's benchmark peers (dev.rnn4j.cli.bench.PeerMain): one workload per JSON line on
standard input (name, net, seq, batch, input, hidden, layers, bidirectional; net rnncell is the seed notebook's
RNNCell stepped by hand), one JSON result line per workload and mode on standard output, timed as rnn4j times
itself: a warm-up of --warmup seconds, then the median of --calls calls. fwd = infer and fwd+bwd = train above.
"""
import argparse
import json
import statistics
import sys
import time

import torch

# name: (net, L, N, I, H, layers, bidirectional) -- a part of rnn4j's table (dev.rnn4j.cli.bench.Workload), for
# compare.sh; `rnn4j bench --compare` sends the workloads themselves (--peer)
CASES = {
    "rnn_tiny": ("rnn", 32, 1, 64, 64, 1, False),
    "lstm_tiny": ("lstm", 32, 1, 64, 64, 1, False),
    "gru_tiny": ("gru", 32, 1, 64, 64, 1, False),
    "rnn_medium": ("rnn", 50, 32, 256, 256, 1, False),
    "lstm_medium": ("lstm", 50, 32, 256, 256, 1, False),
    "gru_medium": ("gru", 50, 32, 256, 256, 1, False),
    "rnn_char": ("rnn", 100, 64, 65, 512, 1, False),
    "lstm_char": ("lstm", 100, 64, 65, 512, 1, False),
    "gru_char": ("gru", 100, 64, 65, 512, 1, False),
    "bilstm2_medium": ("lstm", 50, 32, 128, 128, 2, True),
}
MODULES = {"rnn": torch.nn.RNN, "lstm": torch.nn.LSTM, "gru": torch.nn.GRU}


def build(name):
    net, L, N, I, H, layers, bi = CASES[name]
    torch.manual_seed(0)
    module = MODULES[net](I, H, num_layers=layers, bidirectional=bi)
    return module, torch.randn(L, N, I)


def infer_fn(module, x):
    module.eval()

    def run():
        with torch.no_grad():
            return module(x)[0]
    return run


def train_fn(module, x):
    module.train()

    def run():
        out = module(x)[0]
        out.sum().backward()
        module.zero_grad()
        return out
    return run


def time_ms(fn, budget_s, rounds=5):
    for _ in range(3):  # warm-up: oneDNN primitive caches, allocator
        fn()
    t0 = time.perf_counter()
    fn()
    once = time.perf_counter() - t0
    reps = max(1, int(budget_s / rounds / max(once, 1e-6)))
    samples = []
    for _ in range(rounds):
        t0 = time.perf_counter()
        for _ in range(reps):
            fn()
        samples.append((time.perf_counter() - t0) * 1e3 / reps)
    return statistics.median(samples)


class Cell(torch.nn.Module):
    """The seed notebook's loop: an RNNCell stepped by hand from a zero state; every step's state, stacked."""

    def __init__(self, input_size, hidden):
        super().__init__()
        self.cell = torch.nn.RNNCell(input_size, hidden)

    def forward(self, x):
        h = torch.zeros(x.shape[1], self.cell.hidden_size)
        states = []
        for step in x:
            h = self.cell(step, h)
            states.append(h)
        return (torch.stack(states),)


def median_ms(fn, warmup_s, calls):
    end = time.perf_counter() + warmup_s
    while warmup_s > 0 and time.perf_counter() < end:
        fn()
    samples = []
    for _ in range(calls):
        t0 = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - t0) * 1e3)
    return statistics.median(samples)


def peer(args):
    torch.set_num_threads(int(args.threads))
    version = f"PyTorch {torch.__version__} (Python, mkldnn={torch.backends.mkldnn.is_available()})"
    for line in sys.stdin:
        if not line.strip():
            continue
        w = json.loads(line)
        torch.manual_seed(0)
        if w["net"] == "rnncell":
            module = Cell(w["input"], w["hidden"])
        else:
            module = MODULES[w["net"]](w["input"], w["hidden"], num_layers=w["layers"],
                                       bidirectional=w["bidirectional"])
        x = torch.randn(w["seq"], w["batch"], w["input"])
        for mode in args.modes.split(","):
            fn = infer_fn(module, x) if mode == "fwd" else train_fn(module, x)
            ms = median_ms(fn, args.warmup, args.calls)
            print(json.dumps({"peer": "python", "version": version, "threads": int(args.threads),
                              "row": w["name"], "mode": mode, "ms": ms}), flush=True)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--peer", action="store_true", help="read workloads on stdin, write JSON result lines")
    ap.add_argument("--warmup", type=float, default=2, help="--peer: warm-up seconds per row")
    ap.add_argument("--calls", type=int, default=20, help="--peer: timed calls per row (the median is reported)")
    ap.add_argument("--threads", default="1,2")
    ap.add_argument("--cases", default=",".join(CASES))
    ap.add_argument("--modes", default=None, help="infer,train; with --peer fwd,fwd+bwd")
    ap.add_argument("--budget", type=float, default=0.8, help="seconds of timed calls per (case, mode)")
    ap.add_argument("--json", help="append one JSON line per result to this file")
    args = ap.parse_args()
    if args.peer:
        args.modes = args.modes or "fwd,fwd+bwd"
        return peer(args)
    args.modes = args.modes or "infer,train"
    print(f"# torch {torch.__version__}, mkldnn={torch.backends.mkldnn.is_available()}, "
          f"mkl={torch.backends.mkl.is_available()}", file=sys.stderr)
    out = open(args.json, "a") if args.json else None
    for t in [int(s) for s in args.threads.split(",")]:
        torch.set_num_threads(t)
        for name in args.cases.split(","):
            for mode in args.modes.split(","):
                module, x = build(name)
                fn = infer_fn(module, x) if mode == "infer" else train_fn(module, x)
                ms = time_ms(fn, args.budget)
                print(f"torch threads={t} {name:15s} {mode:5s} {ms:10.3f} ms/op", flush=True)
                if out:
                    out.write(json.dumps({"side": "torch", "threads": t, "case": name, "mode": mode, "ms": ms}) + "\n")
                    out.flush()


if __name__ == "__main__":
    main()
