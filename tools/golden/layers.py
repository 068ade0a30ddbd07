"""Golden vectors for rnn4j's layers and functions: Linear, Embedding, LayerNorm, Sequential, a user model
(Embedding + LSTM + Sequential head), softmax, log_softmax, relu, gelu and the element-wise ops they need.

Writes rnn4j-core/src/test/resources/golden/layers.txt. Run with PyTorch 1.13 (the numbers; reference BLAS,
as the other golden files), which runs this script again under PyTorch 2 ($TORCH2_PYTHON) for the grad_fn
names, module reprs and error messages:
    cd tools/golden && TORCH2_PYTHON=... $TORCH113_PYTHON layers.py

Module cases (kind linear, embedding, layernorm, sequential, model):
  torch.manual_seed(init_seed), then the module is built: init.<name> are its initial parameters (PyTorch's own
  initialisation, compared bit for bit); with perturb True every parameter is then replaced by randn from the
  data generator (LayerNorm starts at ones/zeros); param.<name> are the parameters used. A
  torch.Generator seeded with data_seed draws the input (randn, or randint indices), then after the forward
  (run right after torch.manual_seed(forward_seed)) the upstream gradient grad_output; loss =
  (output * grad_output).sum(). Written: output, grad.input (float inputs), grad.<name>; settings
  output_grad_fn (2.x) and output_grad_fn_113; texts module_repr (2.x), output_repr (1.13's text).
  Shapes are written 3x4 (scalar for 0-d). Index inputs are the setting `indices` (values of `shape`).
Function cases (kind function): `op` names an expression (the same names in LayersGoldenTest), applied to
  input (randn * scale); then as above.
The model case adds `param_names` and `state_dict_keys` (space separated), and checks zero_grad/eval nothing
  more: loss = CrossEntropyLoss(ignore_index=0) of the logits against `targets`, written as `loss`.
Error cases (kind error): `text message` is PyTorch 2's message for the call LayersErrorsTest makes.
"""
import math
import os
import sys

import torch
import torch.nn as nn
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import two_torches  # noqa: E402

REPO = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
OUT = os.path.join(REPO, "rnn4j-core", "src", "test", "resources", "golden", "layers.txt")

FUNCTIONS = {
    "softmax_1": lambda x: x.softmax(1),
    "softmax_0": lambda x: x.softmax(0),
    "softmax_m1": lambda x: F.softmax(x, -1),
    "log_softmax_1": lambda x: x.log_softmax(1),
    "log_softmax_0": lambda x: x.log_softmax(0),
    "log_softmax_m1": lambda x: F.log_softmax(x, -1),
    "relu": lambda x: F.relu(x),
    "gelu": lambda x: F.gelu(x),
    "gelu_tanh": lambda x: F.gelu(x, approximate="tanh"),
    "abs": lambda x: x.abs(),
    "log1p": lambda x: x.log1p(),
    "rsqrt": lambda x: x.rsqrt(),
    "mean_0_2": lambda x: x.mean((0, 2)),
    "mean_m1_keep": lambda x: x.mean((-1,), keepdim=True),
}
POSITIVE = {"log1p", "rsqrt"}


class CharModel(nn.Module):
    """The user model of the composed case; LayersGoldenTest has its Java twin."""

    def __init__(self, vocab, dim, hidden):
        super().__init__()
        self.embed = nn.Embedding(vocab, dim, padding_idx=0)
        self.rnn = nn.LSTM(dim, hidden, num_layers=2, batch_first=True)
        self.head = nn.Sequential(nn.Linear(hidden, hidden), nn.GELU(approximate="tanh"), nn.LayerNorm(hidden),
                                  nn.Dropout(0.25), nn.Linear(hidden, vocab))

    def forward(self, idx):
        out, _ = self.rnn(self.embed(idx))
        return self.head(out)


def layer_norm(shape, eps=1e-5, affine=True, bias=True):
    try:
        return nn.LayerNorm(shape, eps=eps, elementwise_affine=affine, bias=bias)
    except TypeError:  # 1.13 has no bias argument: drop the parameter as 2.x does
        m = nn.LayerNorm(shape, eps=eps, elementwise_affine=affine)
        if affine and not bias:
            m.bias = None
        return m


def build(cfg):
    k = cfg["kind"]
    if k == "linear":
        return nn.Linear(cfg["in"], cfg["out"], bias=cfg["bias"])
    if k == "embedding":
        return nn.Embedding(cfg["num"], cfg["dim"], padding_idx=cfg["padding_idx"])
    if k == "layernorm":
        return layer_norm(cfg["normalized_shape"], cfg["eps"], cfg["affine"], cfg["bias"])
    if k == "sequential":
        return nn.Sequential(nn.Linear(4, 6), nn.ReLU(), nn.Dropout(0.3), nn.Linear(6, 3), nn.GELU(approximate="tanh"),
                             layer_norm(3))
    if k == "model":
        return CharModel(cfg["vocab"], 5, 7)
    raise ValueError(k)


