"""Re-reads the files rnn_family.py wrote and checks them.

For every case of lstm.txt, gru.txt, lstm_cell.txt, gru_cell.txt and packed.txt:
  1. torch 1.13 (this interpreter), rebuilt from the settings and run on the stored
     parameters, inputs and upstream gradients, reproduces every stored output and every
     stored gradient bit for bit, the `*_grad_fn_113` names and the repr texts; for packed
     cases also batch_sizes, sorted_indices and unsorted_indices;
  2. a hand-written float64 computation (the equations of PYTORCH_SEMANTICS.md §3.2, one
     sequence at a time, so packed cases are checked without any packing machinery) agrees
     with the stored outputs and gradients to a relative error below 1e-4. Where dropout is
     active in training the mask is taken from torch re-seeded with forward_seed;
  3. torch 2.x (the interpreter named by $TORCH2_PYTHON), given the same settings and
     inputs of the stored shapes, gives the stored `*_grad_fn` names.
Usage: cd tools/golden && $TORCH113_PYTHON check_rnn_family.py
"""
import json
import os
import subprocess
import sys
import warnings

import torch
from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence

HERE = os.path.dirname(os.path.abspath(__file__))
GOLDEN = os.path.join(HERE, "..", "..", "rnn4j-core", "src", "test", "resources", "golden")
TORCH2 = os.environ.get("TORCH2_PYTHON", "python3")
FILES = ("lstm.txt", "gru.txt", "lstm_cell.txt", "gru_cell.txt", "packed.txt")
CELLS = ("LSTMCell", "GRUCell")


def b(s):
    return {"True": True, "False": False}[s]


def int_list(s):
    return None if s == "None" else [int(v) for v in s.split()]


# ---------------------------------------------------------------- torch, from the settings

def make_module(s):
    kind, i, h = s["module"], int(s["input_size"]), int(s["hidden_size"])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        if kind == "LSTMCell":
            return torch.nn.LSTMCell(i, h, bias=b(s["bias"]))
        if kind == "GRUCell":
            return torch.nn.GRUCell(i, h, bias=b(s["bias"]))
        kw = dict(num_layers=int(s["num_layers"]), bias=b(s["bias"]), batch_first=b(s["batch_first"]),
                  dropout=float(s["dropout"]), bidirectional=b(s["bidirectional"]))
        if kind == "RNN":
            return torch.nn.RNN(i, h, nonlinearity=s["nonlinearity"], **kw)
        if kind == "LSTM":
            return torch.nn.LSTM(i, h, proj_size=int(s["proj_size"]), **kw)
        return torch.nn.GRU(i, h, **kw)


def forward(s, m, x, h0, c0):
    """Runs the module as the case says. Returns (dict of outputs, dict of grad_fn names, packed)."""
    kind = s["module"]
    lstm = kind in ("LSTM", "LSTMCell")
    hx = ((h0, c0) if lstm else h0) if h0 is not None else None
    torch.manual_seed(int(s["forward_seed"]))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        if kind in CELLS:
            res = m(x, hx)
            outs = dict(output=res[0], c_out=res[1]) if lstm else dict(output=res)
            names = {"output": outs["output"].grad_fn.name()}
            if lstm:
                names["c_out"] = outs["c_out"].grad_fn.name()
            return outs, names, None
        packed = "lengths" in s
        inp = x
        if packed:
            inp = pack_padded_sequence(x, int_list(s["lengths"]), batch_first=b(s["batch_first"]),
                                       enforce_sorted=b(s["enforce_sorted"]))
        res, hid = m(inp, hx)
        h_n, c_n = hid if lstm else (hid, None)
        outs = {}
        names = {}
        if packed:
            outs["output_data"] = res.data
            outs["output_padded"] = pad_packed_sequence(res, batch_first=b(s["batch_first"]))[0]
            names["data"] = res.data.grad_fn.name()
        else:
            outs["output"] = res
            names["output"] = res.grad_fn.name()
        outs["h_n"] = h_n
        names["hn"] = h_n.grad_fn.name()
        if c_n is not None:
            outs["c_n"] = c_n
            names["cn"] = c_n.grad_fn.name()
        return outs, names, (res if packed else None)


