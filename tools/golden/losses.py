"""Golden vectors for rnn4j's losses: CrossEntropyLoss (class indices and class probabilities), NLLLoss, MSELoss,
L1Loss, BCEWithLogitsLoss, over their options (reduction, weight, ignore_index, label_smoothing, pos_weight) and
input shapes ((N, C), unbatched (C), (N, C, d1, ...)).

Writes rnn4j-core/src/test/resources/golden/losses.txt. Run with PyTorch 1.13 (the numbers), which runs this
script again under PyTorch 2 ($TORCH2_PYTHON) for the grad_fn names and error messages:
    cd tools/golden && TORCH2_PYTHON=... $TORCH113_PYTHON losses.py

Each case: a torch.Generator seeded with `seed` draws, in order, input = randn(input_shape) * scale; the target
(class indices: randint(0, C) with every `ignore_every`-th set to ignore_index, written as the setting `target`;
class probabilities: softmax of randn; bce: rand; mse/l1: randn); weight = rand(C) + 0.5 and pos_weight =
rand(C) + 0.5 when asked (bce: C is the last dimension); after the loss, grad_output = randn(output.shape); (loss * grad_output).sum().backward().
The module is built with the case's options (LossesGoldenTest builds the same). Written: input, target (float
targets), weight, pos_weight, output, grad_output, grad.input, grad.target (float targets); settings
output_grad_fn (2.x), output_grad_fn_113; text module_repr (2.x).
Error cases (kind error): `text message` is PyTorch 2's message for the call LossesErrorsTest makes.
"""
import os
import sys

import torch
import torch.nn as nn
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import two_torches  # noqa: E402

REPO = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
OUT = os.path.join(REPO, "rnn4j-core", "src", "test", "resources", "golden", "losses.txt")

INDEX_KINDS = ("cross_entropy", "nll")


def classes(cfg):
    shape = cfg["input_shape"]
    return shape[0] if len(shape) == 1 else shape[1]


def draw(cfg):
    g = torch.Generator().manual_seed(cfg["seed"])
    shape, kind = tuple(cfg["input_shape"]), cfg["kind"]
    c = shape[-1] if kind == "bce" else classes(cfg)   # bce weighs the last dimension
    x = (torch.randn(shape, generator=g) * cfg.get("scale", 1.0)).requires_grad_()
    if kind in INDEX_KINDS:
        tshape = shape[:1] + shape[2:] if len(shape) > 1 else ()
        target = torch.randint(0, c, tshape, generator=g)
        every = cfg.get("ignore_every", 0)
        if every:
            flat = target.view(-1)
            flat[::every] = cfg["ignore_index"]
    elif kind == "cross_entropy_prob":
        target = torch.randn(shape, generator=g).softmax(0 if len(shape) == 1 else 1).requires_grad_()
    elif kind == "bce":
        target = torch.rand(shape, generator=g).requires_grad_()
    else:
        target = torch.randn(tuple(cfg["target_shape"]), generator=g).requires_grad_()
    weight = torch.rand(c, generator=g) + 0.5 if cfg.get("weight") else None
    pos_weight = torch.rand(c, generator=g) + 0.5 if cfg.get("pos_weight") else None
    return g, x, target, weight, pos_weight


def module(cfg, weight, pos_weight):
    kind, red = cfg["kind"], cfg["reduction"]
    if kind in ("cross_entropy", "cross_entropy_prob"):
        return nn.CrossEntropyLoss(weight=weight, ignore_index=cfg.get("ignore_index", -100), reduction=red,
                                   label_smoothing=cfg.get("label_smoothing", 0.0))
    if kind == "nll":
        return nn.NLLLoss(weight=weight, ignore_index=cfg.get("ignore_index", -100), reduction=red)
    if kind == "mse":
        return nn.MSELoss(reduction=red)
    if kind == "l1":
        return nn.L1Loss(reduction=red)
    return nn.BCEWithLogitsLoss(weight=weight, pos_weight=pos_weight, reduction=red)


