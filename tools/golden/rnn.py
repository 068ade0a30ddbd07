"""Golden vectors for rnn4j's RNNCell and RNN: forward values and every gradient.

Writes, relative to the repository root:
    rnn4j-core/src/test/resources/golden/rnn_cell.txt
    rnn4j-core/src/test/resources/golden/rnn.txt

Run with Debian's PyTorch:  cd tools/golden && $TORCH113_PYTHON rnn.py

Each case is built the same way (all seeds are written into the case):
  1. torch.manual_seed(init_seed); construct the module (default init, float32);
     every parameter is then multiplied in place by param_scale (a float32-exact number;
     1.0 leaves PyTorch's own initialisation untouched).
  2. module.train() or module.eval() (setting `training`).
  3. g = torch.Generator().manual_seed(data_seed); input = randn(shape, generator=g);
     h0 = randn(shape, generator=g) when has_h0.
  4. torch.manual_seed(forward_seed); output = module(input, h0)  (RNN: output, h_n = ...).
  5. grad_output = randn(output.shape, generator=g); RNN: grad_h_n = randn(h_n.shape, generator=g).
     loss = (output * grad_output).sum() [+ (h_n * grad_h_n).sum()]; loss.backward().

An RNNCell case is one call cell(input, hx): seq_len is written as 1, hx is stored as `h0`.
"""
import os
import random
import sys

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from golden_format import GoldenWriter  # noqa: E402

REPO = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
OUT_DIR = os.path.join(REPO, "rnn4j-core", "src", "test", "resources", "golden")

SCALES = [1.0, 1.0, 0.75, 1.25, 1.5, 2.0]


def header(what):
    return (f"{what}\n"
            f"written by tools/golden/rnn.py with torch {torch.__version__}\n"
            "regenerate: cd tools/golden && $TORCH113_PYTHON rnn.py\n"
            "construction: manual_seed(init_seed); module(...); every param *= param_scale;\n"
            "  data generator manual_seed(data_seed): input, h0 (if has_h0), then after the forward\n"
            "  grad_output, grad_h_n (RNN); manual_seed(forward_seed) right before the forward;\n"
            "  loss = (output*grad_output).sum() + (h_n*grad_h_n).sum()")


def run_case(cfg):
    """Builds and runs one case; returns (module, tensors dict in write order, extras)."""
    is_cell = cfg["module"] == "RNNCell"
    torch.manual_seed(cfg["init_seed"])
    if is_cell:
        m = torch.nn.RNNCell(cfg["input_size"], cfg["hidden_size"], bias=cfg["bias"],
                             nonlinearity=cfg["nonlinearity"])
    else:
        m = torch.nn.RNN(cfg["input_size"], cfg["hidden_size"], num_layers=cfg["num_layers"],
                         nonlinearity=cfg["nonlinearity"], bias=cfg["bias"],
                         batch_first=cfg["batch_first"], dropout=cfg["dropout"],
                         bidirectional=cfg["bidirectional"])
    with torch.no_grad():
        for p in m.parameters():
            p.mul_(cfg["param_scale"])
    m.train(cfg["training"])

    g = torch.Generator().manual_seed(cfg["data_seed"])
    n, length, i_size, h_size = cfg["batch"], cfg["seq_len"], cfg["input_size"], cfg["hidden_size"]
    if is_cell:
        in_shape = (n, i_size) if cfg["batched"] else (i_size,)
        h_shape = (n, h_size) if cfg["batched"] else (h_size,)
    else:
        d = 2 if cfg["bidirectional"] else 1
        if not cfg["batched"]:
            in_shape = (length, i_size)
        elif cfg["batch_first"]:
            in_shape = (n, length, i_size)
        else:
            in_shape = (length, n, i_size)
        h_shape = (d * cfg["num_layers"], n, h_size) if cfg["batched"] else (d * cfg["num_layers"], h_size)
    x = torch.randn(in_shape, generator=g).requires_grad_()
    h0 = torch.randn(h_shape, generator=g).requires_grad_() if cfg["has_h0"] else None

    torch.manual_seed(cfg["forward_seed"])
    if is_cell:
        out = m(x, h0)
        h_n = None
    else:
        out, h_n = m(x, h0)

    grad_out = torch.randn(out.shape, generator=g)
    loss = (out * grad_out).sum()
    grad_hn = None
    if h_n is not None:
        grad_hn = torch.randn(h_n.shape, generator=g)
        loss = loss + (h_n * grad_hn).sum()
    out_repr = repr(out)
    hn_repr = repr(h_n) if h_n is not None else None
    loss.backward()
    return dict(module=m, input=x, h0=h0, output=out, h_n=h_n, grad_output=grad_out,
                grad_h_n=grad_hn, output_repr=out_repr, hn_repr=hn_repr)


