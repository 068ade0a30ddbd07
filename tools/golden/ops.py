"""Golden vectors for rnn4j's tensor operations and their gradients.

Writes rnn4j-core/src/test/resources/golden/ops.txt (relative to the repository root).
Run with PyTorch 2.x, the reference for grad_fn names and messages (1.13 names a few views and
products differently):  python3 -m venv V && V/bin/pip install torch;  cd tools/golden && V/bin/python ops.py

Each case applies one expression (setting `op`; OpsCatalog.java maps the same name to the same
Java calls) to 1-3 inputs that require grad. With g = torch.Generator().manual_seed(seed):
inputs are randn (or, where the expression needs positive values, 0.5 + 1.5 * rand) in order,
then grad_output = randn(output.shape); output.backward(grad_output).
Written: the inputs, output, grad_fn (output.grad_fn.name()), repr(output), grad_output and
grad.<input> for every input.
"""
import os
import sys

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from golden_format import GoldenWriter  # noqa: E402

REPO = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
OUT = os.path.join(REPO, "rnn4j-core", "src", "test", "resources", "golden", "ops.txt")

# op name -> function of the input list. Names must match OpsCatalog.java.
OPS = {
    "add": lambda a, b: a + b,
    "add_alpha": lambda a, b: torch.add(a, b, alpha=2.5),
    "sub": lambda a, b: a - b,
    "mul": lambda a, b: a * b,
    "div": lambda a, b: a / b,
    "add_scalar": lambda a: a + 2.5,
    "sub_scalar": lambda a: a - 2.5,
    "mul_scalar": lambda a: a * 2.5,
    "div_scalar": lambda a: a / 2.5,
    "neg": lambda a: -a,
    "tanh": lambda a: a.tanh(),
    "sigmoid": lambda a: a.sigmoid(),
    "relu": lambda a: a.relu(),
    "exp": lambda a: a.exp(),
    "log": lambda a: a.log(),
    "matmul": lambda a, b: a.matmul(b),
    "matmul_bT": lambda a, b: a.matmul(b.transpose(-1, -2)),
    "aT_matmul": lambda a, b: a.transpose(-1, -2).matmul(b),
    "mm": lambda a, b: a.mm(b),
    "addmm": lambda bias, a, b: torch.addmm(bias, a, b),
    "t": lambda a: a.t(),
    "transpose_0_1": lambda a: a.transpose(0, 1),
    "transpose_0_2": lambda a: a.transpose(0, 2),
    "transpose_m1_m2": lambda a: a.transpose(-1, -2),
    "view_m1": lambda a: a.view(-1),
    "view_4_m1": lambda a: a.view(4, -1),
    "view_2_3_2": lambda a: a.view(2, 3, 2),
    "reshape_m1_2": lambda a: a.reshape(-1, 2),
    "t_reshape_m1": lambda a: a.t().reshape(-1),
    "transpose_reshape_3_m1": lambda a: a.transpose(0, 1).reshape(3, -1),
    "select_1_2": lambda a: a.select(1, 2),
    "select_m1_0": lambda a: a.select(-1, 0),
    "get_1": lambda a: a[1],
    "get_m1": lambda a: a[-1],
    "narrow_1_1_2": lambda a: a.narrow(1, 1, 2),
    "narrow_0_0_1": lambda a: a.narrow(0, 0, 1),
    "unsqueeze_0": lambda a: a.unsqueeze(0),
    "unsqueeze_1": lambda a: a.unsqueeze(1),
    "unsqueeze_m1": lambda a: a.unsqueeze(-1),
    "squeeze_1": lambda a: a.squeeze(1),
    "squeeze_0": lambda a: a.squeeze(0),
    "squeeze": lambda a: a.squeeze(),
    "expand_3_4": lambda a: a.expand(3, 4),
    "expand_2_3_4": lambda a: a.expand(2, 3, 4),
    "expand_m1_4": lambda a: a.expand(-1, 4),
    "cat_0": lambda *xs: torch.cat(list(xs), 0),
    "cat_1": lambda *xs: torch.cat(list(xs), 1),
    "cat_m1": lambda *xs: torch.cat(list(xs), -1),
    "stack": lambda *xs: torch.stack(list(xs)),
    "stack_1": lambda *xs: torch.stack(list(xs), 1),
    "stack_m1": lambda *xs: torch.stack(list(xs), -1),
    "sum": lambda a: a.sum(),
    "sum_1": lambda a: a.sum(1),
    "sum_m1": lambda a: a.sum(-1),
    "sum_0_keep": lambda a: a.sum(0, keepdim=True),
    "sum_0_2": lambda a: a.sum((0, 2)),
    "sum_m1_0_keep": lambda a: a.sum((-1, 0), keepdim=True),
    "mean": lambda a: a.mean(),
    "mean_1": lambda a: a.mean(1),
    "mean_m2_keep": lambda a: a.mean(-2, keepdim=True),
    "clone": lambda a: a.clone(),
    "t_contiguous": lambda a: a.t().contiguous(),
    "iter_stack": lambda a: torch.stack(list(a)),
    "iter_first_times_last": lambda a: list(a)[0] * list(a)[-1],
    # chains that reuse an input, so gradients accumulate inside one graph
    "x_mul_x_add_x": lambda a: a * a + a,
    "tanh_x_mul_x": lambda a: a.tanh() * a,
    "sigmoid_mul_tanh_sub_x": lambda a: a.sigmoid() * a.tanh() - a / 2.5,
    "xt_mm_x": lambda a: a.t().mm(a),
    "matmul_add_sum": lambda a, b: a.matmul(b) + a.sum(),
    "cat_x_2x_sum_0": lambda a: torch.cat([a, a * 2.5], 0).sum(0),
    "stack_x3_mean_0": lambda a: torch.stack([a, a.tanh(), a]).mean(0),
    "softmax_1": lambda a: a.exp() / a.exp().sum(1, keepdim=True),
    "log_sigmoid": lambda a: a.sigmoid().log(),
    "a_add_b_mul_a_sub_b": lambda a, b: (a + b) * (a - b),
    "linear_tanh": lambda x, w, b: torch.addmm(b, x, w.t()).tanh(),
    "rnn_step": lambda x, h, w: (x.matmul(w) + h.matmul(w)).tanh().matmul(w.t()),
    "narrow_parts_mul": lambda a: a.narrow(1, 0, 2) * a.narrow(1, 2, 2),
    "select_rows_add": lambda a: a.select(0, 0) + a.select(0, 1) * a[2],
    "expand_mul_self": lambda a: a.expand(2, 3, 4) * a,
    "reshape_t_mm": lambda a: a.reshape(4, 3).t().mm(a.reshape(4, 3)),
    "mean_sub": lambda a: a - a.mean(0, keepdim=True),
    "relu_exp_neg": lambda a: (-a).relu().exp() + a.relu(),
    "unsqueeze_mul_broadcast": lambda a, b: a.unsqueeze(1) * b.unsqueeze(0),
    "div_self_sum": lambda a: a / a.sum(),
}