def names_main():
    """`check_rnn_family.py --names` (run under torch 2.x): names for settings + input shapes."""
    jobs = json.load(sys.stdin)
    res = []
    for job in jobs:
        s = job["settings"]
        m = make_module(s)
        m.train(b(s["training"]))
        t = {k: torch.randn(shape).requires_grad_() for k, shape in job["shapes"].items()}
        res.append(forward(s, m, t["input"], t.get("h0"), t.get("c0"))[1])
    json.dump({"version": torch.__version__, "names": res}, sys.stdout)


def rerun_113(case):
    s, t = case["settings"], case["tensors"]
    m = make_module(s)
    names = [n for n, _ in m.named_parameters()]
    stored = [k[len("param."):] for k in t if k.startswith("param.")]
    assert names == stored, (case["name"], names, stored)
    with torch.no_grad():
        for n, p in m.named_parameters():
            p.copy_(t["param." + n])
    m.train(b(s["training"]))
    x = t["input"].clone().requires_grad_()
    h0 = t["h0"].clone().requires_grad_() if "h0" in t else None
    c0 = t["c0"].clone().requires_grad_() if "c0" in t else None
    outs, names, packed = forward(s, m, x, h0, c0)
    for k, v in outs.items():
        assert torch.equal(v, t[k]), (case["name"], k)
    for k, v in names.items():
        assert v == s[k + "_grad_fn_113"], (case["name"], k, v)
    if packed is not None:
        assert int_list(s["batch_sizes"]) == packed.batch_sizes.tolist(), case["name"]
        for k in ("sorted_indices", "unsorted_indices"):
            got = getattr(packed, k)
            assert int_list(s[k]) == (None if got is None else got.tolist()), (case["name"], k)
    else:
        for k in ("output", "c_out", "h_n", "c_n"):
            if k in outs:
                rk = {"output": "output", "c_out": "c_out", "h_n": "hn", "c_n": "cn"}[k] + "_repr"
                esc = repr(outs[k]).replace("\\", "\\\\").replace("\n", "\\n")
                assert case["texts"][rk] == esc, (case["name"], rk)
    loss = 0
    for k, v in outs.items():
        if k != "output_padded":
            loss = loss + (v * t["grad_" + k]).sum()
    loss.backward()
    leaves = dict(input=x, h0=h0, c0=c0, **dict(m.named_parameters()))
    for k, v in leaves.items():
        if v is not None:
            g = v.grad if v.grad is not None else torch.zeros_like(v)
            assert torch.equal(g, t["grad." + k]), (case["name"], "grad." + k)


# ---------------------------------------------------------------- float64 reference

def step(kind, P, sfx, x, h, c, act):
    """One time step for a batch: x (N, I), h (N, Hout), c (N, H). Returns (h', c')."""
    gi = x @ P["weight_ih" + sfx].T
    gh = h @ P["weight_hh" + sfx].T
    if "bias_ih" + sfx in P:
        gi = gi + P["bias_ih" + sfx]
        gh = gh + P["bias_hh" + sfx]
    if kind == "RNN":
        return act(gi + gh), None
    if kind == "LSTM":
        i, f, g, o = (gi + gh).chunk(4, 1)
        c2 = torch.sigmoid(f) * c + torch.sigmoid(i) * torch.tanh(g)
        h2 = torch.sigmoid(o) * torch.tanh(c2)
        if "weight_hr" + sfx in P:
            h2 = h2 @ P["weight_hr" + sfx].T
        return h2, c2
    ir, iz, in_ = gi.chunk(3, 1)
    hr, hz, hn = gh.chunk(3, 1)
    r = torch.sigmoid(ir + hr)
    z = torch.sigmoid(iz + hz)
    n = torch.tanh(in_ + r * hn)
    return (1 - z) * n + z * h, None


def stack(kind, P, L, D, act, seq, h0, c0, masks):
    """seq (T, N, I); h0 (L*D, N, Hout); c0 (L*D, N, H); masks {layer: (T, N, D*Hout)}."""
    T = seq.shape[0]
    layer_in = seq
    hs, cs = [], []
    for l in range(L):
        outs = []
        for d in range(D):
            sfx = f"_l{l}" + ("_reverse" if d else "")
            h, c = h0[l * D + d], (c0[l * D + d] if c0 is not None else None)
            res = [None] * T
            for i in (range(T) if d == 0 else reversed(range(T))):
                h, c = step(kind, P, sfx, layer_in[i], h, c, act)
                res[i] = h
            hs.append(h)
            cs.append(c)
            outs.append(torch.stack(res, 0))
        layer_in = torch.cat(outs, -1)
        if l < L - 1 and l in masks:
            layer_in = layer_in * masks[l]
    return layer_in, torch.stack(hs, 0), (torch.stack(cs, 0) if c0 is not None else None)


