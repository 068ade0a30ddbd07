"""Golden vectors for rnn4j's LSTM, GRU, LSTMCell, GRUCell and packed-sequence RNNs.

Writes, relative to the repository root (rnn4j-core/src/test/resources/golden/):
    lstm.txt        torch.nn.LSTM   (proj_size included)
    gru.txt         torch.nn.GRU
    lstm_cell.txt   torch.nn.LSTMCell
    gru_cell.txt    torch.nn.GRUCell
    packed.txt      RNN / LSTM / GRU run on pack_padded_sequence(...)

Run with Debian's PyTorch:  cd tools/golden && $TORCH113_PYTHON rnn_family.py
It also runs every case a second time under PyTorch 2.13 (the interpreter named by
$TORCH2_PYTHON) in a subprocess (`rnn_family.py --names`), only to
read the grad_fn names, because 2.x is the reference for names.

Two PyTorch versions, and what comes from each
  * Every number, and every repr text, comes from PyTorch 1.13 (reference BLAS: the float
    arithmetic rnn4j reproduces). 2.x CPU LSTM without projections runs through oneDNN,
    whose results differ from the native path in the last bits.
  * grad_fn names: the setting `X_grad_fn` is PyTorch 2.13's name; `X_grad_fn_113` is
    always written too and holds PyTorch 1.13's name. They differ in two places only:
      - LSTM without projections, batched, not bidirectional, not batch_first: `output`
        is MkldnnRnnLayerBackward0 in 2.13 (oneDNN path), StackBackward0 in 1.13;
      - packed LSTM without projections whose lengths are all equal (batch_sizes constant):
        output.data is ViewBackward0 in 2.13 (2.x runs oneDNN on the padded view and
        flattens it), CatBackward0 in 1.13.
  * The repr texts (`output_repr`, `hn_repr`, `cn_repr`, `c_out_repr`) are 1.13's, so they
    end in `grad_fn=<X_grad_fn_113>)`. A test that checks a 2.x-named implementation
    replaces that suffix with `grad_fn=<X_grad_fn>)` (or cuts it off) before comparing.

Each case is built like rnn.py's (all seeds are written into the case):
  1. torch.manual_seed(init_seed); construct the module (default init, float32);
     every parameter is then multiplied in place by param_scale (float32-exact).
  2. module.train() or module.eval() (setting `training`).
  3. g = torch.Generator().manual_seed(data_seed); input = randn(shape, generator=g);
     then, when has_h0, h0 = randn(h shape, generator=g) and for LSTM/LSTMCell
     c0 = randn(c shape, generator=g).
  4. torch.manual_seed(forward_seed); the forward call.
  5. From the same generator g: grad_output, grad_h_n, grad_c_n (modules), or
     grad_output, grad_c_out (LSTMCell), or grad_output_data, grad_h_n, grad_c_n (packed).
     loss = sum over the outputs of (out * upstream).sum(); loss.backward().

LSTMCell: hx = (h0, c0) or omitted; outputs h, c are stored as `output`, `c_out`.
Packed: input is the padded tensor (the leaf), packed with
  pack_padded_sequence(input, lengths, batch_first, enforce_sorted); h0/c0 are in the
  caller's (unsorted) batch order. output_data = packed output .data; output_padded =
  pad_packed_sequence(output, batch_first=batch_first)[0] (not part of the loss).
  sorted_indices / unsorted_indices are `None` when enforce_sorted is True.
"""
import json
import os
import random
import subprocess
import sys
import warnings

import torch
from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence

REPO = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
OUT_DIR = os.path.join(REPO, "rnn4j-core", "src", "test", "resources", "golden")
TORCH2 = os.environ.get("TORCH2_PYTHON", "python3")

SCALES = [1.0, 1.0, 0.75, 1.25, 1.5, 2.0]
CELLS = ("LSTMCell", "GRUCell")


# ---------------------------------------------------------------- running one case