# Inputs that must be positive: (op, input index). Any "div" denominator and every log input.
POSITIVE = {("div", 1), ("log", 0), ("div_self_sum", 0)}

S = ()  # a 0-d tensor's shape

# (op, input shapes). Several shapes per op where broadcasting or rank matters.
CASES = [
    ("add", [(3, 4), (3, 4)]), ("add", [(3, 4), (4,)]), ("add", [(3, 1), (1, 4)]),
    ("add", [(2, 3, 4), (3, 1)]), ("add", [S, (3, 4)]), ("add", [(3, 4), S]), ("add", [S, S]),
    ("add_alpha", [(3, 4), (3, 1)]),
    ("sub", [(3, 4), (3, 4)]), ("sub", [(4,), (3, 4)]), ("sub", [(2, 1, 4), (3, 1)]), ("sub", [S, (2, 3)]),
    ("mul", [(3, 4), (3, 4)]), ("mul", [(3, 1), (1, 4)]), ("mul", [(2, 3, 4), (4,)]), ("mul", [(3, 4), S]),
    ("mul", [S, S]),
    ("div", [(3, 4), (3, 4)]), ("div", [(3, 4), (4,)]), ("div", [(3, 1), (1, 4)]), ("div", [(2, 3), S]),
    ("div", [S, (2, 3)]),
    ("add_scalar", [(3, 4)]), ("add_scalar", [S]), ("sub_scalar", [(2, 3)]), ("mul_scalar", [(2, 3, 4)]),
    ("mul_scalar", [S]), ("div_scalar", [(5,)]),
    ("neg", [(3, 4)]), ("neg", [S]),
    ("tanh", [(3, 4)]), ("tanh", [S]), ("sigmoid", [(2, 3, 4)]), ("relu", [(4, 5)]), ("exp", [(3, 4)]),
    ("log", [(3, 4)]), ("log", [S]),
    ("matmul", [(4,), (4,)]), ("matmul", [(3, 4), (4,)]), ("matmul", [(4,), (4, 5)]),
    ("matmul", [(3, 4), (4, 5)]), ("matmul", [(2, 3, 4), (4, 5)]), ("matmul", [(2, 3, 4), (2, 4, 5)]),
    ("matmul", [(2, 3, 4), (1, 4, 5)]), ("matmul", [(1, 3, 4), (2, 4, 5)]), ("matmul", [(2, 3, 4), (4,)]),
    ("matmul", [(3, 4), (2, 4, 5)]), ("matmul", [(2, 1, 3, 4), (3, 4, 2)]), ("matmul", [(4,), (2, 4, 3)]),
    ("matmul", [(1, 3), (2, 3, 1)]), ("matmul", [(2, 3, 4), (2, 1, 4, 5)]),
    # a 3-D operand whose last two dimensions are transposed is not folded: the batched path
    ("matmul_bT", [(3, 4), (2, 5, 4)]), ("aT_matmul", [(2, 4, 3), (4, 5)]), ("matmul_bT", [(2, 3, 4), (2, 5, 4)]),
    ("mm", [(3, 4), (4, 5)]), ("mm", [(1, 6), (6, 1)]),
    ("addmm", [(5,), (3, 4), (4, 5)]), ("addmm", [(3, 5), (3, 4), (4, 5)]), ("addmm", [(1, 5), (3, 4), (4, 5)]),
    ("t", [(3, 4)]), ("t", [(4,)]),
    ("transpose_0_1", [(3, 4)]), ("transpose_0_2", [(2, 3, 4)]), ("transpose_m1_m2", [(2, 3, 4)]),
    ("view_m1", [(3, 4)]), ("view_4_m1", [(2, 3, 4)]), ("view_2_3_2", [(3, 4)]),
    ("reshape_m1_2", [(3, 4)]), ("t_reshape_m1", [(3, 4)]), ("transpose_reshape_3_m1", [(2, 3, 4)]),
    ("select_1_2", [(3, 4)]), ("select_m1_0", [(2, 3, 4)]), ("get_1", [(3, 4)]), ("get_m1", [(2, 3, 4)]),
    ("get_1", [(3,)]),
    ("narrow_1_1_2", [(3, 4)]), ("narrow_0_0_1", [(2, 3, 4)]),
    ("unsqueeze_0", [(3, 4)]), ("unsqueeze_1", [(3, 4)]), ("unsqueeze_m1", [(3, 4)]), ("unsqueeze_0", [S]),
    ("squeeze_1", [(3, 1, 4)]), ("squeeze_0", [(3, 4)]), ("squeeze", [(1, 3, 1, 4)]), ("squeeze", [(1, 1)]),
    ("expand_3_4", [(4,)]), ("expand_3_4", [(1, 4)]), ("expand_3_4", [S]), ("expand_2_3_4", [(3, 1)]),
    ("expand_m1_4", [(3, 1)]),
    ("cat_0", [(2, 3), (1, 3), (3, 3)]), ("cat_1", [(2, 3), (2, 1)]), ("cat_m1", [(2, 3, 2), (2, 3, 4)]),
    ("cat_1", [(2, 1, 4), (2, 3, 4), (2, 2, 4)]),
    ("stack", [(3, 4), (3, 4)]), ("stack", [S, S, S]), ("stack_1", [(3, 4), (3, 4), (3, 4)]),
    ("stack_m1", [(2, 3), (2, 3)]),
    ("sum", [(3, 4)]), ("sum", [S]), ("sum_1", [(3, 4)]), ("sum_m1", [(2, 3, 4)]), ("sum_0_keep", [(3, 4)]),
    ("sum_0_2", [(2, 3, 4)]), ("sum_m1_0_keep", [(2, 3, 4)]),
    ("mean", [(3, 4)]), ("mean_1", [(3, 4)]), ("mean_m2_keep", [(2, 3, 4)]),
    ("clone", [(3, 4)]), ("t_contiguous", [(3, 4)]),
    ("iter_stack", [(3, 4)]), ("iter_first_times_last", [(3, 2)]),
    ("x_mul_x_add_x", [(3, 4)]), ("tanh_x_mul_x", [(3, 4)]), ("sigmoid_mul_tanh_sub_x", [(2, 3)]),
    ("xt_mm_x", [(3, 4)]), ("matmul_add_sum", [(3, 4), (4, 2)]), ("cat_x_2x_sum_0", [(2, 3)]),
    ("stack_x3_mean_0", [(3, 4)]), ("softmax_1", [(3, 5)]), ("log_sigmoid", [(3, 4)]),
    ("a_add_b_mul_a_sub_b", [(3, 4), (4,)]), ("linear_tanh", [(3, 4), (5, 4), (5,)]),
    ("rnn_step", [(2, 4), (2, 4), (4, 4)]), ("narrow_parts_mul", [(3, 4)]), ("select_rows_add", [(3, 4)]),
    ("expand_mul_self", [(3, 4)]), ("reshape_t_mm", [(2, 6)]), ("mean_sub", [(4, 3)]),
    ("relu_exp_neg", [(3, 4)]), ("unsqueeze_mul_broadcast", [(3,), (4,)]), ("div_self_sum", [(3, 4)]),
]