def write_case(w, name, cfg):
    r = run_case(cfg)
    m = r["module"]
    is_cell = cfg["module"] == "RNNCell"
    settings = dict(module=cfg["module"], input_size=cfg["input_size"], hidden_size=cfg["hidden_size"])
    if not is_cell:
        settings["num_layers"] = cfg["num_layers"]
    settings.update(
        nonlinearity=cfg["nonlinearity"], bias=cfg["bias"], batch_first=cfg["batch_first"],
        dropout=float(cfg["dropout"]), bidirectional=cfg["bidirectional"], training=cfg["training"],
        batched=cfg["batched"], seq_len=cfg["seq_len"], batch=cfg["batch"] if cfg["batched"] else 0,
        has_h0=cfg["has_h0"], init_seed=cfg["init_seed"], param_scale=cfg["param_scale"],
        data_seed=cfg["data_seed"], forward_seed=cfg["forward_seed"],
        output_grad_fn=r["output"].grad_fn.name())
    if not is_cell:
        settings["hn_grad_fn"] = r["h_n"].grad_fn.name()
    w.case(name, **settings)
    named = list(m.named_parameters())
    for pname, p in named:
        w.tensor("param." + pname, p)
    w.tensor("input", r["input"])
    if r["h0"] is not None:
        w.tensor("h0", r["h0"])
    w.tensor("output", r["output"])
    if r["h_n"] is not None:
        w.tensor("h_n", r["h_n"])
    w.tensor("grad_output", r["grad_output"])
    if r["grad_h_n"] is not None:
        w.tensor("grad_h_n", r["grad_h_n"])
    w.tensor("grad.input", r["input"].grad)
    if r["h0"] is not None:
        w.tensor("grad.h0", r["h0"].grad)
    for pname, p in named:
        w.tensor("grad." + pname, p.grad if p.grad is not None else torch.zeros_like(p))
    w.text("output_repr", r["output_repr"])
    if r["hn_repr"] is not None:
        w.text("hn_repr", r["hn_repr"])
    return r


# ---------------------------------------------------------------- case lists

def cell_cases():
    rng = random.Random(1301)
    cases = []
    # Hand-picked: every combination of batched x nonlinearity x bias x has_h0 (16 cases).
    k = 0
    for batched in (True, False):
        for nl in ("tanh", "relu"):
            for bias in (True, False):
                for has_h0 in (True, False):
                    cases.append(dict(input_size=1 + (k * 5) % 9, hidden_size=1 + (k * 7 + 3) % 9,
                                      nonlinearity=nl, bias=bias, batched=batched, has_h0=has_h0,
                                      batch=1 + k % 5))
                    k += 1
    # The notebook's shape, and two larger ones.
    cases.append(dict(input_size=4, hidden_size=2, nonlinearity="tanh", bias=True, batched=True,
                      has_h0=True, batch=1, param_scale=1.0))
    cases.append(dict(input_size=33, hidden_size=17, nonlinearity="tanh", bias=True, batched=True,
                      has_h0=True, batch=5))
    cases.append(dict(input_size=17, hidden_size=33, nonlinearity="relu", bias=False, batched=False,
                      has_h0=True, batch=0))
    # Random ones.
    while len(cases) < 30:
        batched = rng.random() < 0.7
        cases.append(dict(input_size=rng.randint(1, 9), hidden_size=rng.randint(1, 9),
                          nonlinearity=rng.choice(["tanh", "relu"]), bias=rng.random() < 0.7,
                          batched=batched, has_h0=rng.random() < 0.6,
                          batch=rng.randint(1, 5) if batched else 0))
    out = []
    for idx, c in enumerate(cases):
        c = dict(c)
        c.update(module="RNNCell", num_layers=1, batch_first=False, dropout=0.0, bidirectional=False,
                 seq_len=1, training=rng.random() < 0.5,
                 init_seed=1000 + idx, data_seed=2000 + idx, forward_seed=3000 + idx)
        c.setdefault("param_scale", rng.choice(SCALES))
        if not c["batched"]:
            c["batch"] = 0
        out.append(c)
    return out


