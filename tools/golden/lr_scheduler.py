"""Golden vectors for rnn4j's learning-rate schedulers (torch.optim.lr_scheduler).

Writes rnn4j-core/src/test/resources/golden/lr_scheduler.txt with PyTorch 2.x (`python3
lr_scheduler.py` re-runs itself under $TORCH2_PYTHON).

A schedule case: an optimizer (`optimizer`, `option.*` as in optim.txt) over the parameters of
optim.py, in the groups `group.<i>.params` with their `group.<i>.option.*`; a scheduler
(`scheduler`, keyword arguments `arg.*`, JSON). Each of `steps` epochs calls optimizer.step()
(no gradients, so nothing moves) then scheduler.step() (ReduceLROnPlateau: step(metrics[k])).
`lr.<k>` lists every group's lr after epoch k (k = 0: after construction) as Python floats;
`momentum.<k>` each group's momentum or beta1 when the scheduler cycles it. `resume_after` N:
the scheduler is rebuilt with last_epoch=N after N steps (the groups keep initial_lr) and the
rest are its steps. After the last epoch: `state.<key>` the scheduler's state_dict() entries
(JSON, in order) and `param_groups` the optimizer's groups.

A training case (`kind training`) also draws gradients as optim.py does and records the
parameters after every step (`step<k>.param<i>`; `ieee.` as in optim.txt where Adam's sqrt
differs), so the optimizer is seen to use the momentum and rates the scheduler sets.

An error case records the exception's message: at construction, or at `fail_at_step`.
"""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import optim  # noqa: E402  (re-executes under torch 2.x first)

import torch  # noqa: E402
from torch.optim import lr_scheduler  # noqa: E402

TWO_GROUPS = [{"params": [0]}, {"params": [1, 2], "lr": 0.5}]


def build(cfg, params):
    opt = optim.make_optimizer(cfg["optimizer"], params, cfg["options"], cfg["groups"])
    return opt, getattr(lr_scheduler, cfg["scheduler"])(opt, **cfg["args"])


def momenta(opt):
    return [g["betas"][0] if "betas" in g else g.get("momentum", 0) for g in opt.param_groups]


def write_settings(w, cfg):
    optim.settings(w, "option.", cfg["options"])
    w.setting("groups", len(cfg["groups"]))
    for i, group in enumerate(cfg["groups"]):
        w.setting(f"group.{i}.params", " ".join(str(j) for j in group["params"]))
        optim.settings(w, f"group.{i}.option.", {k: v for k, v in group.items() if k != "params"})
    optim.settings(w, "arg.", cfg["args"])


def record(w, k, opt, cycles):
    w.setting(f"lr.{k}", " ".join(repr(float(g["lr"])) for g in opt.param_groups))
    if cycles:
        w.setting(f"momentum.{k}", " ".join(repr(float(m)) for m in momenta(opt)))


def write_schedule(w, cfg):
    params = optim.make_params(1)
    opt, sched = build(cfg, params)
    metrics = cfg.get("metrics")
    w.case(cfg["name"], kind="schedule", optimizer=cfg["optimizer"], scheduler=cfg["scheduler"],
           steps=cfg["steps"], resume_after=cfg.get("resume_after", -1))
    write_settings(w, cfg)
    if metrics:
        w.setting("metrics", " ".join(repr(m) for m in metrics))
    cycles = cfg["args"].get("cycle_momentum", cfg["scheduler"] == "OneCycleLR")
    record(w, 0, opt, cycles)
    for k in range(1, cfg["steps"] + 1):
        opt.step()
        if metrics:
            sched.step(metrics[k - 1])
        else:
            sched.step()
        if k == cfg.get("resume_after"):
            sched = getattr(lr_scheduler, cfg["scheduler"])(opt, **cfg["args"], last_epoch=k)
        record(w, k, opt, cycles)
    for key, value in sched.state_dict().items():
        w.setting("state." + key, json.dumps(value))
    w.text("param_groups", json.dumps(opt.state_dict()["param_groups"]))


def run_training(cfg, steps):
    params = optim.make_params(cfg["param_seed"])
    opt, sched = build(cfg, params)
    gen = torch.Generator().manual_seed(cfg["param_seed"] + 1000)
    trajectory = []
    for k in range(1, steps + 1):
        optim.set_grads(params, gen, k, False)
        opt.step()
        sched.step()
        trajectory.append([p.detach().clone() for p in params])
    return trajectory


