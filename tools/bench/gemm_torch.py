#!/usr/bin/env python3
"""PyTorch's CPU matmul on the shapes of rnn4j's GemmBench, in GFLOP/s, for a side-by-side ratio.

Usage: python3 tools/bench/gemm_torch.py [threads ...]   (default: 1 2)
Shapes are (m, n, k, transA, transB) exactly as GemmBench names them; a transposed operand is a transposed view of
a contiguous tensor, as nn.Linear does with its weight.
"""
import os
import sys
import time

import torch

SHAPES = [
    ("square256", 256, 256, 256, False, False),
    ("square512", 512, 512, 512, False, False),
    ("square1024", 1024, 1024, 1024, False, False),
    ("hh_b1", 1, 1024, 256, False, True),       # h·W_hhᵀ, batch 1
    ("hh_b16", 16, 1024, 256, False, True),
    ("hh_b64", 64, 1024, 256, False, True),
    ("ih_proj", 10240, 1024, 128, False, True),  # (L·N, I)·W_ihᵀ
    ("dW", 1024, 256, 4096, True, False),        # dYᵀ·X over L·N = 4096
    ("dX", 4096, 256, 1024, False, False),       # dY·W
]


def operand(rows, cols, trans):
    # stored as the kernel would see it: (cols, rows) contiguous, then viewed transposed
    return torch.rand(cols, rows).t() if trans else torch.rand(rows, cols)


def gflops(m, n, k, ta, tb, budget_s=1.0, rounds=5):
    a, b = operand(m, k, ta), operand(k, n, tb)
    out = torch.empty(m, n)
    flops = 2.0 * m * n * k
    reps = max(3, int(2e9 / flops))
    best = 0.0
    for _ in range(rounds):
        t0 = time.perf_counter()
        for _ in range(reps):
            torch.matmul(a, b, out=out)
        best = max(best, flops * reps / (time.perf_counter() - t0) / 1e9)
    return best


def main():
    threads = [int(t) for t in sys.argv[1:]] or [1, 2]
    print(f"torch {torch.__version__}, OPENBLAS_CORETYPE={os.environ.get('OPENBLAS_CORETYPE', '(unset)')}")
    for t in threads:
        torch.set_num_threads(t)
        for name, m, n, k, ta, tb in SHAPES:
            print(f"threads={t} {name:11s} m={m:5d} n={n:5d} k={k:5d} transA={ta!s:5} transB={tb!s:5} "
                  f"{gflops(m, n, k, ta, tb):7.1f} GFLOP/s", flush=True)


if __name__ == "__main__":
    with torch.no_grad():
        main()
