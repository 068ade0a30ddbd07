"""Golden values of torch.exp, torch.tanh and torch.sigmoid, to pin rnn4j's Sleef transcription to PyTorch's bits.

Writes rnn4j-core/src/test/resources/golden/activations.txt. Run with PyTorch 1.13 (Debian's, AVX2 kernels):
    cd tools/golden && $TORCH113_PYTHON activations.py
With --compare (any PyTorch, e.g. $TORCH2_PYTHON activations.py --compare) it writes nothing and prints, for
the same inputs, the ulp distances between this PyTorch and the values in the golden file.

Cases:
  contiguous   x: 4096 float32 values (signed 2^U(-30, 7.2), U(-110, 110), and edge values: +-0, subnormals,
               +-inf, nan, the thresholds of Sleef's expf (-104, 100, ~88.72, ~-103.97) and tanhf (+-8.664339742));
               exp, tanh, sigmoid of the whole tensor (4096 = a multiple of 16: every element takes the vector path).
  chunk_H<H>   gates: (32, 4H) randn * 4; sigmoid and tanh: the first (32, H) chunk after chunk(4, 1)[0].sigmoid_()
               and .tanh_(), as PyTorch's LSTM cell applies them. Which columns are vectorised depends on H.
"""
import math
import os
import sys

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from golden_format import GoldenWriter  # noqa: E402

REPO = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
OUT = os.path.join(REPO, "rnn4j-core", "src", "test", "resources", "golden", "activations.txt")
CHUNK_H = (3, 16, 20, 37)


def f32(bits):
    return torch.tensor([bits], dtype=torch.int32).view(torch.float32).item()


def edge_values():
    vals = [0.0, -0.0, float("inf"), float("-inf"), float("nan"), 1.0, -1.0, 0.5, -0.5,
            f32(1), -f32(1), f32(0x007fffff), -f32(0x007fffff), f32(0x00800000), 1e-30, -1e-30, 1e-7, -1e-7,
            -104.0, -103.99999, -104.00001, 100.0, 99.99999, 100.00001, 88.72283, 88.72284, 88.7, -87.33654,
            -87.33655, -103.972, -103.9721, 8.664339742, -8.664339742, 8.664339, 8.66434, -8.66434, 9.0, -9.0,
            20.0, -20.0, 3e38, -3e38, 0.6931472, -0.6931472, 0.34657359, 1e-3, -1e-3, 0.25, -0.25]
    out = []
    for v in vals:
        t = torch.tensor([v], dtype=torch.float32)
        out.append(t)
        if math.isfinite(v) and v != 0.0:
            b = t.view(torch.int32)
            for d in (-2, -1, 1, 2):   # neighbouring floats of the same sign
                n = (b + d).view(torch.float32)
                if torch.isfinite(n).all() and (n > 0).item() == (v > 0):
                    out.append(n)
    return torch.cat(out)


def inputs():
    g = torch.Generator().manual_seed(20240613)
    edges = edge_values()
    n_rand = 4096 - edges.numel()
    a = n_rand // 2
    mag = torch.pow(2.0, torch.empty(a, dtype=torch.float64).uniform_(-30, 7.2, generator=g))
    sign = torch.where(torch.rand(a, generator=g) < 0.5, -1.0, 1.0).double()
    wide = (mag * sign).float()
    flat = torch.empty(n_rand - a, dtype=torch.float64).uniform_(-110, 110, generator=g).float()
    return torch.cat([edges, wide, flat])


def chunk_gates(h):
    g = torch.Generator().manual_seed(1000 + h)
    return (torch.randn(32, 4 * h, generator=g) * 4).float()


def write():
    w = GoldenWriter(OUT, f"torch {torch.__version__}, written by tools/golden/activations.py\n"
                          + "\n".join(l.strip() for l in torch.__config__.show().splitlines() if "CPU capability" in l))
    x = inputs()
    w.case("contiguous")
    w.tensor("x", x)
    w.tensor("exp", torch.exp(x))
    w.tensor("tanh", torch.tanh(x))
    w.tensor("sigmoid", torch.sigmoid(x))
    for h in CHUNK_H:
        gates = chunk_gates(h)
        w.case(f"chunk_H{h}", hidden=h)
        w.tensor("gates", gates)
        s = gates.clone()
        s.chunk(4, 1)[0].sigmoid_()
        w.tensor("sigmoid", s[:, :h])
        t = gates.clone()
        t.chunk(4, 1)[0].tanh_()
        w.tensor("tanh", t[:, :h])
    w.write()
    print("wrote", OUT)


def ulps(a, b):
    ai = a.view(torch.int32).long()
    bi = b.view(torch.int32).long()
    ai = torch.where(ai < 0, -(ai & 0x7fffffff), ai)
    bi = torch.where(bi < 0, -(bi & 0x7fffffff), bi)
    d = (ai - bi).abs()
    return torch.where(torch.isnan(a) & torch.isnan(b), torch.zeros_like(d), d)


def histogram(d):
    vals, counts = torch.unique(d, return_counts=True)
    return {int(v): int(c) for v, c in zip(vals.tolist(), counts.tolist())}


def compare():
    # read back the golden file's tensors (GoldenFile format) and recompute them with this torch
    tensors, case = {}, None
    with open(OUT, encoding="utf-8") as f:
        for line in f:
            parts = line.split()
            if not parts or parts[0] == "#":
                continue
            if parts[0] == "case":
                case = parts[1]
            elif parts[0] == "tensor":
                shape = [int(d) for d in parts[2].split("x")]
                tensors[(case, parts[1])] = torch.tensor([float(v) for v in parts[3:]], dtype=torch.float32).reshape(shape)
    print(f"torch {torch.__version__} against the golden file (ulp distance: count)")
    x = tensors[("contiguous", "x")]
    for name, fn in (("exp", torch.exp), ("tanh", torch.tanh), ("sigmoid", torch.sigmoid)):
        print(f"  contiguous {name}: {histogram(ulps(fn(x), tensors[('contiguous', name)]))}")
        for n in (4095, 4093, 4081):   # lengths that leave a tail
            print(f"  contiguous[:{n}] {name}: {histogram(ulps(fn(x[:n]), tensors[('contiguous', name)][:n]))}")
    for h in CHUNK_H:
        gates = tensors[(f"chunk_H{h}", "gates")]
        for name in ("sigmoid", "tanh"):
            s = gates.clone()
            getattr(s.chunk(4, 1)[0], name + "_")()
            d = ulps(s[:, :h].contiguous(), tensors[(f"chunk_H{h}", name)])
            cols = sorted(set((d != 0).nonzero()[:, 1].tolist()))
            print(f"  chunk_H{h} {name}: {histogram(d)}; columns that differ: {cols}")


if __name__ == "__main__":
    if "--compare" in sys.argv:
        compare()
    else:
        write()
