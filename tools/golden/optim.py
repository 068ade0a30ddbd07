"""Golden vectors for rnn4j's optimizers (torch.optim, the foreach=False formulas).

Writes rnn4j-core/src/test/resources/golden/optim.txt. Run with PyTorch 2.x, the reference for
torch.optim's update rules and messages: `python3 optim.py` re-runs itself under $TORCH2_PYTHON
when the interpreter's torch is older.

A trajectory case: three parameters of shapes (3, 4), (4,), (2,) drawn with randn from a
generator seeded `param_seed`; an optimizer built with the `option.*` keyword arguments (JSON
values) and, when `groups` is set, parameter groups `group.<i>.params` (indices) with their own
`group.<i>.option.*`. Each step draws a randn gradient for every parameter, in order, from one
generator seeded `grad_seed` (with `skip True` parameter 2 then gets no gradient on every third
step), calls optimizer.step() and records every parameter (`step<k>.param<i>`). CPU tensors take
the single-tensor (foreach=False) path.

Two runs when the optimizer takes a square root (Adam, AdamW, RMSprop, Adagrad): PyTorch's CPU
wheel computes float32 sqrt with MKL's vsSqrt, which is within one ulp but not correctly rounded;
rnn4j computes IEEE sqrt (as non-MKL builds, e.g. Debian's PyTorch, do). `step<k>.param<i>` is
PyTorch as it runs; `ieee.step<k>.param<i>` is the same run with Tensor.sqrt/sqrt_ replaced by a
correctly rounded float32 sqrt, everything else PyTorch's own kernels, written only where it
differs from `step<k>.param<i>`. Values are float32's shortest decimals. After the last step:
`state.<i>.<key>` (the IEEE run when there is one), `param_groups` and `state_keys` (JSON of
optimizer.state_dict()'s groups and each state entry's keys) and `repr` (repr(optimizer)).

An error case builds the optimizer and records the ValueError's text as `message`; a load_error
case loads the state dict of an SGD over `saved_groups` (parameter indices, groups split by |)
into one over `groups`; a group_error case builds an SGD over misfit parameters (see
GROUP_ERRORS).
"""
import json
import math
import os
import struct
import sys

TORCH2 = os.environ.get("TORCH2_PYTHON", "python3")


def _run_under_torch2():
    """Re-executes the running script under $TORCH2_PYTHON unless this interpreter already has torch 2.x."""
    try:
        import torch
        if torch.__version__.startswith("2."):
            return
    except ImportError:
        pass
    if "TORCH2_PYTHON" not in os.environ or os.path.abspath(sys.executable) == os.path.abspath(TORCH2):
        raise SystemExit("optim.py needs torch 2.x; set TORCH2_PYTHON")
    os.execv(TORCH2, [TORCH2, os.path.abspath(sys.argv[0])] + sys.argv[1:])


_run_under_torch2()
import torch  # noqa: E402

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from golden_format import GoldenWriter  # noqa: E402

REPO = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
GOLDEN = os.path.join(REPO, "rnn4j-core", "src", "test", "resources", "golden")
SHAPES = [(3, 4), (4,), (2,)]
STEPS = 20
SQRT_OPTIMIZERS = {"Adam", "AdamW", "RMSprop", "Adagrad"}


def float32_repr(v):
    """The shortest decimal that parses back to the same float32 (Float.parseFloat reads it exactly)."""
    if not math.isfinite(v):
        return "nan" if math.isnan(v) else ("inf" if v > 0 else "-inf")
    for digits in range(1, 10):
        s = "%.*g" % (digits, v)
        if struct.unpack("f", struct.pack("f", float(s)))[0] == v:
            return s
    raise AssertionError(v)


class Writer(GoldenWriter):
    """golden_format's writer with float32's shortest decimals: the files stay half as long."""

    def tensor(self, name, t):
        t = t.detach().float().contiguous()
        shape = "scalar" if t.dim() == 0 else "x".join(str(d) for d in t.shape)
        values = " ".join(float32_repr(v) for v in t.reshape(-1).tolist())
        self.lines.append(f"tensor {name} {shape} {values}".rstrip())


def ieee_sqrt(t):
    """float32 sqrt correctly rounded: math.sqrt is IEEE in double, and rounding that to float32 is exact."""
    values = [math.sqrt(v) if v >= 0 else math.nan for v in t.reshape(-1).tolist()]
    return torch.tensor(values, dtype=torch.float32).reshape(t.shape)