def write_training(w, cfg):
    steps = cfg["steps"]
    w.case(cfg["name"], kind="training", optimizer=cfg["optimizer"], scheduler=cfg["scheduler"], steps=steps,
           param_seed=cfg["param_seed"], grad_seed=cfg["param_seed"] + 1000, skip=False)
    write_settings(w, cfg)
    for i, p in enumerate(optim.make_params(cfg["param_seed"])):
        w.tensor(f"param{i}", p)
    trajectory = run_training(cfg, steps)
    with optim.IeeeSqrt():
        ieee = run_training(cfg, steps)
    for k, (ps, qs) in enumerate(zip(trajectory, ieee), 1):
        for i, (p, q) in enumerate(zip(ps, qs)):
            w.tensor(f"step{k}.param{i}", p)
            if not torch.equal(p, q):
                w.tensor(f"ieee.step{k}.param{i}", q)


def write_error(w, cfg):
    params = optim.make_params(1)
    w.case(cfg["name"], kind="error", optimizer=cfg["optimizer"], scheduler=cfg["scheduler"],
           fail_at_step=cfg.get("fail_at_step", 0))
    write_settings(w, cfg)
    try:
        opt, sched = build(cfg, params)
        for _ in range(cfg.get("fail_at_step", 0)):
            opt.step()
            sched.step()
    except (ValueError, KeyError) as e:
        w.text("message", e.args[0])
        return
    raise AssertionError(cfg["name"] + " did not fail")


def case(name, scheduler, args, steps=35, optimizer="SGD", options=None, groups=None, **extra):
    return dict(name=name, scheduler=scheduler, args=args, steps=steps, optimizer=optimizer,
                options={"lr": 0.1} if options is None else options, groups=groups or TWO_GROUPS, **extra)


def noisy(start, slope, noise, n, seed, grow=False):
    """A metric that drifts (down, or up with grow) with noise and flat stretches, rounded to 4 places."""
    g = torch.Generator().manual_seed(seed)
    values = []
    for k in range(n):
        trend = start + slope * k if grow else start / (1 + slope * k)
        jitter = noise * torch.randn(1, generator=g).item()
        values.append(round(trend + jitter, 4) if k % 7 < 4 else values[-1])
    return values


SGD_MOMENTUM = {"lr": 0.1, "momentum": 0.9}

SCHEDULES = [
    case("step_lr", "StepLR", {"step_size": 3, "gamma": 0.5}),
    case("step_lr_default_gamma", "StepLR", {"step_size": 10}),
    case("cosine", "CosineAnnealingLR", {"T_max": 10}),
    case("cosine_eta_min", "CosineAnnealingLR", {"T_max": 7, "eta_min": 0.01}, steps=40),
    case("cosine_long", "CosineAnnealingLR", {"T_max": 50, "eta_min": 0.001}, steps=60),
    case("cosine_resume", "CosineAnnealingLR", {"T_max": 12, "eta_min": 0.002}, resume_after=5),
    case("one_cycle_cos", "OneCycleLR", {"max_lr": [1.0, 0.5], "total_steps": 40}, steps=39,
         options=SGD_MOMENTUM),
    case("one_cycle_linear", "OneCycleLR",
         {"max_lr": 0.8, "total_steps": 36, "pct_start": 0.25, "anneal_strategy": "linear", "div_factor": 10.0,
          "final_div_factor": 100.0, "base_momentum": 0.8, "max_momentum": [0.9, 0.95]},
         steps=36, options=SGD_MOMENTUM),
    case("one_cycle_three_phase", "OneCycleLR", {"max_lr": 0.3, "total_steps": 45, "three_phase": True}, steps=44,
         options=SGD_MOMENTUM),
    case("one_cycle_adam", "OneCycleLR", {"max_lr": 0.01, "epochs": 5, "steps_per_epoch": 7}, steps=34,
         optimizer="Adam", options={"lr": 0.001}),
    case("one_cycle_no_momentum", "OneCycleLR",
         {"max_lr": 0.05, "total_steps": 30, "cycle_momentum": False, "three_phase": True,
          "anneal_strategy": "linear"}, steps=30, optimizer="Adagrad"),
    case("plateau_min_rel", "ReduceLROnPlateau", {"patience": 2, "factor": 0.5}, steps=40,
         metrics=noisy(1.0, 0.05, 0.02, 40, 1)),
    case("plateau_max_abs", "ReduceLROnPlateau",
         {"mode": "max", "threshold_mode": "abs", "threshold": 0.01, "cooldown": 2, "min_lr": 0.02,
          "factor": 0.3, "patience": 1}, steps=40, metrics=noisy(0.5, 0.01, 0.02, 40, 2, grow=True)),
    case("plateau_min_lrs_eps", "ReduceLROnPlateau",
         {"min_lr": [0.01, 0.2], "eps": 0.005, "patience": 0, "threshold": 0.05, "factor": 0.7}, steps=35,
         metrics=noisy(2.0, 0.02, 0.05, 35, 3)),
    case("plateau_max_rel", "ReduceLROnPlateau", {"mode": "max", "patience": 3, "cooldown": 1}, steps=35,
         metrics=noisy(0.2, 0.02, 0.03, 35, 4, grow=True)),
]

