"""Golden strings for rnn4j's tensor printing (dev.rnn4j.format), from PyTorch's own repr.

Run with the PyTorch it describes (Debian's python3-torch 1.13):
    $TORCH113_PYTHON tools/golden/printing.py

Each case has a `kind`:
  float  tensor x (contiguous float32 values), optional `suffixes` (joined by " | "),
         optional `options` (set_printoptions values), text `repr`
  param  as float, text `repr` is repr(nn.Parameter(x))
  long   `shape` and `longs` (int64 values, row-major), optional `options`, text `repr`
  size   `shape`, text `repr` is repr(torch.Size(shape))
Shapes are written as in the tensor lines: 2x3, "scalar" for 0-d, 0x3 for empty.
"""
import math
import os
import random
import sys

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from golden_format import GoldenWriter  # noqa: E402

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..",
                   "rnn4j-core", "src", "test", "resources", "golden", "printing.txt")

def shape_str(shape):
    return "scalar" if len(shape) == 0 else "x".join(str(d) for d in shape)


class Cases:
    def __init__(self, writer):
        self.w = writer
        self.count = 0

    def _options(self, opts):
        """The resulting PRINT_OPTS values, read back from PyTorch (so profiles resolve as it does)."""
        if not opts:
            return None
        torch.set_printoptions(**opts)
        p = torch._tensor_str.PRINT_OPTS
        line = " ".join(f"{k}={getattr(p, k)}" for k in ("precision", "threshold", "edgeitems", "linewidth", "sci_mode"))
        torch.set_printoptions(profile="default")
        return line

    def _printed(self, make_repr, opts):
        """repr under the given options, restoring the defaults afterwards."""
        if opts:
            torch.set_printoptions(**opts)
        try:
            return make_repr()
        finally:
            torch.set_printoptions(profile="default")

    def float_case(self, name, shown, opts=None, param=False):
        """`shown` is the tensor whose repr is recorded (may be a view, or carry grad_fn)."""
        self.count += 1
        self.w.case(f"{self.count:04d}_{name}", kind="param" if param else "float")
        suffixes = suffixes_of(shown)
        if suffixes:
            self.w.setting("suffixes", " | ".join(suffixes))
        o = self._options(opts)
        if o:
            self.w.setting("options", o)
        self.w.tensor("x", shown)
        self.w.text("repr", self._printed(lambda: repr(shown), opts))

    def long_case(self, name, t, opts=None):
        self.count += 1
        self.w.case(f"{self.count:04d}_{name}", kind="long")
        self.w.setting("shape", shape_str(tuple(t.shape)))
        self.w.setting("longs", " ".join(str(v) for v in t.reshape(-1).tolist()))
        o = self._options(opts)
        if o:
            self.w.setting("options", o)
        self.w.text("repr", self._printed(lambda: repr(t), opts))

    def size_case(self, name, shape):
        self.count += 1
        self.w.case(f"{self.count:04d}_{name}", kind="size")
        self.w.setting("shape", shape_str(shape))
        self.w.text("repr", repr(torch.Size(shape)))


def suffixes_of(t):
    """The suffixes _str_intern adds that are not about emptiness (Java adds size= itself)."""
    out = []
    if t.dtype not in (torch.float32, torch.int64, torch.bool):
        out.append("dtype=" + str(t.dtype))
    if t.grad_fn is not None:
        out.append("grad_fn=<{}>".format(type(t.grad_fn).__name__))
    elif t.requires_grad:
        out.append("requires_grad=True")
    return out


# ---------------------------------------------------------------- value generators