class IeeeSqrt:
    """Replaces Tensor.sqrt and Tensor.sqrt_ (the only square roots the single-tensor optimizers take)."""

    def __enter__(self):
        self.saved = torch.Tensor.sqrt, torch.Tensor.sqrt_
        torch.Tensor.sqrt = ieee_sqrt
        torch.Tensor.sqrt_ = lambda t: t.copy_(ieee_sqrt(t))

    def __exit__(self, *exc):
        torch.Tensor.sqrt, torch.Tensor.sqrt_ = self.saved


def make_params(seed):
    g = torch.Generator().manual_seed(seed)
    return [torch.nn.Parameter(torch.randn(s, generator=g)) for s in SHAPES]


def make_optimizer(name, params, options, groups):
    cls = getattr(torch.optim, name)
    kwargs = {k: tuple(v) if isinstance(v, list) else v for k, v in options.items()}
    if groups is None:
        return cls(params, **kwargs)
    specs = [{k: tuple(v) if isinstance(v, list) else v for k, v in g.items()} for g in groups]
    for spec, group in zip(specs, groups):
        spec["params"] = [params[i] for i in group["params"]]
    return cls(specs, **kwargs)


def set_grads(params, gen, step, skip):
    for i, p in enumerate(params):
        p.grad = torch.randn(p.shape, generator=gen)
        if skip and i == 2 and step % 3 == 0:
            p.grad = None


def run(cfg):
    """Steps the configured optimizer; returns the parameters after each step and the optimizer."""
    params = make_params(cfg["param_seed"])
    opt = make_optimizer(cfg["optimizer"], params, cfg["options"], cfg.get("groups"))
    gen = torch.Generator().manual_seed(cfg["grad_seed"])
    trajectory = []
    for step in range(1, STEPS + 1):
        set_grads(params, gen, step, cfg.get("skip", False))
        opt.step()
        trajectory.append([p.detach().clone() for p in params])
    return trajectory, opt


def settings(w, prefix, options):
    for key, value in options.items():
        w.setting(prefix + key, json.dumps(value))


def write_trajectory(w, cfg):
    w.case(cfg["name"], kind="trajectory", optimizer=cfg["optimizer"], param_seed=cfg["param_seed"],
           grad_seed=cfg["grad_seed"], steps=STEPS, skip=cfg.get("skip", False))
    settings(w, "option.", cfg["options"])
    for i, group in enumerate(cfg.get("groups") or []):
        w.setting(f"group.{i}.params", " ".join(str(j) for j in group["params"]))
        settings(w, f"group.{i}.option.", {k: v for k, v in group.items() if k != "params"})
    if cfg.get("groups"):
        w.setting("groups", len(cfg["groups"]))
    for i, p in enumerate(make_params(cfg["param_seed"])):
        w.tensor(f"param{i}", p)
    trajectory, opt = run(cfg)
    for k, params in enumerate(trajectory, 1):
        for i, p in enumerate(params):
            w.tensor(f"step{k}.param{i}", p)
    if cfg["optimizer"] in SQRT_OPTIMIZERS:
        with IeeeSqrt():
            ieee, opt = run(cfg)
        differing = sum(int((a != b).sum()) for x, y in zip(trajectory, ieee) for a, b in zip(x, y))
        print(f"{cfg['name']}: {differing} parameter values differ between MKL and IEEE sqrt", file=sys.stderr)
        for k, (params, ieee_params) in enumerate(zip(trajectory, ieee), 1):
            for i, (p, q) in enumerate(zip(params, ieee_params)):
                if not torch.equal(p, q):
                    w.tensor(f"ieee.step{k}.param{i}", q)
    state = opt.state_dict()
    for index, entry in state["state"].items():
        for key, value in entry.items():
            w.tensor(f"state.{index}.{key}", value)
    w.text("param_groups", json.dumps(state["param_groups"]))
    w.text("state_keys", json.dumps({str(k): list(v) for k, v in state["state"].items()}))
    w.text("repr", repr(opt))


def write_error(w, name, optimizer, options):
    try:
        make_optimizer(optimizer, make_params(0), options, None)
    except ValueError as e:
        w.case(name, kind="error", optimizer=optimizer)
        settings(w, "option.", options)
        w.text("message", str(e))
        return
    raise AssertionError(name + " did not fail")