def dropout_masks(s, total_rows):
    """The masks torch 1.13 drew: one F.dropout per layer but the last, over the layer output
    ((T, N, D*Hout), or the packed (rows, D*Hout)), after manual_seed(forward_seed)."""
    if s["module"] in CELLS or not b(s["training"]) or float(s["dropout"]) == 0.0:
        return {}
    p = float(s["dropout"])
    L, D = int(s["num_layers"]), 2 if b(s["bidirectional"]) else 1
    hout = int(s.get("proj_size", "0")) or int(s["hidden_size"])
    torch.manual_seed(int(s["forward_seed"]))
    return {l: torch.nn.functional.dropout(torch.ones(total_rows + (D * hout,)), p, True).double()
            for l in range(L - 1)}


def reference(case):
    """float64 outputs (named as stored) and the float64 leaves they depend on."""
    s, t = case["settings"], case["tensors"]
    kind = s["module"]
    leaves = {k: v.double().clone().requires_grad_() for k, v in t.items()
              if k.startswith("param.") or k in ("input", "h0", "c0")}
    P = {k[len("param."):]: v for k, v in leaves.items() if k.startswith("param.")}
    x, h0, c0 = leaves["input"], leaves.get("h0"), leaves.get("c0")
    H = int(s["hidden_size"])
    act = torch.relu if s.get("nonlinearity") == "relu" else torch.tanh

    if kind in CELLS:
        base = kind[:-4]
        batched = x.dim() == 2
        xb = x if batched else x.unsqueeze(0)
        zeros = torch.zeros(xb.shape[0], H, dtype=torch.float64)
        hb = zeros if h0 is None else (h0 if batched else h0.unsqueeze(0))
        cb = (zeros if c0 is None else (c0 if batched else c0.unsqueeze(0))) if base == "LSTM" else None
        P1 = {k + "_l0": v for k, v in P.items()}
        h, c = step(base, P1, "_l0", xb, hb, cb, act)
        sq = (lambda v: v) if batched else (lambda v: v.squeeze(0))
        return ({"output": sq(h), "c_out": sq(c)} if c is not None else {"output": sq(h)}), leaves

    L, D = int(s["num_layers"]), 2 if b(s["bidirectional"]) else 1
    hout = int(s.get("proj_size", "0")) or H
    bf, batched = b(s["batch_first"]), b(s["batched"])
    seq = x if not batched else (x.transpose(0, 1) if bf else x)
    if not batched:
        seq = seq.unsqueeze(1)
    T, N = seq.shape[0], seq.shape[1]
    if h0 is None:
        h0 = torch.zeros(L * D, N, hout, dtype=torch.float64)
    elif not batched:
        h0 = h0.unsqueeze(1)
    if kind == "LSTM":
        if c0 is None:
            c0 = torch.zeros(L * D, N, H, dtype=torch.float64)
        elif not batched:
            c0 = c0.unsqueeze(1)

    if "lengths" not in s:
        out, h_n, c_n = stack(kind, P, L, D, act, seq, h0, c0, dropout_masks(s, (T, N)))
        if not batched:
            out, h_n = out.squeeze(1), h_n.squeeze(1)
            c_n = c_n.squeeze(1) if c_n is not None else None
        elif bf:
            out = out.transpose(0, 1)
        res = {"output": out, "h_n": h_n}
        if c_n is not None:
            res["c_n"] = c_n
        return res, leaves

    # Packed: each sequence on its own, for its own length.
    lengths = int_list(s["lengths"])
    order = sorted(range(N), key=lambda i: -lengths[i])  # sorted position -> batch index
    if int_list(s["sorted_indices"]) is not None:
        order = int_list(s["sorted_indices"])
        assert [lengths[i] for i in order] == sorted(lengths, reverse=True)
    else:
        assert lengths == sorted(lengths, reverse=True)
    batch_sizes = [sum(1 for v in lengths if v > t_) for t_ in range(max(lengths))]
    assert batch_sizes == int_list(s["batch_sizes"]), case["name"]
    rows = {}  # (t, batch index) -> row of the packed data
    for t_, bs in enumerate(batch_sizes):
        for j in range(bs):
            rows[(t_, order[j])] = len(rows)
    flat = dropout_masks(s, (len(rows),))
    per_seq, hs, cs = {}, [], []
    for n in range(N):
        Tn = lengths[n]
        masks = {l: torch.stack([m[rows[(t_, n)]] for t_ in range(Tn)], 0).unsqueeze(1)
                 for l, m in flat.items()}
        out, h_n, c_n = stack(kind, P, L, D, act, seq[:Tn, n:n + 1], h0[:, n:n + 1],
                              c0[:, n:n + 1] if c0 is not None else None, masks)
        per_seq[n] = out[:, 0]
        hs.append(h_n)
        cs.append(c_n)
    data = torch.stack([per_seq[n][t_] for (t_, n) in sorted(rows, key=rows.get)], 0)
    maxlen = max(lengths)
    padded = torch.zeros(maxlen, N, data.shape[1], dtype=torch.float64)
    for (t_, n), _ in rows.items():
        padded[t_, n] = per_seq[n][t_].detach()
    res = {"output_data": data, "output_padded": padded.transpose(0, 1) if bf else padded,
           "h_n": torch.cat(hs, 1)}
    if kind == "LSTM":
        res["c_n"] = torch.cat(cs, 1)
    return res, leaves