def run(cfg):
    """One case under this interpreter's torch: tensors, settings and texts."""
    r = dict(tensors={}, settings={}, texts={})
    t, s = r["tensors"], r["settings"]
    g = torch.Generator().manual_seed(cfg["data_seed"])
    m = None
    if cfg["kind"] != "function":
        torch.manual_seed(cfg["init_seed"])
        m = build(cfg)
        for name, p in m.named_parameters():
            t["init." + name] = p.detach().clone()
        if cfg.get("perturb"):
            with torch.no_grad():
                for p in m.parameters():
                    p.copy_(torch.randn(p.shape, generator=g))
        for name, p in m.named_parameters():
            t["param." + name] = p.detach().clone()
        m.train(cfg.get("training", True))
        r["texts"]["module_repr"] = repr(m)
    if cfg["kind"] in ("embedding", "model"):
        idx = torch.randint(0, cfg["num"] if cfg["kind"] == "embedding" else cfg["vocab"], cfg["shape"],
                            generator=g)
        s["indices"] = two_torches.ints(idx.reshape(-1).tolist())
        x = idx
    else:
        x = torch.randn(cfg["shape"], generator=g) * cfg.get("scale", 1.0)
        if cfg.get("op") in POSITIVE:
            x = x.abs() + 0.1
        if cfg.get("transposed"):
            x = x.transpose(0, 1)
        x.requires_grad_()
        t["input"] = x.detach().contiguous()
    torch.manual_seed(cfg.get("forward_seed", 0))
    out = FUNCTIONS[cfg["op"]](x) if m is None else m(x)
    t["output"] = out
    s["output_grad_fn"] = out.grad_fn.name()
    r["texts"]["output_repr"] = repr(out)
    if cfg["kind"] == "model":
        targets = torch.randint(0, cfg["vocab"], cfg["shape"], generator=g)
        s["targets"] = two_torches.ints(targets.reshape(-1).tolist())
        loss = nn.CrossEntropyLoss(ignore_index=0)(out.reshape(-1, cfg["vocab"]), targets.reshape(-1))
        t["loss"] = loss
        s["loss_grad_fn"] = loss.grad_fn.name()
        s["param_names"] = " ".join(n for n, _ in m.named_parameters())
        s["state_dict_keys"] = " ".join(m.state_dict().keys())
    else:
        upstream = torch.randn(out.shape, generator=g)
        t["grad_output"] = upstream
        loss = (out * upstream).sum()
    loss.backward()
    if x.dtype.is_floating_point:
        t["grad.input"] = x.grad
    if m is not None:
        for name, p in m.named_parameters():
            t["grad." + name] = p.grad
    return r