def sgd_over(params, groups):
    return torch.optim.SGD([{"params": [params[i] for i in g]} for g in groups], lr=0.1)


def groups_setting(groups):
    return "|".join(" ".join(str(i) for i in g) for g in groups)


def write_load_error(w, name, saved, target):
    """load_state_dict of an SGD over `saved` groups of parameter indices into one over `target`."""
    params = make_params(0)
    try:
        sgd_over(params, target).load_state_dict(sgd_over(params, saved).state_dict())
    except ValueError as e:
        w.case("load_error_" + name, kind="load_error", saved_groups=groups_setting(saved),
               groups=groups_setting(target))
        w.text("message", str(e))
        return
    raise AssertionError(name + " did not fail")


def write_group_error(w, name, build):
    """An SGD over misfit parameters; the Java test builds the same misfit for the case's name."""
    params = make_params(0)
    try:
        build(params)
    except ValueError as e:
        w.case("group_error_" + name, kind="group_error")
        w.text("message", str(e))
        return
    raise AssertionError(name + " did not fail")


def trajectory(name, optimizer, options, seed, groups=None, skip=False):
    return {"name": name, "optimizer": optimizer, "options": options, "param_seed": seed,
            "grad_seed": 1000 + seed, "groups": groups, "skip": skip}


TWO_GROUPS = [{"params": [0]}, {"params": [1, 2], "lr": 0.02}]

TRAJECTORIES = [
    trajectory("sgd_default", "SGD", {}, 1),
    trajectory("sgd_lr", "SGD", {"lr": 0.1}, 2),
    trajectory("sgd_momentum", "SGD", {"lr": 0.05, "momentum": 0.9}, 3),
    trajectory("sgd_dampening", "SGD", {"lr": 0.05, "momentum": 0.9, "dampening": 0.3}, 4),
    trajectory("sgd_nesterov", "SGD", {"lr": 0.05, "momentum": 0.8, "nesterov": True}, 5),
    trajectory("sgd_weight_decay", "SGD", {"lr": 0.1, "momentum": 0.5, "weight_decay": 0.01}, 6),
    trajectory("sgd_maximize", "SGD", {"lr": 0.1, "momentum": 0.9, "weight_decay": 0.1, "maximize": True}, 7),
    trajectory("sgd_groups", "SGD", {"lr": 0.1, "momentum": 0.9},
               8, [{"params": [0]}, {"params": [1, 2], "lr": 0.01, "momentum": 0.5, "nesterov": True}]),
    trajectory("sgd_skip", "SGD", {"lr": 0.1, "momentum": 0.9}, 9, skip=True),
    trajectory("adam_default", "Adam", {}, 10),
    trajectory("adam_betas_eps", "Adam", {"lr": 0.01, "betas": [0.8, 0.99], "eps": 1e-6}, 11),
    trajectory("adam_weight_decay", "Adam", {"lr": 0.01, "weight_decay": 0.1}, 12),
    trajectory("adam_amsgrad", "Adam", {"lr": 0.01, "amsgrad": True}, 13),
    trajectory("adam_maximize", "Adam", {"lr": 0.01, "maximize": True, "weight_decay": 0.05}, 14),
    trajectory("adam_decoupled", "Adam", {"lr": 0.01, "weight_decay": 0.1, "decoupled_weight_decay": True}, 15),
    trajectory("adam_groups", "Adam", {"lr": 0.01}, 16,
               [{"params": [0, 2], "betas": [0.5, 0.9]}, {"params": [1], "lr": 0.05, "amsgrad": True}]),
    trajectory("adam_skip", "Adam", {"lr": 0.01}, 17, skip=True),
    trajectory("adamw_default", "AdamW", {}, 18),
    trajectory("adamw_amsgrad", "AdamW", {"lr": 0.01, "weight_decay": 0.1, "amsgrad": True}, 19),
    trajectory("adamw_maximize", "AdamW", {"lr": 0.01, "maximize": True, "betas": [0.7, 0.95]}, 20),
    trajectory("adamw_groups", "AdamW", {"lr": 0.01}, 21, TWO_GROUPS),
    trajectory("rmsprop_default", "RMSprop", {}, 22),
    trajectory("rmsprop_centered", "RMSprop", {"lr": 0.01, "centered": True}, 23),
    trajectory("rmsprop_momentum", "RMSprop", {"lr": 0.01, "momentum": 0.9}, 24),
    trajectory("rmsprop_all", "RMSprop",
               {"lr": 0.01, "alpha": 0.9, "eps": 1e-6, "weight_decay": 0.1, "momentum": 0.5, "centered": True}, 25),
    trajectory("rmsprop_maximize", "RMSprop", {"lr": 0.01, "maximize": True}, 26),
    trajectory("rmsprop_groups", "RMSprop", {"lr": 0.01}, 27,
               [{"params": [0]}, {"params": [1, 2], "centered": True, "momentum": 0.3}]),
    trajectory("adagrad_default", "Adagrad", {}, 28),
    trajectory("adagrad_lr_decay", "Adagrad", {"lr": 0.1, "lr_decay": 0.1}, 29),
    trajectory("adagrad_all", "Adagrad",
               {"lr": 0.1, "weight_decay": 0.1, "initial_accumulator_value": 0.5, "eps": 1e-6}, 30),
    trajectory("adagrad_maximize", "Adagrad", {"lr": 0.1, "maximize": True}, 31),
    trajectory("adagrad_groups_skip", "Adagrad", {"lr": 0.1}, 32, TWO_GROUPS, skip=True),
]