def build_module(cfg):
    torch.manual_seed(cfg["init_seed"])
    kind = cfg["module"]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        if kind == "LSTMCell":
            m = torch.nn.LSTMCell(cfg["input_size"], cfg["hidden_size"], bias=cfg["bias"])
        elif kind == "GRUCell":
            m = torch.nn.GRUCell(cfg["input_size"], cfg["hidden_size"], bias=cfg["bias"])
        else:
            kw = dict(num_layers=cfg["num_layers"], bias=cfg["bias"], batch_first=cfg["batch_first"],
                      dropout=cfg["dropout"], bidirectional=cfg["bidirectional"])
            if kind == "RNN":
                m = torch.nn.RNN(cfg["input_size"], cfg["hidden_size"], nonlinearity=cfg["nonlinearity"], **kw)
            elif kind == "LSTM":
                m = torch.nn.LSTM(cfg["input_size"], cfg["hidden_size"], proj_size=cfg["proj_size"], **kw)
            else:
                m = torch.nn.GRU(cfg["input_size"], cfg["hidden_size"], **kw)
    with torch.no_grad():
        for p in m.parameters():
            p.mul_(cfg["param_scale"])
    m.train(cfg["training"])
    return m


def run_case(cfg):
    """Builds and runs one case. Returns a dict of tensors, texts and grad_fn names."""
    kind = cfg["module"]
    m = build_module(cfg)
    is_lstm = kind in ("LSTM", "LSTMCell")
    g = torch.Generator().manual_seed(cfg["data_seed"])
    n, length, i_size, h_size = cfg["batch"], cfg["seq_len"], cfg["input_size"], cfg["hidden_size"]
    packed = cfg.get("packed", False)
    if kind in CELLS:
        in_shape = (n, i_size) if cfg["batched"] else (i_size,)
        h_shape = c_shape = (n, h_size) if cfg["batched"] else (h_size,)
    else:
        d = 2 if cfg["bidirectional"] else 1
        h_out = cfg.get("proj_size", 0) or h_size
        if not cfg["batched"]:
            in_shape = (length, i_size)
        elif cfg["batch_first"]:
            in_shape = (n, length, i_size)
        else:
            in_shape = (length, n, i_size)
        lead = (d * cfg["num_layers"], n) if cfg["batched"] else (d * cfg["num_layers"],)
        h_shape, c_shape = lead + (h_out,), lead + (h_size,)
    x = torch.randn(in_shape, generator=g).requires_grad_()
    h0 = c0 = None
    if cfg["has_h0"]:
        h0 = torch.randn(h_shape, generator=g).requires_grad_()
        if is_lstm:
            c0 = torch.randn(c_shape, generator=g).requires_grad_()
    hx = ((h0, c0) if is_lstm else h0) if cfg["has_h0"] else None

    r = dict(module=m, input=x, h0=h0, c0=c0)
    torch.manual_seed(cfg["forward_seed"])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        if kind in CELLS:
            res = m(x, hx)
            out, c_out = res if is_lstm else (res, None)
            h_n = c_n = None
        else:
            inp = x
            if packed:
                inp = pack_padded_sequence(x, cfg["lengths"], batch_first=cfg["batch_first"],
                                           enforce_sorted=cfg["enforce_sorted"])
            res, hid = m(inp, hx)
            h_n, c_n = hid if is_lstm else (hid, None)
            c_out = None
            if packed:
                r["packed"] = res
                r["output_padded"] = pad_packed_sequence(res, batch_first=cfg["batch_first"])[0]
                out = res.data
            else:
                out = res

    ups = {}
    ups["output"] = torch.randn(out.shape, generator=g)
    loss = (out * ups["output"]).sum()
    for key, t in (("c_out", c_out), ("h_n", h_n), ("c_n", c_n)):
        if t is not None:
            ups[key] = torch.randn(t.shape, generator=g)
            loss = loss + (t * ups[key]).sum()
    r.update(output=out, c_out=c_out, h_n=h_n, c_n=c_n, upstream=ups)
    names = {}
    for key, t in (("output", out), ("c_out", c_out), ("hn", h_n), ("cn", c_n)):
        if t is not None:
            names[key] = t.grad_fn.name()
            r[key + "_repr"] = repr(t)
    if packed:
        names["data"] = names.pop("output")
    r["names"] = names
    loss.backward()
    return r


def names_main():
    """`rnn_family.py --names`: configs (JSON list) on stdin, grad_fn names (JSON) on stdout."""
    cfgs = json.load(sys.stdin)
    out = [run_case(c)["names"] for c in cfgs]
    json.dump({"version": torch.__version__, "names": out}, sys.stdout)


def torch2_names(cfgs):
    proc = subprocess.run([TORCH2, os.path.abspath(__file__), "--names"], input=json.dumps(cfgs),
                          capture_output=True, text=True, check=True)
    res = json.loads(proc.stdout)
    assert res["version"].startswith("2."), res["version"]
    return res["version"], res["names"]