def run(cfg):
    g, x, target, weight, pos_weight = draw(cfg)
    m = module(cfg, weight, pos_weight)
    out = m(x, target)
    upstream = torch.randn(out.shape, generator=g)
    (out * upstream).sum().backward()
    t = dict(input=x, output=out, grad_output=upstream, **{"grad.input": x.grad})
    s = dict(output_grad_fn=out.grad_fn.name())
    if target.dtype == torch.long:
        s["target"] = two_torches.ints(target.reshape(-1).tolist())
    else:
        t["target"] = target
        t["grad.target"] = target.grad
    if weight is not None:
        t["weight"] = weight
    if pos_weight is not None:
        t["pos_weight"] = pos_weight
    return dict(tensors=t, settings=s, texts=dict(module_repr=repr(m)))


def cases():
    out = []

    def add(kind, input_shape, **cfg):
        cfg.update(kind=kind, input_shape=input_shape, seed=1000 + len(out))
        cfg.setdefault("reduction", "mean")
        opts = "_".join(f"{k}{'' if v is True else two_torches.dims(v) if isinstance(v, tuple) else v}"
                        for k, v in cfg.items() if k not in ("kind", "input_shape", "seed") and v is not False)
        out.append((f"{kind}_{two_torches.dims(input_shape)}_{opts}", cfg))

    for red in ("none", "mean", "sum"):
        for shape in [(4, 5), (5,), (3, 5, 4), (2, 5, 2, 3), (2, 4, 2, 2, 3)]:
            add("cross_entropy", shape, reduction=red)
            add("nll", shape, reduction=red)
        add("cross_entropy", (6, 5), reduction=red, weight=True)
        add("cross_entropy", (6, 5), reduction=red, ignore_index=-100, ignore_every=3)
        add("cross_entropy", (6, 5), reduction=red, ignore_index=2, ignore_every=2, weight=True)
        add("cross_entropy", (6, 5), reduction=red, label_smoothing=0.1)
        add("cross_entropy", (6, 5), reduction=red, label_smoothing=0.3, weight=True, ignore_index=1, ignore_every=3)
        add("cross_entropy", (3, 5, 4), reduction=red, label_smoothing=0.2, weight=True)
        add("cross_entropy", (5,), reduction=red, label_smoothing=0.2, weight=True)
        add("cross_entropy", (4, 5), reduction=red, scale=30.0)
        add("cross_entropy_prob", (4, 5), reduction=red)
        add("cross_entropy_prob", (5,), reduction=red, weight=True)
        add("cross_entropy_prob", (3, 5, 4), reduction=red, weight=True, label_smoothing=0.25)
        add("nll", (6, 5), reduction=red, weight=True, ignore_index=0, ignore_every=2)
        add("nll", (3, 5, 4), reduction=red, weight=True, ignore_index=-100, ignore_every=5)
        add("nll", (2, 5, 2, 3), reduction=red, weight=True, ignore_index=3, ignore_every=4)
        add("mse", (3, 4), reduction=red, target_shape=(3, 4))
        add("mse", (3, 4), reduction=red, target_shape=(4,))
        add("mse", (2, 1, 4), reduction=red, target_shape=(3, 1))
        add("l1", (3, 4), reduction=red, target_shape=(3, 4))
        add("l1", (3, 1), reduction=red, target_shape=(2, 1, 4))
        add("bce", (3, 4), reduction=red)
        add("bce", (3, 4), reduction=red, weight=True)
        add("bce", (3, 4), reduction=red, pos_weight=True)
        add("bce", (2, 3, 4), reduction=red, weight=True, pos_weight=True, scale=10.0)
    add("nll", (6, 5), reduction="mean", ignore_index=-100, ignore_every=1)
    add("cross_entropy", (6, 5), reduction="sum", ignore_index=-100, ignore_every=1, label_smoothing=0.1)
    return out


X, XU, X3, X4 = torch.zeros(3, 5), torch.zeros(5), torch.zeros(3, 5, 4), torch.zeros(3, 5, 2, 2)
T = torch.tensor([1, 0, 4])
P = torch.full((3, 5), 0.2)