ERRORS = [
    ("sgd_lr", "SGD", {"lr": -1.0}),
    ("sgd_momentum", "SGD", {"momentum": -0.5}),
    ("sgd_weight_decay", "SGD", {"weight_decay": -1e-05}),
    ("sgd_nesterov_no_momentum", "SGD", {"nesterov": True}),
    ("sgd_nesterov_dampening", "SGD", {"nesterov": True, "momentum": 0.9, "dampening": 0.1}),
    ("adam_lr", "Adam", {"lr": -0.001}),
    ("adam_eps", "Adam", {"eps": -1e-08}),
    ("adam_beta0", "Adam", {"betas": [1.0, 0.999]}),
    ("adam_beta1", "Adam", {"betas": [0.9, -0.1]}),
    ("adam_weight_decay", "Adam", {"weight_decay": -0.1}),
    ("adamw_lr", "AdamW", {"lr": -2.0}),
    ("rmsprop_lr", "RMSprop", {"lr": -0.01}),
    ("rmsprop_eps", "RMSprop", {"eps": -1.0}),
    ("rmsprop_momentum", "RMSprop", {"momentum": -0.9}),
    ("rmsprop_weight_decay", "RMSprop", {"weight_decay": -0.5}),
    ("rmsprop_alpha", "RMSprop", {"alpha": -0.99}),
    ("adagrad_lr", "Adagrad", {"lr": -0.1}),
    ("adagrad_lr_decay", "Adagrad", {"lr_decay": -0.1}),
    ("adagrad_weight_decay", "Adagrad", {"weight_decay": -0.1}),
    ("adagrad_initial_accumulator_value", "Adagrad", {"initial_accumulator_value": -0.1}),
    ("adagrad_eps", "Adagrad", {"eps": -1e-10}),
]


LOAD_ERRORS = [
    ("group_count", [[0], [1, 2]], [[0, 1, 2]]),
    ("group_size", [[0], [1, 2]], [[0, 1], [2]]),
]

GROUP_ERRORS = [
    ("empty", lambda p: torch.optim.SGD([], lr=0.1)),
    ("overlap", lambda p: torch.optim.SGD([{"params": [p[0]]}, {"params": [p[0], p[1]]}], lr=0.1)),
    ("non_leaf", lambda p: torch.optim.SGD([p[0] * 2], lr=0.1)),
]


def main():
    w = Writer(os.path.join(GOLDEN, "optim.txt"),
                     f"torch.optim trajectories, final states and messages\n"
                     f"written by tools/golden/optim.py with torch {torch.__version__}\n"
                     f"regenerate: cd tools/golden && python3 optim.py")
    for cfg in TRAJECTORIES:
        write_trajectory(w, cfg)
    for name, optimizer, options in ERRORS:
        write_error(w, "error_" + name, optimizer, options)
    for name, saved, target in LOAD_ERRORS:
        write_load_error(w, name, saved, target)
    for name, build in GROUP_ERRORS:
        write_group_error(w, name, build)
    w.write()


if __name__ == "__main__":
    main()