# ---------------------------------------------------------------- writing one case

def ints(seq):
    return " ".join(str(int(v)) for v in seq)


def write_case(w, name, cfg, names2):
    r = run_case(cfg)
    m = r["module"]
    kind = cfg["module"]
    is_cell = kind in CELLS
    packed = cfg.get("packed", False)
    names1 = r["names"]
    assert set(names1) == set(names2), (name, names1, names2)
    s = dict(module=kind, input_size=cfg["input_size"], hidden_size=cfg["hidden_size"])
    if not is_cell:
        s["num_layers"] = cfg["num_layers"]
    if kind == "RNN":
        s["nonlinearity"] = cfg["nonlinearity"]
    if kind == "LSTM":
        s["proj_size"] = cfg["proj_size"]
    s.update(bias=cfg["bias"], batch_first=cfg["batch_first"], dropout=float(cfg["dropout"]),
             bidirectional=cfg["bidirectional"], training=cfg["training"], batched=cfg["batched"],
             seq_len=cfg["seq_len"], batch=cfg["batch"] if cfg["batched"] else 0, has_h0=cfg["has_h0"])
    if packed:
        ps = r["packed"]
        s.update(lengths=ints(cfg["lengths"]), enforce_sorted=cfg["enforce_sorted"],
                 batch_sizes=ints(ps.batch_sizes),
                 sorted_indices=ints(ps.sorted_indices) if ps.sorted_indices is not None else "None",
                 unsorted_indices=ints(ps.unsorted_indices) if ps.unsorted_indices is not None else "None")
    s.update(init_seed=cfg["init_seed"], param_scale=cfg["param_scale"], data_seed=cfg["data_seed"],
             forward_seed=cfg["forward_seed"])
    key_of = dict(output="output", c_out="c_out", hn="hn", cn="cn", data="data")
    for k in ("data", "output", "c_out", "hn", "cn"):
        if k in names2:
            s[key_of[k] + "_grad_fn"] = names2[k]
            s[key_of[k] + "_grad_fn_113"] = names1[k]
    w.case(name, **s)

    named = list(m.named_parameters())
    for pname, p in named:
        w.tensor("param." + pname, p)
    w.tensor("input", r["input"])
    for key in ("h0", "c0"):
        if r[key] is not None:
            w.tensor(key, r[key])
    if packed:
        w.tensor("output_data", r["output"])
        w.tensor("output_padded", r["output_padded"])
    else:
        w.tensor("output", r["output"])
    for key in ("c_out", "h_n", "c_n"):
        if r[key] is not None:
            w.tensor(key, r[key])
    ups = r["upstream"]
    w.tensor("grad_output_data" if packed else "grad_output", ups["output"])
    for key in ("c_out", "h_n", "c_n"):
        if key in ups:
            w.tensor("grad_" + key, ups[key])
    for key in ("input", "h0", "c0"):
        if r[key] is not None:
            w.tensor("grad." + key, r[key].grad)
    for pname, p in named:
        w.tensor("grad." + pname, p.grad if p.grad is not None else torch.zeros_like(p))
    if not packed:
        for key in ("output", "c_out", "hn", "cn"):
            if key + "_repr" in r:
                w.text(key + "_repr", r[key + "_repr"])
    diffs = {k: (names2[k], names1[k]) for k in names1 if names1[k] != names2[k]}
    return diffs


# ---------------------------------------------------------------- case lists

def finish(cases, module, seed_base, rng):
    out = []
    for idx, d in enumerate(cases):
        d = dict(d)
        d["module"] = d.get("module", module)
        d.update(init_seed=seed_base + idx, data_seed=seed_base + 1000 + idx,
                 forward_seed=seed_base + 2000 + idx)
        d.setdefault("param_scale", rng.choice(SCALES))
        if not d["batched"]:
            d["batch"] = 0
        out.append(d)
    return out


