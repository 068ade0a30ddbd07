"""Golden vectors for rnn4j's int64 sampling and argmax: torch.randint, torch.multinomial (with and without
replacement, 1-D and 2-D, zero-probability categories) and Tensor.argmax, bit for bit.

Writes rnn4j-core/src/test/resources/golden/sampling.txt. Run with PyTorch 2 (multinomial without replacement
draws exponential clocks there; 1.13 draws differently), which runs this script again under 1.13 to report
which ops 1.13 would give the same:
    cd tools/golden && TORCH113_PYTHON=... $TORCH2_PYTHON sampling.py

Draw cases: torch.manual_seed(seed) (or, with `generator True`, a torch.Generator seeded so), then the `ops`
in order, each drawing from that generator; the K-th op's result is the setting outK (int64 values, row-major)
or the tensor outK (randn). Op syntax:
    randint:LOW:HIGH:SHAPE       torch.randint(LOW, HIGH, SHAPE)        SHAPE like 3x4, scalar for ()
    multinomial:P:N:R            torch.multinomial(probsP, N, R)        probsP a tensor of the case, R True/False
    randn:N                      torch.randn(N)
Argmax cases: input, then `dim` (None: over everything) and `keepdim`; the setting out and out_shape.
Error cases (kind error): `text message` is PyTorch 2's message for the call SamplingErrorsTest makes.
"""
import json
import os
import subprocess
import sys

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from golden_format import GoldenWriter  # noqa: E402
import two_torches  # noqa: E402

REPO = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
OUT = os.path.join(REPO, "rnn4j-core", "src", "test", "resources", "golden", "sampling.txt")
TORCH113 = os.environ.get("TORCH113_PYTHON", "python3")


def shape_of(text):
    return () if text == "scalar" else tuple(int(d) for d in text.split("x"))


def probs_tensors(seed):
    """The probability tensors a draw case may name, drawn from their own generator."""
    g = torch.Generator().manual_seed(seed)
    zeros = torch.rand(12, generator=g)
    zeros[::3] = 0
    rows = torch.rand(4, 6, generator=g)
    rows[1, :4] = 0
    wide = torch.rand(3, 200, generator=g)
    wide[:, 100:] = 0
    return [torch.rand(5, generator=g), torch.rand(3, 7, generator=g) * 10, zeros, rows, wide,
            torch.tensor([0.0, 1.0, 0.0, 1.0]), torch.rand(1000, generator=g)]


def run_ops(seed, ops, explicit):
    gen = torch.Generator().manual_seed(seed) if explicit else None
    if not explicit:
        torch.manual_seed(seed)
    probs = probs_tensors(seed + 1)
    out = []
    for op in ops:
        kind, *a = op.split(":")
        if kind == "randint":
            out.append(torch.randint(int(a[0]), int(a[1]), shape_of(a[2]), generator=gen))
        elif kind == "multinomial":
            out.append(torch.multinomial(probs[int(a[0])], int(a[1]), a[2] == "True", generator=gen))
        else:
            out.append(torch.randn(int(a[0]), generator=gen))
    return probs, out


def draw_cases():
    c = []

    def add(name, seed, ops, explicit=False):
        c.append((name, dict(seed=seed, ops=ops, generator=explicit)))

    for seed in (0, 1, 42, 2**32 + 7):
        add(f"randint_small_{seed}", seed, ["randint:0:10:20", "randint:-5:5:3x4", "randint:3:4:2", "randint:0:7:scalar"])
        add(f"randint_wide_{seed}", seed, [f"randint:0:{2**24 + 1}:3", f"randint:0:{2**28 - 1}:3",
                                           f"randint:7:{2**28 + 7}:3", f"randint:0:{2**32 - 1}:5", f"randint:0:{2**32}:5",
                                           f"randint:0:{2**32 + 1}:5", f"randint:{-2**62}:{2**62}:4",
                                           f"randint:{-2**63}:{2**63 - 1}:3"])
        add(f"multinomial_1d_{seed}", seed, ["multinomial:0:1:False", "multinomial:0:3:False", "multinomial:0:5:False",
                                             "multinomial:0:1:True", "multinomial:0:8:True"])
        add(f"multinomial_2d_{seed}", seed, ["multinomial:1:1:False", "multinomial:1:4:False", "multinomial:1:7:False",
                                             "multinomial:1:10:True", "multinomial:1:1:True"])
        add(f"multinomial_zeros_{seed}", seed, ["multinomial:2:12:False", "multinomial:3:6:False",
                                                "multinomial:5:4:False", "multinomial:2:6:True",
                                                "multinomial:3:9:True"])
        add(f"multinomial_wide_{seed}", seed, ["multinomial:4:3:False", "multinomial:4:150:False",
                                               "multinomial:6:5:False", "multinomial:6:200:True"])
        add(f"mixed_{seed}", seed, ["randn:5", "multinomial:0:2:False", "randint:0:100:7", "randn:17",
                                    "multinomial:1:3:True", "randn:3"])
    add("explicit_generator", 5, ["randint:0:10:6", "multinomial:1:2:False", "multinomial:0:4:True"], True)
    add("explicit_generator_wide", 6, [f"randint:-3:{2**40}:4", "multinomial:3:5:False"], True)
    return c


