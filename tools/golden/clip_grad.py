"""Golden vectors for rnn4j's gradient clipping (torch.nn.utils.clip_grad_norm_, clip_grad_value_).

Writes rnn4j-core/src/test/resources/golden/clip_grad.txt with PyTorch 2.x (`python3 clip_grad.py`
re-runs itself under $TORCH2_PYTHON as optim.py does).

A case: parameters of shapes (3, 4), (4,), (2,), (5, 7) whose gradients are randn from a
generator seeded `seed`, each times its `scales` entry (so the norms straddle max_norm), with
`no_grad` naming the parameters left without a gradient and `special` putting inf or nan
into gradient 0; `arg.*` are the keyword arguments (JSON). Written: `grad.<i>` before, `clipped.<i>` after, and for clip_grad_norm_ the
returned `total_norm`, or the RuntimeError's `message` when error_if_nonfinite trips.
(5, 7) has 35 elements, so its 2-norm takes PyTorch's 8-lane path with a tail. A vector_norm
case holds torch.linalg.vector_norm of a vector `x` (lengths 1 to 44) for each of `orders`.
"""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import optim  # noqa: E402  (re-executes under torch 2.x first)

import torch  # noqa: E402

SHAPES = [(3, 4), (4,), (2,), (5, 7)]


def make_params(seed, scales, no_grad, special):
    g = torch.Generator().manual_seed(seed)
    params = [torch.nn.Parameter(torch.zeros(s)) for s in SHAPES]
    for i, (p, scale) in enumerate(zip(params, scales)):
        p.grad = torch.randn(p.shape, generator=g) * scale
        if i in no_grad:
            p.grad = None
    if special:
        params[0].grad[1, 2] = float(special)
    return params


def write_case(w, name, function, seed, scales, no_grad=(), special="", **kwargs):
    params = make_params(seed, scales, no_grad, special)
    w.case(name, function=function, seed=seed, scales=" ".join(repr(s) for s in scales),
           no_grad=" ".join(str(i) for i in no_grad) or "none", special=special or "none")
    for key, value in kwargs.items():
        w.setting("arg." + key, json.dumps(value))
    for i, p in enumerate(params):
        if p.grad is not None:
            w.tensor(f"grad.{i}", p.grad)
    try:
        if function == "clip_grad_norm_":
            w.tensor("total_norm", torch.nn.utils.clip_grad_norm_(params, **kwargs))
        else:
            torch.nn.utils.clip_grad_value_(params, **kwargs)
    except RuntimeError as e:
        w.text("message", str(e))
    for i, p in enumerate(params):
        if p.grad is not None:
            w.tensor(f"clipped.{i}", p.grad)


NORM_ORDERS = (2.0, 1.0, float("inf"), float("-inf"), 0.5, 3.0, 0.0)


def write_vector_norms(w):
    """torch.linalg.vector_norm of randn vectors of every length from 1 to 44, each order."""
    g = torch.Generator().manual_seed(7)
    for n in range(1, 45):
        x = torch.randn(n, generator=g)
        w.case(f"vector_norm_{n}", function="vector_norm", orders=" ".join(repr(p) for p in NORM_ORDERS))
        w.tensor("x", x)
        for p in NORM_ORDERS:
            w.tensor(f"norm.{p!r}", torch.linalg.vector_norm(x, p))


def main():
    w = optim.Writer(os.path.join(optim.GOLDEN, "clip_grad.txt"),
                     f"torch.nn.utils.clip_grad_norm_ and clip_grad_value_\n"
                     f"written by tools/golden/clip_grad.py with torch {torch.__version__}\n"
                     f"regenerate: cd tools/golden && python3 clip_grad.py")
    seed = 0
    for norm_type in (2.0, 1.0, float("inf"), 0.5, 0.0, 3.0, float("-inf")):
        for max_norm, scales in ((0.5, [1.0, 0.5, 2.0, 0.3]), (1e4, [1.0, 1.0, 1.0, 1.0])):
            seed += 1
            write_case(w, f"norm_{norm_type}_max_{max_norm}", "clip_grad_norm_", seed, scales,
                       max_norm=max_norm, norm_type=norm_type)
    for k in range(16):
        # the 2-norm's lane order and the clip coefficient's two roundings show only in some draws
        write_case(w, f"norm_2.0_draw_{k}", "clip_grad_norm_", 100 + k, [1.0, 0.5, 2.0, 0.3],
                   max_norm=0.3 + 0.1 * k, norm_type=2.0)
    write_case(w, "norm_default_no_grad", "clip_grad_norm_", 20, [3.0, 1.0, 1.0, 0.1], no_grad=(1,), max_norm=1.0)
    write_case(w, "norm_all_no_grad", "clip_grad_norm_", 21, [1.0] * 4, no_grad=(0, 1, 2, 3), max_norm=1.0)
    write_case(w, "norm_inf_grad_allowed", "clip_grad_norm_", 22, [1.0] * 4, special="inf", max_norm=1.0)
    write_case(w, "norm_nan_grad_allowed", "clip_grad_norm_", 23, [1.0] * 4, special="nan", max_norm=1.0,
               norm_type=1.0)
    write_case(w, "norm_inf_grad_error", "clip_grad_norm_", 24, [1.0] * 4, special="inf", max_norm=1.0,
               error_if_nonfinite=True)
    write_case(w, "norm_nan_grad_error_inf_norm", "clip_grad_norm_", 25, [1.0] * 4, special="nan", max_norm=1.0,
               norm_type=float("inf"), error_if_nonfinite=True)
    write_case(w, "value_0.5", "clip_grad_value_", 26, [1.0, 0.5, 2.0, 0.3], clip_value=0.5)
    write_case(w, "value_1.3_no_grad_nan", "clip_grad_value_", 27, [2.0] * 4, no_grad=(3,), special="nan",
               clip_value=1.3)
    write_vector_norms(w)
    w.write()


if __name__ == "__main__":
    main()