NAMES = "abc"


def shape_name(shape):
    return "x".join(map(str, shape)) if shape else "s"


def write_case(w, idx, op, shapes):
    seed = 4000 + idx
    g = torch.Generator().manual_seed(seed)
    inputs = []
    for i, shape in enumerate(shapes):
        if (op, i) in POSITIVE:
            t = 0.5 + 1.5 * torch.rand(shape, generator=g)
        else:
            t = torch.randn(shape, generator=g)
        inputs.append(t.requires_grad_())
    out = OPS[op](*inputs)
    grad_out = torch.randn(out.shape, generator=g)
    out.backward(grad_out)
    name = f"ops{idx:03d}_{op}_" + "_".join(shape_name(s) for s in shapes)
    w.case(name, op=op, seed=seed, inputs=len(inputs), grad_fn=out.grad_fn.name())
    for i, t in enumerate(inputs):
        w.tensor(NAMES[i], t)
    w.tensor("output", out)
    w.tensor("grad_output", grad_out)
    for i, t in enumerate(inputs):
        w.tensor("grad." + NAMES[i], t.grad)
    w.text("repr", repr(out))


def main():
    used = {op for op, _ in CASES}
    assert used == set(OPS), f"ops without a case: {set(OPS) - used}"
    w = GoldenWriter(OUT, "torch tensor operations: outputs, grad_fn names, reprs and input gradients\n"
                          f"written by tools/golden/ops.py with torch {torch.__version__}\n"
                          "regenerate: cd tools/golden && <python with torch 2.x> ops.py")
    for idx, (op, shapes) in enumerate(CASES):
        write_case(w, idx, op, shapes)
    w.write()
    print(f"{OUT}: {len(CASES)} cases, {os.path.getsize(OUT)} bytes")


if __name__ == "__main__":
    main()