def values(kind, n, rng):
    """n float32 values of a given magnitude family."""
    g = torch.Generator().manual_seed(rng.randrange(1 << 30))
    r = torch.randn(n, generator=g)
    if kind == "normal":
        return r
    if kind == "scaled":
        return r * 10.0 ** rng.randint(-3, 5)
    if kind == "tiny":
        return r * 1e-6
    if kind == "huge":
        return r * 1e9
    if kind == "mixed":
        e = torch.randint(-9, 11, (n,), generator=g).float()
        return r * torch.pow(10.0, e)
    if kind == "int_small":
        return torch.randint(-20, 21, (n,), generator=g).float()
    if kind == "int_wide":
        return torch.randint(-5000, 5000, (n,), generator=g).float()
    if kind == "int_huge":
        return torch.randint(-10**6, 10**6, (n,), generator=g).float() * 1e4
    if kind == "zeros":
        return torch.zeros(n)
    if kind == "negzeros":
        return torch.where(torch.rand(n, generator=g) < 0.5, torch.tensor(-0.0), torch.tensor(0.0))
    if kind == "ties":
        # multiples of 1/32 land exactly halfway at the 4th decimal: half-even rounding matters
        return torch.randint(-200, 200, (n,), generator=g).float() / 32
    if kind == "tie_sci":
        # integers with 6 significant digits ending in 5: ties for '{:.4e}'
        return (torch.randint(10000, 99999, (n,), generator=g) * 10 + 5).float() * torch.where(
            torch.rand(n, generator=g) < 0.3, torch.tensor(1000.0), torch.tensor(1.0))
    if kind == "near_ten":
        return 9.9999 + torch.rand(n, generator=g) * 0.0002
    if kind == "uniform01":
        return torch.rand(n, generator=g)
    raise ValueError(kind)


KINDS = ["normal", "normal", "scaled", "tiny", "huge", "mixed", "int_small", "int_wide", "int_huge",
         "zeros", "negzeros", "ties", "tie_sci", "near_ten", "uniform01"]


def sprinkle(x, rng):
    """Replace some entries with nan / inf / -inf / -0.0 / 0."""
    flat = x.reshape(-1)
    for _ in range(rng.randint(1, 3)):
        if flat.numel():
            flat[rng.randrange(flat.numel())] = rng.choice([math.nan, math.inf, -math.inf, -0.0, 0.0])
    return flat.reshape(x.shape)


def random_shape(rng):
    rank = rng.choice([0, 1, 1, 1, 2, 2, 2, 3, 3, 4])
    if rank == 0:
        return ()
    if rank == 1:
        return (rng.choice([1, 2, 3, 5, 8, 9, 10, 13, 20, 33, 47, 64]),)
    if rank == 2:
        return (rng.randint(1, 7), rng.choice([1, 2, 4, 6, 8, 9, 11, 15, 24]))
    if rank == 3:
        return (rng.randint(1, 4), rng.randint(1, 4), rng.randint(1, 10))
    return (rng.randint(1, 3), rng.randint(1, 3), rng.randint(1, 3), rng.randint(1, 7))


def make(kind, shape, rng):
    n = math.prod(shape)
    return values(kind, n, rng).reshape(shape).clone()


# ---------------------------------------------------------------- case families

def random_cases(c, rng, count):
    for i in range(count):
        kind = rng.choice(KINDS)
        shape = random_shape(rng)
        x = make(kind, shape, rng)
        if rng.random() < 0.15:
            x = sprinkle(x, rng)
        c.float_case(f"random_{kind}_{shape_str(shape)}", x)


def edge_value_cases(c):
    f = torch.tensor
    specs = {
        "tie_0.03125": [0.03125], "neg_tiny_fixed": [-1e-5, 1.0], "neg_tiny_alone": [-1e-5],
        "float32_1e-4": [1e-4, 1e-3], "exact_ratio_1000": [1.0, 1000.0], "ratio_1001": [1.0, 1001.0],
        "int_1e8": [1e8, 1.0], "int_above_1e8": [2e8, 3.0], "frac_big": [123456.5, 2.25],
        "round_to_ten": [9.99996, 1.0], "round_sci_to_ten": [9.99996e-7, 1e-6], "negzero_int": [-0.0, 0.0],
        "negzero_frac": [-0.0, 0.5], "negzero_sci": [-0.0, 1e-7], "all_nan": [math.nan, math.nan],
        "all_inf": [math.inf, -math.inf], "nan_int": [math.nan, 1.0, math.inf, -math.inf],
        "nan_frac": [math.nan, 1.5], "nan_sci": [math.nan, 1e-8, -math.inf], "max_float": [3.4028234663852886e38, 1.0],
        "min_subnormal": [1e-45, 1.0], "subnormal_alone": [1e-45], "sci_neg_exp_3digits": [1e-40, 2e-40],
        "big_exp": [1e30, -1e38], "halfway_e": [1.03125, 1.09375], "int_ties_e": [123455.0, 1.0, 1e6],
        "tensor_0.5": [0.5], "one_int": [7.0], "one_neg": [-3.25], "near_threshold_min": [0.0001001, 1.0],
    }
    for name, vals in specs.items():
        c.float_case(name, f(vals, dtype=torch.float32))
    for v in [0.5, -0.0, 0.0, 3.0, math.nan, -math.inf, 1e-5, 123456789.0, 0.03125, -2.5e-9]:
        c.float_case("scalar", f(v, dtype=torch.float32))