def module_cases(module, rng_seed, seed_base, count):
    """LSTM or GRU cases: hand-picked ones covering each option, then random ones."""
    rng = random.Random(rng_seed)
    lstm = module == "LSTM"
    base = dict(input_size=3, hidden_size=4, num_layers=1, bias=True, batch_first=False, dropout=0.0,
                bidirectional=False, training=True, batched=True, seq_len=3, batch=2, has_h0=True,
                proj_size=0)

    def c(**kw):
        d = dict(base)
        d.update(kw)
        return d

    cases = [
        c(input_size=4, hidden_size=2, num_layers=2, seq_len=3, batch=1, param_scale=1.0),
        c(has_h0=False),
        c(hidden_size=7 if lstm else 9, training=False),
        c(bias=False, input_size=6, hidden_size=5),
        c(batch_first=True, input_size=2, hidden_size=5),
        c(bidirectional=True, input_size=7, hidden_size=3),
        c(batched=False),
        c(batched=False, batch_first=True, num_layers=2, has_h0=False),
        c(batched=False, bidirectional=True, num_layers=2),
        c(seq_len=1, batch=1, input_size=1, hidden_size=1),
        c(seq_len=7, batch=5, num_layers=3, bidirectional=True, batch_first=True, input_size=2,
          hidden_size=3),
        c(input_size=17, hidden_size=12 if lstm else 13, num_layers=1, seq_len=4, batch=3),
        c(input_size=12, hidden_size=17 if lstm else 20, seq_len=3, batch=2, batch_first=True,
          has_h0=False),
        # Dropout between layers: train mode (mask depends on forward_seed) and eval mode.
        c(num_layers=2, dropout=0.5, training=True, input_size=5, hidden_size=6, seq_len=4),
        c(num_layers=2, dropout=0.5, training=False, input_size=5, hidden_size=6, seq_len=4),
        c(num_layers=3, dropout=0.3, training=True, bidirectional=True, batch_first=True, hidden_size=3),
        c(num_layers=3, dropout=0.3, training=False, bidirectional=True, batch_first=True, hidden_size=3),
        c(num_layers=2, dropout=0.25, training=True, batched=False, hidden_size=5),
        c(num_layers=2, dropout=1.0, training=True),
        c(num_layers=1, dropout=0.5, training=True),  # only a warning, no effect
    ]
    if lstm:
        cases += [
            c(proj_size=2),
            c(proj_size=1, hidden_size=2, has_h0=False, batch_first=True),
            c(proj_size=3, hidden_size=6, num_layers=2, bidirectional=True),
            c(proj_size=2, hidden_size=5, num_layers=3, bidirectional=True, batch_first=True,
              has_h0=False, seq_len=5, batch=3, input_size=2),
            c(proj_size=4, hidden_size=7, batched=False, num_layers=2),
            c(proj_size=2, hidden_size=4, batched=False, bidirectional=True, has_h0=False),
            c(proj_size=3, hidden_size=5, num_layers=2, dropout=0.5, training=True, bias=False),
            c(proj_size=3, hidden_size=5, num_layers=2, dropout=0.5, training=False, bidirectional=True),
            c(proj_size=5, hidden_size=9, input_size=8, seq_len=2, batch=4),
        ]
    while len(cases) < count:
        batched = rng.random() < 0.75
        num_layers = rng.randint(1, 3)
        bidir = rng.random() < 0.5
        small = num_layers * (2 if bidir else 1) > 2
        hidden = rng.randint(1, 5 if small else 8)
        proj = rng.randint(1, hidden - 1) if lstm and hidden > 1 and rng.random() < 0.3 else 0
        cases.append(dict(
            input_size=rng.randint(1, 9), hidden_size=hidden, num_layers=num_layers, proj_size=proj,
            bias=rng.random() < 0.7, batch_first=rng.random() < 0.5,
            dropout=rng.choice([0.0, 0.0, 0.2, 0.5, 0.8]) if num_layers > 1 else 0.0,
            bidirectional=bidir, training=rng.random() < 0.6, batched=batched,
            seq_len=rng.randint(1, 7 if not small else 4), batch=rng.randint(1, 5 if not small else 3) if batched else 0,
            has_h0=rng.random() < 0.6))
    return finish(cases, module, seed_base, rng)