def check_reference(case):
    t = case["tensors"]
    outs, leaves = reference(case)
    loss = 0
    for k, v in outs.items():
        if k != "output_padded":
            loss = loss + (v * t["grad_" + k].double()).sum()
    loss.backward()
    pairs = list(outs.items())
    gname = {k: "grad." + (k[len("param."):] if k.startswith("param.") else k) for k in leaves}
    pairs += [(gname[k], v.grad if v.grad is not None else torch.zeros_like(v)) for k, v in leaves.items()]
    stored = {k for k in t if k.startswith("grad.")}
    assert set(gname.values()) == stored, (case["name"], set(gname.values()) ^ stored)
    stored_outs = {k for k in t if k in ("output", "c_out", "h_n", "c_n", "output_data", "output_padded")}
    assert stored_outs == set(outs), (case["name"], stored_outs, set(outs))
    worst = 0.0
    for name, ref in pairs:
        got = t[name].double()
        assert got.shape == ref.shape, (case["name"], name, got.shape, ref.shape)
        err = ((got - ref).abs() / (1 + ref.abs())).max().item() if got.numel() else 0.0
        worst = max(worst, err)
        assert err < 1e-4, (case["name"], name, err)
    return worst


# ---------------------------------------------------------------- main

def main():
    sys.path.insert(0, HERE)
    from check_rnn import parse
    all_cases = {}
    for fname in FILES:
        cases = parse(os.path.join(GOLDEN, fname))
        all_cases[fname] = cases
        worst = 0.0
        for case in cases:
            rerun_113(case)
            worst = max(worst, check_reference(case))
        print(f"{fname}: {len(cases)} cases OK under torch {torch.__version__} (bit-equal rerun); "
              f"worst relative difference vs float64 reference {worst:.3g}")
    jobs = [dict(settings=c["settings"], shapes={k: list(c["tensors"][k].shape) for k in ("input", "h0", "c0")
                                                 if k in c["tensors"]})
            for f in FILES for c in all_cases[f]]
    proc = subprocess.run([TORCH2, os.path.abspath(__file__), "--names"], input=json.dumps(jobs),
                          capture_output=True, text=True, check=True)
    res = json.loads(proc.stdout)
    cases = [c for f in FILES for c in all_cases[f]]
    for case, names in zip(cases, res["names"]):
        for k, v in names.items():
            assert case["settings"][k + "_grad_fn"] == v, (case["name"], k, v)
    print(f"grad_fn names of all {len(cases)} cases agree with torch {res['version']}")


if __name__ == "__main__":
    if sys.argv[1:] == ["--names"]:
        names_main()
    else:
        sys.exit(main())