def argmax_cases():
    nan = float("nan")
    return [
        ("argmax_all", [[1.0, 3.0, 3.0], [2.0, 2.0, 1.0]], None, False),
        ("argmax_0", [[1.0, 3.0, 3.0], [2.0, 2.0, 1.0]], 0, False),
        ("argmax_1_keepdim", [[1.0, 3.0, 3.0], [2.0, 2.0, 1.0]], 1, True),
        ("argmax_m1", [[[1.0, 5.0], [7.0, 7.0]], [[-1.0, -2.0], [0.0, -0.0]]], -1, False),
        ("argmax_nan", [[1.0, nan, 3.0, nan], [nan, 9.0, 9.0, 1.0]], 1, False),
        ("argmax_nan_all", [1.0, 4.0, nan, 5.0], None, False),
        ("argmax_scalar", 2.5, 0, False),
        ("argmax_scalar_keepdim", 2.5, 0, True),
        ("argmax_ties_0", [[4.0, 1.0], [4.0, 2.0], [-1.0, 2.0]], 0, True),
    ]


def replay():
    """`sampling.py --replay` under another torch: the draw cases' results as JSON, for the comparison."""
    res = {name: [t.reshape(-1).tolist() for t in run_ops(cfg["seed"], cfg["ops"], cfg["generator"])[1]]
           for name, cfg in draw_cases()}
    json.dump({"version": torch.__version__, "results": res}, sys.stdout)


def torch113_results():
    proc = subprocess.run([TORCH113, os.path.abspath(__file__), "--replay"], capture_output=True, text=True,
                          check=True)
    return json.loads(proc.stdout)


ERRORS = {
    "multinomial_rank": lambda: torch.multinomial(torch.rand(2, 3, 4), 1),
    "multinomial_scalar": lambda: torch.multinomial(torch.tensor(1.0), 1),
    "multinomial_no_samples": lambda: torch.multinomial(torch.rand(3), 0),
    "multinomial_too_many": lambda: torch.multinomial(torch.rand(3), 4),
    "multinomial_zero_row": lambda: torch.multinomial(torch.tensor([[0.0, 0.0, 0.0], [1.0, 1.0, 1.0]]), 1),
    "multinomial_zero_row_replacement": lambda: torch.multinomial(torch.tensor([[1.0, 1.0], [0.0, 0.0]]), 2, True),
    "multinomial_negative": lambda: torch.multinomial(torch.tensor([-1.0, 1.0, 1.0]), 2),
    "multinomial_negative_replacement": lambda: torch.multinomial(torch.tensor([-1.0, 1.0, 1.0]), 2, True),
    "multinomial_inf": lambda: torch.multinomial(torch.tensor([float("inf"), 1.0]), 1),
    "multinomial_inf_replacement": lambda: torch.multinomial(torch.tensor([float("inf"), 1.0]), 2, True),
    "multinomial_nan_replacement": lambda: torch.multinomial(torch.tensor([float("nan"), 1.0]), 2, True),
    "randint_empty_range": lambda: torch.randint(5, 5, (3,)),
    "randint_reversed": lambda: torch.randint(5, 3, (3,)),
    "argmax_empty": lambda: torch.zeros(0).argmax(),
    "argmax_empty_dim": lambda: torch.zeros(2, 0).argmax(1),
    "argmax_dim": lambda: torch.zeros(2, 3).argmax(2),
}


def main():
    if sys.argv[1:] == ["--replay"]:
        replay()
        return
    assert torch.__version__.startswith("2."), "run sampling.py with PyTorch 2 ($TORCH2_PYTHON)"
    old = torch113_results()
    agree = {}
    lines = []
    w = GoldenWriter(OUT, "")
    for name, cfg in draw_cases():
        probs, outs = run_ops(cfg["seed"], cfg["ops"], cfg["generator"])
        w.case(name, seed=cfg["seed"], ops=" ".join(cfg["ops"]), generator=cfg["generator"])
        for k, p in enumerate(probs):
            if any(op.startswith(f"multinomial:{k}:") for op in cfg["ops"]):
                w.tensor(f"probs{k}", p)
        for k, (op, t) in enumerate(zip(cfg["ops"], outs)):
            if t.dtype == torch.long:
                w.setting(f"out{k}", two_torches.ints(t.reshape(-1).tolist()))
            else:
                w.tensor(f"out{k}", t)
            kind = op.split(":")[0] + (":replacement" if op.endswith("True") else "")
            same = old["results"][name][k] == t.reshape(-1).tolist()
            agree.setdefault(kind, [0, 0])[same] += 1
    for name, values, dim, keepdim in argmax_cases():
        x = torch.tensor(values)
        out = x.argmax() if dim is None else x.argmax(dim, keepdim=keepdim)
        w.case(name, kind="argmax", dim=dim, keepdim=keepdim)
        w.tensor("input", x)
        w.setting("out", two_torches.ints(out.reshape(-1).tolist()))
        w.setting("out_shape", two_torches.dims(out.shape))
    for name, call in ERRORS.items():
        w.case("error_" + name, kind="error")
        w.text("message", two_torches.error_message(call))
    for kind, (differ, same) in sorted(agree.items()):
        lines.append(f"{kind}: torch {old['version']} gives the same values for {same} of {same + differ} ops")
    w.lines = ["# " + line for line in
               [f"Written by tools/golden/sampling.py under torch {torch.__version__} (values and messages)."]
               + lines] + w.lines
    w.write()
    print("\n".join(lines))


if __name__ == "__main__":
    main()