def empty_cases(c):
    for shape in [(0,), (0, 3), (3, 0), (2, 0, 4), (0, 0), (1, 0, 1, 2), (0, 1, 1)]:
        c.float_case("empty", torch.zeros(shape))
        c.float_case("empty_grad", torch.zeros(shape, requires_grad=True))
        c.long_case("empty", torch.zeros(shape, dtype=torch.long))
    c.float_case("empty_f64", torch.zeros((0, 2), dtype=torch.float64, requires_grad=True))


def summarised_cases(c, rng):
    shapes = [(1001,), (2000,), (40, 40), (3, 400), (12, 100), (2, 3, 200), (7, 7, 7, 3), (1, 1, 1001),
              (8, 2, 70), (10, 101)]
    for shape in shapes:
        kind = rng.choice(["normal", "mixed", "int_wide", "scaled"])
        c.float_case(f"summary_{kind}_{shape_str(shape)}", make(kind, shape, rng))
    c.float_case("arange2000", torch.arange(2000.0))
    big = make("normal", (1200,), rng)
    big[600] = 1e9  # hidden in the elided middle: must not widen the columns
    c.float_case("summary_hidden_outlier", big)
    c.long_case("arange1001", torch.arange(1001))


def small_threshold_cases(c, rng):
    """Summarisation at every rank without big files: threshold and edgeitems made small."""
    for i in range(30):
        shape = tuple(rng.randint(1, 9) for _ in range(rng.randint(1, 4)))
        opts = dict(threshold=rng.choice([5, 10, 20]), edgeitems=rng.choice([1, 2, 3]))
        kind = rng.choice(KINDS)
        c.float_case(f"small_threshold_{kind}_{shape_str(shape)}", make(kind, shape, rng), opts)


def options_cases(c, rng):
    variants = [
        dict(profile="short"), dict(profile="full"), dict(precision=2), dict(precision=0), dict(precision=7),
        dict(sci_mode=True), dict(sci_mode=False), dict(linewidth=120), dict(linewidth=40), dict(linewidth=10),
        dict(profile="short", sci_mode=True),
    ]
    for opts in variants:
        for kind in ["normal", "mixed", "int_wide", "tiny", "zeros", "ties", "huge"]:
            shape = random_shape(rng)
            label = "_".join(f"{k}{v}" for k, v in opts.items())
            c.float_case(f"opts_{label}_{kind}_{shape_str(shape)}", make(kind, shape, rng), dict(opts))
    c.float_case("opts_full_1200", make("normal", (1200,), rng), dict(profile="full"))
    c.float_case("opts_short_summary", make("normal", (30, 40), rng), dict(profile="short"))
    c.long_case("opts_short_long", torch.arange(1001), dict(profile="short"))


def suffix_cases(c, rng):
    ops = [
        ("tanh", lambda x: (x * 2).tanh()), ("relu", lambda x: x.relu()), ("sigmoid", lambda x: x.sigmoid()),
        ("mul", lambda x: x * 2), ("add", lambda x: x + 1), ("t", lambda x: x.t()),
        ("transpose", lambda x: x.transpose(0, 1)), ("view", lambda x: x.view(-1)),
        ("stack", lambda x: torch.stack([x, x])), ("cat", lambda x: torch.cat([x, x], -1)),
        ("select", lambda x: x[0]), ("slice", lambda x: x[:1]), ("unsqueeze", lambda x: x.unsqueeze(0)),
        ("select_item", lambda x: x[0, 0]), ("sum", lambda x: x.sum()),
    ]
    for name, op in ops:
        for shape in [(1, 4), (3, 5), (2, 9), (6, 20)]:
            x = make("normal", shape, rng).requires_grad_()
            c.float_case(f"gradfn_{name}_{shape_str(shape)}", op(x))
    for shape in [(), (3,), (2, 4), (30,), (2, 2, 3)]:
        c.float_case("leaf_requires_grad", make("normal", shape, rng).requires_grad_())
        c.float_case("f64_requires_grad", make("normal", shape, rng).double().requires_grad_())
        c.float_case("f64_gradfn", make("int_small", shape, rng).double().requires_grad_() * 2)
    # 4-d: the suffix does not fit on the last line and wraps (worked example 10)
    for i in range(4):
        x = make("normal", (2, 1, 1, 6 + i), rng).requires_grad_()
        c.float_case("wrap_view", x.view(2, 1, 1, 6 + i) * 1)
        c.float_case("wrap_view_exact", x.reshape(-1).view(2, 1, 1, 6 + i))