def rnn_cases():
    rng = random.Random(1302)
    base = dict(input_size=3, hidden_size=4, num_layers=1, nonlinearity="tanh", bias=True,
                batch_first=False, dropout=0.0, bidirectional=False, training=True, batched=True,
                seq_len=3, batch=2, has_h0=True)

    def c(**kw):
        d = dict(base)
        d.update(kw)
        return d

    cases = [
        # The notebook's configuration, pure default init.
        c(input_size=4, hidden_size=2, num_layers=2, seq_len=3, batch=1, param_scale=1.0),
        c(has_h0=False),
        c(nonlinearity="relu", hidden_size=7),
        c(bias=False, input_size=6, hidden_size=9),
        c(batch_first=True, input_size=2, hidden_size=5),
        c(bidirectional=True, input_size=7, hidden_size=3),
        c(batched=False),
        c(batched=False, batch_first=True, num_layers=2, has_h0=False),
        c(batched=False, bidirectional=True, num_layers=2, nonlinearity="relu"),
        c(seq_len=1, batch=1, input_size=1, hidden_size=1),
        c(seq_len=7, batch=5, num_layers=3, bidirectional=True, batch_first=True),
        c(input_size=33, hidden_size=17, num_layers=2, seq_len=5, batch=3),
        c(input_size=17, hidden_size=33, num_layers=1, seq_len=4, batch=2, bidirectional=True,
          nonlinearity="relu", batch_first=True),
        # Dropout between layers: train mode (mask depends on forward_seed) and eval mode.
        c(num_layers=2, dropout=0.5, training=True, input_size=5, hidden_size=9, seq_len=4),
        c(num_layers=2, dropout=0.5, training=False, input_size=5, hidden_size=9, seq_len=4),
        c(num_layers=3, dropout=0.3, training=True, bidirectional=True, batch_first=True),
        c(num_layers=3, dropout=0.3, training=False, bidirectional=True, batch_first=True),
        c(num_layers=2, dropout=0.25, training=True, batched=False, nonlinearity="relu", hidden_size=7),
        c(num_layers=2, dropout=1.0, training=True),
        c(num_layers=3, dropout=1.0, training=True, bidirectional=True, has_h0=False),
        c(num_layers=2, dropout=1.0, training=False),
        # dropout > 0 with a single layer: only a warning, no effect.
        c(num_layers=1, dropout=0.5, training=True),
    ]
    while len(cases) < 44:
        batched = rng.random() < 0.75
        num_layers = rng.randint(1, 3)
        dropout = rng.choice([0.0, 0.0, 0.2, 0.5, 0.8]) if num_layers > 1 else 0.0
        cases.append(dict(
            input_size=rng.randint(1, 9), hidden_size=rng.randint(1, 9), num_layers=num_layers,
            nonlinearity=rng.choice(["tanh", "relu"]), bias=rng.random() < 0.7,
            batch_first=rng.random() < 0.5, dropout=dropout, bidirectional=rng.random() < 0.5,
            training=rng.random() < 0.6, batched=batched, seq_len=rng.randint(1, 7),
            batch=rng.randint(1, 5) if batched else 0, has_h0=rng.random() < 0.6))
    out = []
    for idx, d in enumerate(cases):
        d = dict(d)
        d.update(module="RNN", init_seed=5000 + idx, data_seed=6000 + idx, forward_seed=7000 + idx)
        d.setdefault("param_scale", rng.choice(SCALES))
        if not d["batched"]:
            d["batch"] = 0
        out.append(d)
    return out


def case_name(prefix, idx, cfg):
    parts = [f"{prefix}{idx:02d}", f"i{cfg['input_size']}", f"h{cfg['hidden_size']}"]
    if cfg["module"] == "RNN":
        parts.append(f"l{cfg['num_layers']}")
    parts.append(cfg["nonlinearity"])
    if not cfg["bias"]:
        parts.append("nobias")
    if cfg["module"] == "RNN":
        if cfg["batch_first"]:
            parts.append("bf")
        if cfg["bidirectional"]:
            parts.append("bidir")
        if cfg["dropout"] > 0:
            parts.append(f"drop{cfg['dropout']}")
        parts.append(f"L{cfg['seq_len']}")
    parts.append(f"N{cfg['batch']}" if cfg["batched"] else "unbatched")
    if not cfg["has_h0"]:
        parts.append("noh0")
    parts.append("train" if cfg["training"] else "eval")
    return "_".join(parts)


def main():
    os.makedirs(OUT_DIR, exist_ok=True)
    for fname, prefix, cases, what in (
            ("rnn_cell.txt", "cell", cell_cases(), "torch.nn.RNNCell golden vectors"),
            ("rnn.txt", "rnn", rnn_cases(), "torch.nn.RNN golden vectors")):
        path = os.path.join(OUT_DIR, fname)
        w = GoldenWriter(path, header(what))
        for idx, cfg in enumerate(cases):
            write_case(w, case_name(prefix, idx, cfg), cfg)
        w.write()
        print(f"{path}: {len(cases)} cases, {os.path.getsize(path)} bytes")


if __name__ == "__main__":
    main()