TRAINING = [
    case("sgd_one_cycle", "OneCycleLR", {"max_lr": [0.5, 0.2], "total_steps": 20}, steps=20,
         options={"lr": 0.1, "momentum": 0.9, "nesterov": True}, param_seed=40),
    case("adam_one_cycle", "OneCycleLR", {"max_lr": 0.05, "total_steps": 20, "three_phase": True}, steps=20,
         optimizer="Adam", options={"lr": 0.01}, param_seed=41),
    case("rmsprop_cosine", "CosineAnnealingLR", {"T_max": 8, "eta_min": 0.001}, steps=20, optimizer="RMSprop",
         options={"lr": 0.01, "momentum": 0.5}, param_seed=42),
]

ERRORS = [
    case("error_plateau_factor", "ReduceLROnPlateau", {"factor": 1.0}),
    case("error_plateau_mode", "ReduceLROnPlateau", {"mode": "maximum"}),
    case("error_plateau_threshold_mode", "ReduceLROnPlateau", {"threshold_mode": "relative"}),
    case("error_plateau_min_lrs", "ReduceLROnPlateau", {"min_lr": [0.1, 0.2, 0.3]}),
    case("error_one_cycle_total_steps", "OneCycleLR", {"max_lr": 1.0, "total_steps": 0}),
    case("error_one_cycle_no_length", "OneCycleLR", {"max_lr": 1.0, "epochs": 3}),
    case("error_one_cycle_epochs", "OneCycleLR", {"max_lr": 1.0, "epochs": -1, "steps_per_epoch": 4}),
    case("error_one_cycle_steps_per_epoch", "OneCycleLR", {"max_lr": 1.0, "epochs": 2, "steps_per_epoch": 0}),
    case("error_one_cycle_pct_start", "OneCycleLR", {"max_lr": 1.0, "total_steps": 10, "pct_start": 1.5}),
    case("error_one_cycle_anneal", "OneCycleLR", {"max_lr": 1.0, "total_steps": 10, "anneal_strategy": "cosine"}),
    case("error_one_cycle_max_lr_length", "OneCycleLR", {"max_lr": [1.0, 2.0, 3.0], "total_steps": 10}),
    case("error_one_cycle_momentum_length", "OneCycleLR",
         {"max_lr": 1.0, "total_steps": 10, "base_momentum": [0.8]}, options=SGD_MOMENTUM),
    case("error_one_cycle_no_momentum", "OneCycleLR", {"max_lr": 1.0, "total_steps": 10}, optimizer="Adagrad"),
    case("error_one_cycle_past_the_end", "OneCycleLR", {"max_lr": 1.0, "total_steps": 10}, options=SGD_MOMENTUM,
         fail_at_step=11),
    case("error_resume_without_initial_lr", "StepLR", {"step_size": 3, "last_epoch": 4}),
]


def main():
    w = optim.Writer(os.path.join(optim.GOLDEN, "lr_scheduler.txt"),
                     f"torch.optim.lr_scheduler: learning rates, momenta, state dicts, trainings and messages\n"
                     f"written by tools/golden/lr_scheduler.py with torch {torch.__version__}\n"
                     f"regenerate: cd tools/golden && python3 lr_scheduler.py")
    for cfg in SCHEDULES:
        write_schedule(w, cfg)
    for cfg in TRAINING:
        write_training(w, cfg)
    for cfg in ERRORS:
        write_error(w, cfg)
    w.write()


if __name__ == "__main__":
    main()