def view_cases(c, rng):
    x = make("normal", (5, 7), rng)
    c.float_case("view_t", x.t())
    c.float_case("view_step", x[:, ::2])
    c.float_case("view_block", x[1:4, 2:6])
    y = make("mixed", (3, 4, 5), rng)
    c.float_case("view_permute", y.permute(2, 0, 1))
    c.float_case("view_transpose12", y.transpose(1, 2))
    c.float_case("view_expand", make("normal", (1, 4), rng).expand(3, 4))
    c.float_case("view_row", y[1])
    c.float_case("view_col", x[:, 3])


def notebook_cases(c):
    torch.manual_seed(0)
    c.float_case("nb_randn_2_3_4", torch.randn(2, 3, 4))
    torch.manual_seed(0)
    c.float_case("nb_randn20", torch.randn(20))
    f = torch.tensor
    for vals in ([1., 2., 3.], [100., -2., 3.], [1., 1000.], [0., 0., 0.], [-0., 0.], [1e-5, 1.], [1., 1001.],
                 [1e-4, 1e-3], [1.2346e8], [math.nan, 1., math.inf, -math.inf], [math.nan, 1.5]):
        c.float_case("nb_vector", f(vals))
    torch.manual_seed(1)
    cell = torch.nn.RNNCell(4, 9)
    c.float_case("nb_rnncell_2x9", cell(torch.randn(2, 4)))
    cell = torch.nn.RNNCell(3, 4)
    c.float_case("nb_rnncell_1x4", cell(torch.randn(1, 3)))
    c.float_case("nb_parameter", torch.nn.Parameter(f([-0.5734, -0.0634])), param=True)
    c.float_case("nb_parameter_weight", cell.weight_ih, param=True)
    c.float_case("nb_40x40", make("normal", (40, 40), random.Random(40)))
    c.long_case("nb_long", f([1, 2, 300]))
    c.long_case("nb_long_scalar", f(3))
    c.long_case("nb_batch_sizes", f([3, 3, 2]))


def long_cases(c, rng):
    for i in range(40):
        shape = random_shape(rng)
        n = math.prod(shape)
        scale = rng.choice([1, 10, 1000, 10**6, 2**62])
        vals = [rng.randint(-scale, scale) for _ in range(n)]
        c.long_case(f"long_{shape_str(shape)}", torch.tensor(vals, dtype=torch.long).reshape(shape))
    c.long_case("long_min_max", torch.tensor([-2**63, 2**63 - 1]))
    c.long_case("long_small_threshold", torch.arange(60).reshape(3, 4, 5), dict(threshold=20, edgeitems=1))


def size_cases(c, rng):
    for shape in [(), (0,), (1, 4), (2, 3), (5,), (2, 0, 4), (1, 2, 3, 4), (100000, 3)]:
        c.size_case("size", shape)


def main():
    torch.set_printoptions(profile="default")
    w = GoldenWriter(OUT, "Tensor printing: repr(tensor) from PyTorch " + torch.__version__
                     + "\nWritten by tools/golden/printing.py; read by dev.rnn4j.format tests.")
    c = Cases(w)
    rng = random.Random(20240601)
    notebook_cases(c)
    edge_value_cases(c)
    empty_cases(c)
    view_cases(c, rng)
    suffix_cases(c, rng)
    summarised_cases(c, rng)
    small_threshold_cases(c, rng)
    options_cases(c, rng)
    random_cases(c, rng, 320)
    long_cases(c, rng)
    size_cases(c, rng)
    w.write()
    print(f"{c.count} cases -> {os.path.normpath(OUT)} ({os.path.getsize(OUT)} bytes)")


if __name__ == "__main__":
    main()