def cases():
    out = []

    def add(name, **cfg):
        cfg.setdefault("data_seed", 100 + len(out))
        cfg.setdefault("init_seed", len(out))
        out.append((name, cfg))

    for shape in [(4,), (2, 4), (5, 2, 4), (2, 2, 3, 4), (0, 4)]:
        add("linear_" + "x".join(map(str, shape)), kind="linear", **{"in": 4}, out=3, bias=True, shape=shape)
    add("linear_transposed", kind="linear", **{"in": 4}, out=3, bias=True, shape=(2, 5, 4), transposed=True)
    for shape in [(4,), (2, 4), (5, 2, 4)]:
        add("linear_nobias_" + "x".join(map(str, shape)), kind="linear", **{"in": 4}, out=3, bias=False,
            shape=shape)
    add("linear_1_1", kind="linear", **{"in": 1}, out=1, bias=True, shape=(3, 1))
    add("linear_20_17", kind="linear", **{"in": 20}, out=17, bias=True, shape=(6, 20), perturb=True)
    add("linear_7_5_3d", kind="linear", **{"in": 7}, out=5, bias=True, shape=(2, 3, 7), perturb=True)

    for name, num, dim, pad, shape in [("embedding_10_3", 10, 3, None, (2, 4)),
                                       ("embedding_pad0", 10, 3, 0, (3, 5)),
                                       ("embedding_pad_m2", 6, 4, -2, (4, 6)),
                                       ("embedding_scalar", 5, 4, None, ()),
                                       ("embedding_3d", 7, 2, 3, (2, 3, 4)),
                                       ("embedding_small", 2, 3, None, (5,)),
                                       ("embedding_3_20", 3, 20, 1, (2, 2))]:
        add(name, kind="embedding", num=num, dim=dim, padding_idx=pad, shape=shape)

    for name, nshape, eps, affine, bias, shape in [("layernorm_4", [4], 1e-5, True, True, (2, 4)),
                                                   ("layernorm_4_3d", [4], 1e-5, True, True, (3, 2, 4)),
                                                   ("layernorm_3x4", [3, 4], 1e-5, True, True, (2, 3, 4)),
                                                   ("layernorm_eps", [5], 1e-3, True, True, (3, 5)),
                                                   ("layernorm_no_affine", [4], 1e-5, False, True, (3, 4)),
                                                   ("layernorm_no_bias", [4], 1e-5, True, False, (3, 4)),
                                                   ("layernorm_1d", [6], 1e-5, True, True, (6,))]:
        add(name, kind="layernorm", normalized_shape=nshape, shape=shape, eps=eps, affine=affine, bias=bias,
            perturb=affine)

    add("sequential_train", kind="sequential", shape=(5, 4), forward_seed=7)
    add("sequential_eval", kind="sequential", shape=(2, 3, 4), training=False, perturb=True)

    add("model_train", kind="model", vocab=11, shape=(3, 4), forward_seed=11)
    add("model_eval", kind="model", vocab=11, shape=(2, 6), training=False)

    for op, shape, scale in [("softmax_1", (3, 4), 1.0), ("softmax_0", (3, 4), 1.0), ("softmax_m1", (2, 3, 4), 1.0),
                             ("softmax_1", (2, 3, 4), 50.0), ("softmax_0", (), 1.0), ("softmax_m1", (7,), 30.0),
                             ("log_softmax_1", (3, 4), 1.0), ("log_softmax_0", (3, 4), 1.0),
                             ("log_softmax_m1", (2, 3, 4), 1.0), ("log_softmax_1", (2, 3, 4), 50.0),
                             ("log_softmax_0", (), 1.0), ("log_softmax_m1", (7,), 30.0),
                             ("relu", (3, 4), 1.0), ("gelu", (4, 5), 1.0), ("gelu", (64,), 4.0),
                             ("gelu_tanh", (4, 5), 1.0), ("gelu_tanh", (64,), 4.0), ("gelu", (), 1.0),
                             ("abs", (3, 4), 1.0), ("log1p", (3, 4), 1.0), ("rsqrt", (3, 4), 1.0),
                             ("mean_0_2", (2, 3, 4), 1.0), ("mean_m1_keep", (2, 3, 4), 1.0)]:
        add(f"{op}_{'x'.join(map(str, shape)) or 'scalar'}_{scale:g}", kind="function", op=op, shape=shape,
            scale=scale)
    return out


# name -> the call whose message PyTorch 2 gives (LayersErrorsTest makes the same call in Java)
ERRORS = {
    "linear_in_features": lambda: nn.Linear(4, 3)(torch.zeros(2, 5)),
    "linear_in_features_1d": lambda: nn.Linear(4, 3)(torch.zeros(5)),
    "linear_in_features_3d": lambda: nn.Linear(4, 3)(torch.zeros(2, 3, 5)),
    "linear_nobias_in_features": lambda: nn.Linear(4, 3, bias=False)(torch.zeros(2, 3, 5)),
    "linear_scalar_input": lambda: nn.Linear(4, 3)(torch.tensor(1.0)),
    "linear_negative": lambda: nn.Linear(-1, 3),
    "embedding_index_high": lambda: nn.Embedding(10, 3)(torch.tensor([1, 10])),
    "embedding_index_negative": lambda: nn.Embedding(10, 3)(torch.tensor([[-1]])),
    "embedding_padding_high": lambda: nn.Embedding(10, 3, padding_idx=10),
    "embedding_padding_low": lambda: nn.Embedding(10, 3, padding_idx=-11),
    "embedding_weight_3d": lambda: F.embedding(torch.tensor([1]), torch.zeros(4, 3, 2)),
    "layernorm_input_shape": lambda: nn.LayerNorm(4)(torch.zeros(2, 5)),
    "layernorm_input_shape_2d": lambda: nn.LayerNorm([3, 4])(torch.zeros(2, 4, 3)),
    "layernorm_input_rank": lambda: nn.LayerNorm([3, 4])(torch.zeros(4)),
    "layernorm_weight_shape": lambda: F.layer_norm(torch.zeros(2, 4), [4], weight=torch.ones(3)),
    "layernorm_bias_shape": lambda: F.layer_norm(torch.zeros(2, 4), [4], bias=torch.ones(3)),
    "softmax_dim": lambda: torch.zeros(2, 3).softmax(2),
    "log_softmax_dim": lambda: torch.zeros(2, 3).log_softmax(-3),
    "gelu_approximate": lambda: F.gelu(torch.zeros(2), approximate="foo"),
    "gelu_module_approximate": lambda: nn.GELU(approximate="sigmoid")(torch.zeros(2)),
    "dropout_p": lambda: nn.Dropout(1.5),
}


def main():
    two_torches.main(__file__, OUT, lambda v1, v2: (
        f"Written by tools/golden/layers.py: numbers and output reprs from torch {v1}, grad_fn names (*_grad_fn), "
        f"module reprs and error messages from torch {v2} (*_grad_fn_113: 1.13's names)."), cases(), run, ERRORS)


if __name__ == "__main__":
    main()