def cell_cases(module, rng_seed, seed_base, count):
    rng = random.Random(rng_seed)
    cases = []
    k = 0
    for batched in (True, False):
        for bias in (True, False):
            for has_h0 in (True, False):
                cases.append(dict(input_size=1 + (k * 5) % 9, hidden_size=1 + (k * 7 + 3) % 9, bias=bias,
                                  batched=batched, has_h0=has_h0, batch=1 + k % 5))
                k += 1
    cases.append(dict(input_size=4, hidden_size=2, bias=True, batched=True, has_h0=True, batch=1,
                      param_scale=1.0))
    cases.append(dict(input_size=1, hidden_size=1, bias=True, batched=True, has_h0=True, batch=1))
    cases.append(dict(input_size=17, hidden_size=13, bias=True, batched=True, has_h0=True, batch=5))
    cases.append(dict(input_size=13, hidden_size=17, bias=False, batched=False, has_h0=True, batch=0))
    while len(cases) < count:
        batched = rng.random() < 0.7
        cases.append(dict(input_size=rng.randint(1, 9), hidden_size=rng.randint(1, 9), bias=rng.random() < 0.7,
                          batched=batched, has_h0=rng.random() < 0.6, batch=rng.randint(1, 5) if batched else 0))
    for d in cases:
        d.update(num_layers=1, batch_first=False, dropout=0.0, bidirectional=False, seq_len=1,
                 training=rng.random() < 0.5, proj_size=0)
    return finish(cases, module, seed_base, rng)


def packed_cases():
    rng = random.Random(1405)
    base = dict(input_size=3, hidden_size=4, num_layers=1, nonlinearity="tanh", proj_size=0, bias=True,
                batch_first=False, dropout=0.0, bidirectional=False, training=True, batched=True,
                has_h0=True, enforce_sorted=False, packed=True)

    def c(module, lengths, seq_len=None, **kw):
        d = dict(base)
        d.update(module=module, lengths=list(lengths), batch=len(lengths),
                 seq_len=seq_len if seq_len is not None else max(lengths))
        d.update(kw)
        return d

    cases = [
        c("RNN", [2, 3, 1]),
        c("RNN", [3, 2, 1], enforce_sorted=True),
        c("RNN", [1, 4, 4, 2], nonlinearity="relu", batch_first=True),
        c("RNN", [2, 5, 3], bidirectional=True, num_layers=2, has_h0=False),
        c("RNN", [3, 1, 2, 3, 2], nonlinearity="relu", num_layers=3, bidirectional=True, batch_first=True,
          hidden_size=3, input_size=2),
        c("RNN", [2, 4], seq_len=6, bias=False),  # padding beyond the longest sequence
        c("LSTM", [2, 3, 1]),
        c("LSTM", [4, 4, 2, 1], enforce_sorted=True, batch_first=True, has_h0=False),
        c("LSTM", [1, 3, 2], bidirectional=True, num_layers=2),
        c("LSTM", [3, 5, 2], proj_size=2),
        c("LSTM", [2, 1, 3, 3], proj_size=2, hidden_size=5, bidirectional=True, num_layers=2, batch_first=True),
        c("LSTM", [5, 3], proj_size=1, hidden_size=3, enforce_sorted=True, has_h0=False, num_layers=2),
        c("LSTM", [1, 2, 3, 1], num_layers=2, dropout=0.5, training=True, seq_len=4),
        c("GRU", [2, 3, 1]),
        c("GRU", [3, 3, 1], enforce_sorted=True, batch_first=True),
        c("GRU", [1, 4, 2, 3], bidirectional=True, num_layers=2, has_h0=False),
        c("GRU", [2, 5], num_layers=3, bias=False, batch_first=True, seq_len=7),
        c("GRU", [3, 1, 2], num_layers=2, dropout=0.5, training=False, bidirectional=True),
        c("GRU", [1], hidden_size=2, input_size=1),
        # Equal lengths: 2.x runs LSTM (no projections) through oneDNN on the padded view, and
        # names output.data ViewBackward0; 1.13 and the unequal-length path name it CatBackward0.
        c("LSTM", [1, 1, 1], hidden_size=2, enforce_sorted=True),
        c("LSTM", [2, 2, 2], bidirectional=True, batch_first=True),
        c("LSTM", [3], num_layers=2, has_h0=False, input_size=2),
        c("GRU", [2, 2], batch_first=True),
    ]
    while len(cases) < 27:
        module = rng.choice(["RNN", "LSTM", "GRU"])
        n = rng.randint(1, 5)
        lengths = [rng.randint(1, 6) for _ in range(n)]
        sorted_ = rng.random() < 0.25
        if sorted_:
            lengths.sort(reverse=True)
        num_layers = rng.randint(1, 2)
        hidden = rng.randint(2, 6)
        cases.append(c(module, lengths, enforce_sorted=sorted_, num_layers=num_layers, hidden_size=hidden,
                       input_size=rng.randint(1, 7), nonlinearity=rng.choice(["tanh", "relu"]),
                       proj_size=rng.randint(1, hidden - 1) if module == "LSTM" and rng.random() < 0.4 else 0,
                       bias=rng.random() < 0.7, batch_first=rng.random() < 0.5,
                       bidirectional=rng.random() < 0.5, training=rng.random() < 0.6,
                       has_h0=rng.random() < 0.6))
    return finish(cases, None, 60000, rng)