# name -> the call whose message PyTorch 2 gives (LossesErrorsTest makes the same call in Java)
ERRORS = {
    "ce_batch": lambda: F.cross_entropy(X, torch.tensor([1, 0])),
    "ce_target_high": lambda: F.cross_entropy(X, torch.tensor([1, 5, 0])),
    "ce_target_negative": lambda: F.cross_entropy(X, torch.tensor([1, -1, 0])),
    "ce_weight_size": lambda: F.cross_entropy(X, T, weight=torch.ones(4)),
    "ce_long_probabilities": lambda: F.cross_entropy(X, torch.zeros(3, 5, dtype=torch.long)),
    "ce_label_smoothing": lambda: F.cross_entropy(X, T, label_smoothing=1.5),
    "ce_label_smoothing_2": lambda: F.cross_entropy(X, T, label_smoothing=2.0),
    "ce_prob_label_smoothing": lambda: F.cross_entropy(X, P, label_smoothing=1.25),
    "ce_prob_ignore_index": lambda: F.cross_entropy(X, P, ignore_index=1),
    "ce_prob_weight_size": lambda: F.cross_entropy(X, P, weight=torch.ones(4)),
    "ce_prob_batch": lambda: F.cross_entropy(X, torch.full((2, 5), 0.2)),
    "ce_prob_rank": lambda: F.cross_entropy(X, torch.full((3, 4), 0.2)),
    "ce_3d_batch": lambda: F.cross_entropy(X3, torch.zeros(2, 4, dtype=torch.long)),
    "ce_3d_target_size": lambda: F.cross_entropy(X3, torch.zeros(3, 3, dtype=torch.long)),
    "ce_scalar_input": lambda: F.cross_entropy(torch.tensor(1.0), torch.tensor(0)),
    "nll_target_high": lambda: F.nll_loss(X, torch.tensor([1, 7, 0])),
    "nll_target_high_3d": lambda: F.nll_loss(X3, torch.full((3, 4), 9)),
    "nll_target_high_4d": lambda: F.nll_loss(X4, torch.full((3, 2, 2), 9)),
    "nll_target_size_3d": lambda: F.nll_loss(X3, torch.zeros(3, 3, dtype=torch.long)),
    "nll_target_size_4d": lambda: F.nll_loss(X4, torch.zeros(3, 2, 3, dtype=torch.long)),
    "nll_target_rank_4d": lambda: F.nll_loss(X4, torch.zeros(3, 4, dtype=torch.long)),
    "nll_target_2d": lambda: F.nll_loss(X, torch.zeros(3, 1, dtype=torch.long)),
    "nll_scalar_target_batched": lambda: F.nll_loss(X, torch.tensor(1)),
    "nll_unbatched_target_size": lambda: F.nll_loss(XU, torch.tensor([1, 2])),
    "nll_weight_size": lambda: F.nll_loss(X, T, weight=torch.ones(4)),
    "nll_weight_rank": lambda: F.nll_loss(X, T, weight=torch.ones(5, 1)),
    "nll_weight_size_3d": lambda: F.nll_loss(X3, torch.zeros(3, 4, dtype=torch.long), weight=torch.ones(4)),
    "nll_scalar_input": lambda: F.nll_loss(torch.tensor(1.0), torch.tensor(0)),
    "reduction": lambda: nn.CrossEntropyLoss(reduction="avg")(X, T),
    "mse_shape": lambda: F.mse_loss(X, torch.zeros(3, 4)),
    "l1_shape": lambda: F.l1_loss(X, torch.zeros(3, 4)),
    "bce_target_shape": lambda: F.binary_cross_entropy_with_logits(X, torch.zeros(3, 4)),
    "bce_target_rank": lambda: F.binary_cross_entropy_with_logits(X, torch.zeros(5)),
    "bce_weight": lambda: F.binary_cross_entropy_with_logits(X, P, weight=torch.ones(4)),
    "bce_pos_weight": lambda: F.binary_cross_entropy_with_logits(X, P, pos_weight=torch.ones(4)),
}


def main():
    two_torches.main(__file__, OUT, lambda v1, v2: (
        f"Written by tools/golden/losses.py: numbers from torch {v1}, grad_fn names (output_grad_fn), module reprs "
        f"and error messages from torch {v2} (output_grad_fn_113: 1.13's names)."), cases(), run, ERRORS)


if __name__ == "__main__":
    main()