def case_name(prefix, idx, cfg):
    kind = cfg["module"]
    parts = [f"{prefix}{idx:02d}"]
    if cfg.get("packed"):
        parts.append(kind.lower())
    parts += [f"i{cfg['input_size']}", f"h{cfg['hidden_size']}"]
    if kind not in CELLS:
        parts.append(f"l{cfg['num_layers']}")
        if kind == "RNN":
            parts.append(cfg["nonlinearity"])
        if cfg.get("proj_size", 0):
            parts.append(f"p{cfg['proj_size']}")
    if not cfg["bias"]:
        parts.append("nobias")
    if kind not in CELLS:
        if cfg["batch_first"]:
            parts.append("bf")
        if cfg["bidirectional"]:
            parts.append("bidir")
        if cfg["dropout"] > 0:
            parts.append(f"drop{cfg['dropout']}")
        parts.append(f"L{cfg['seq_len']}")
    if cfg.get("packed"):
        parts.append("len" + "-".join(str(v) for v in cfg["lengths"]))
        parts.append("sorted" if cfg["enforce_sorted"] else "unsorted")
    else:
        parts.append(f"N{cfg['batch']}" if cfg["batched"] else "unbatched")
    if not cfg["has_h0"]:
        parts.append("noh0")
    parts.append("train" if cfg["training"] else "eval")
    return "_".join(parts)


def header(what, v2):
    return (f"{what}\n"
            f"written by tools/golden/rnn_family.py with torch {torch.__version__} (numbers, reprs, *_grad_fn_113)\n"
            f"and torch {v2} (*_grad_fn: the reference grad_fn names)\n"
            "regenerate: cd tools/golden && $TORCH113_PYTHON rnn_family.py\n"
            "construction: manual_seed(init_seed); module(...); every param *= param_scale;\n"
            "  data generator manual_seed(data_seed): input, h0, c0 (if has_h0), then after the forward\n"
            "  the upstream gradients in the order they are stored; manual_seed(forward_seed) right\n"
            "  before the forward; loss = sum of (out*upstream).sum() over the stored upstreams\n"
            "reprs are 1.13's: their grad_fn=<...> is *_grad_fn_113; swap in *_grad_fn to compare with 2.x")


FILES = (
    ("lstm.txt", "lstm", lambda: module_cases("LSTM", 1401, 20000, 40), "torch.nn.LSTM golden vectors"),
    ("gru.txt", "gru", lambda: module_cases("GRU", 1402, 30000, 34), "torch.nn.GRU golden vectors"),
    ("lstm_cell.txt", "lcell", lambda: cell_cases("LSTMCell", 1403, 40000, 30), "torch.nn.LSTMCell golden vectors"),
    ("gru_cell.txt", "gcell", lambda: cell_cases("GRUCell", 1404, 50000, 30), "torch.nn.GRUCell golden vectors"),
    ("packed.txt", "packed", packed_cases, "RNN/LSTM/GRU on PackedSequence golden vectors"),
)


def main():
    os.makedirs(OUT_DIR, exist_ok=True)
    all_diffs = {}
    for fname, prefix, make, what in FILES:
        cases = make()
        v2, names2 = torch2_names(cases)
        path = os.path.join(OUT_DIR, fname)
        from golden_format import GoldenWriter
        w = GoldenWriter(path, header(what, v2))
        for idx, cfg in enumerate(cases):
            name = case_name(prefix, idx, cfg)
            for k, pair in write_case(w, name, cfg, names2[idx]).items():
                all_diffs.setdefault((cfg["module"], k, pair), []).append(name)
        w.write()
        print(f"{path}: {len(cases)} cases, {os.path.getsize(path)} bytes")
    print("grad_fn names that differ (module, output, (2.13, 1.13)): number of cases")
    for key, names in sorted(all_diffs.items()):
        print(f"  {key}: {len(names)}")


if __name__ == "__main__":
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    if sys.argv[1:] == ["--names"]:
        names_main()
    else:
        main()
