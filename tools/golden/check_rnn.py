"""Re-reads the files rnn.py wrote and checks them against an independent computation.

For every case it parses the stored tensors, then:
  * recomputes output, h_n and every gradient in float64 with a hand-written loop
    (the equations of PYTORCH_SEMANTICS.md section 3), using the stored parameters,
    input, h0 and upstream gradients; where dropout is active in training, the dropout
    mask is taken from PyTorch itself (seeded with forward_seed), so the check still
    compares the recurrent arithmetic;
  * re-runs torch's module on the stored values and requires bit-equal output and h_n.
Usage: cd tools/golden && $TORCH113_PYTHON check_rnn.py
"""
import os
import sys

import torch

HERE = os.path.dirname(os.path.abspath(__file__))
GOLDEN = os.path.join(HERE, "..", "..", "rnn4j-core", "src", "test", "resources", "golden")


def parse(path):
    cases = []
    cur = None
    with open(path, encoding="utf-8") as f:
        for line in f.read().split("\n"):
            if not line or line.startswith("#"):
                continue
            head, _, rest = line.partition(" ")
            if head == "case":
                cur = dict(name=rest, settings={}, tensors={}, texts={})
                cases.append(cur)
            elif head == "tensor":
                parts = rest.split(" ")
                shape = [] if parts[1] == "scalar" else [int(s) for s in parts[1].split("x")]
                vals = [float(v) for v in parts[2:]]
                cur["tensors"][parts[0]] = torch.tensor(vals, dtype=torch.float32).reshape(shape)
            elif head == "text":
                name, _, s = rest.partition(" ")
                cur["texts"][name] = s  # escapes left as they are
            else:
                cur["settings"][head] = rest
    return cases


def b(s):
    return {"True": True, "False": False}[s]


def reference(case, dropout_masks):
    """float64 forward of RNNCell / RNN from the stored values; returns (output, h_n, leaves)."""
    s, t = case["settings"], case["tensors"]
    act = torch.tanh if s["nonlinearity"] == "tanh" else torch.relu
    leaves = {k: v.double().clone().requires_grad_() for k, v in t.items()
              if k.startswith("param.") or k in ("input", "h0")}
    P = {k[len("param."):]: v for k, v in leaves.items() if k.startswith("param.")}
    x = leaves["input"]
    h0 = leaves.get("h0")
    if s["module"] == "RNNCell":
        batched = x.dim() == 2
        xb = x if batched else x.unsqueeze(0)
        H = P["weight_hh"].shape[0]
        hb = (h0 if batched else h0.unsqueeze(0)) if h0 is not None else torch.zeros(xb.shape[0], H, dtype=torch.float64)
        pre = xb @ P["weight_ih"].T + (P["bias_ih"] if "bias_ih" in P else 0)
        out = act(hb @ P["weight_hh"].T + (P["bias_hh"] if "bias_hh" in P else 0) + pre)
        return (out if batched else out.squeeze(0)), None, leaves
    L, bidir, bf = int(s["num_layers"]), b(s["bidirectional"]), b(s["batch_first"])
    D = 2 if bidir else 1
    H = int(s["hidden_size"])
    batched = b(s["batched"])
    seq = x if not batched else (x.transpose(0, 1) if bf else x)
    if not batched:
        seq = seq.unsqueeze(1)
    N = seq.shape[1]
    if h0 is None:
        hx = torch.zeros(L * D, N, H, dtype=torch.float64)
    else:
        hx = h0 if batched else h0.unsqueeze(1)
    layer_in = seq
    finals = []
    for l in range(L):
        outs = []
        for d in range(D):
            sfx = f"_l{l}" + ("_reverse" if d else "")
            w_ih, w_hh = P["weight_ih" + sfx], P["weight_hh" + sfx]
            b_ih, b_hh = P.get("bias_ih" + sfx, 0), P.get("bias_hh" + sfx, 0)
            h = hx[l * D + d]
            steps = range(seq.shape[0]) if d == 0 else reversed(range(seq.shape[0]))
            res = [None] * seq.shape[0]
            for i in steps:
                h = act(h @ w_hh.T + b_hh + (layer_in[i] @ w_ih.T + b_ih))
                res[i] = h
            finals.append(h)
            outs.append(torch.stack(res, 0))
        layer_in = torch.cat(outs, -1)
        if l < L - 1 and l in dropout_masks:
            layer_in = layer_in * dropout_masks[l]
    out, h_n = layer_in, torch.stack(finals, 0)
    if not batched:
        out, h_n = out.squeeze(1), h_n.squeeze(1)
    elif bf:
        out = out.transpose(0, 1)
    return out, h_n, leaves


def torch_module(case):
    s, t = case["settings"], case["tensors"]
    if s["module"] == "RNNCell":
        m = torch.nn.RNNCell(int(s["input_size"]), int(s["hidden_size"]), bias=b(s["bias"]),
                             nonlinearity=s["nonlinearity"])
    else:
        import warnings
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            m = torch.nn.RNN(int(s["input_size"]), int(s["hidden_size"]), num_layers=int(s["num_layers"]),
                             nonlinearity=s["nonlinearity"], bias=b(s["bias"]), batch_first=b(s["batch_first"]),
                             dropout=float(s["dropout"]), bidirectional=b(s["bidirectional"]))
    names = [n for n, _ in m.named_parameters()]
    stored = [k[len("param."):] for k in t if k.startswith("param.")]
    assert names == stored, (case["name"], names, stored)
    with torch.no_grad():
        for n, p in m.named_parameters():
            p.copy_(t["param." + n])
    m.train(b(s["training"]))
    return m


def dropout_masks(case):
    """The masks torch applied, recovered by running torch's dropout with the same RNG state.

    In RNN.cpp the only random draws of the forward are the between-layer dropouts, in layer
    order, each over a (L, N, D*H) tensor; re-drawing them after manual_seed(forward_seed)
    gives the same masks."""
    s = case["settings"]
    if s["module"] != "RNN" or not b(s["training"]) or float(s["dropout"]) == 0.0:
        return {}
    p = float(s["dropout"])
    L, D, H = int(s["num_layers"]), 2 if b(s["bidirectional"]) else 1, int(s["hidden_size"])
    T = int(s["seq_len"])
    N = int(s["batch"]) if b(s["batched"]) else 1
    torch.manual_seed(int(s["forward_seed"]))
    masks = {}
    for l in range(L - 1):
        ones = torch.ones(T, N, D * H)
        masks[l] = torch.nn.functional.dropout(ones, p, True).double()
    return masks


def check_file(path):
    cases = parse(path)
    worst = 0.0
    for case in cases:
        s, t = case["settings"], case["tensors"]
        # 1. torch on the stored values reproduces output and h_n bit for bit.
        m = torch_module(case)
        x = t["input"].clone().requires_grad_()
        h0 = t["h0"].clone().requires_grad_() if "h0" in t else None
        torch.manual_seed(int(s["forward_seed"]))
        if s["module"] == "RNNCell":
            out, h_n = m(x, h0), None
        else:
            out, h_n = m(x, h0)
        assert torch.equal(out, t["output"]), case["name"]
        assert out.grad_fn.name() == s["output_grad_fn"], case["name"]
        if h_n is not None:
            assert torch.equal(h_n, t["h_n"]), case["name"]
            assert h_n.grad_fn.name() == s["hn_grad_fn"], case["name"]
        assert case["texts"]["output_repr"] == repr(out).replace("\\", "\\\\").replace("\n", "\\n"), case["name"]
        # 2. An independent float64 computation agrees with the stored values and gradients.
        ref_out, ref_hn, leaves = reference(case, dropout_masks(case))
        loss = (ref_out * t["grad_output"].double()).sum()
        if ref_hn is not None:
            loss = loss + (ref_hn * t["grad_h_n"].double()).sum()
        loss.backward()
        pairs = [("output", ref_out)] + ([("h_n", ref_hn)] if ref_hn is not None else [])
        def gname(k):
            return "grad." + (k[len("param."):] if k.startswith("param.") else k)
        pairs += [(gname(k), v.grad if v.grad is not None else torch.zeros_like(v)) for k, v in leaves.items()]
        expected_grads = {gname(k) for k in leaves}
        stored_grads = {k for k in t if k.startswith("grad.")}
        assert expected_grads == stored_grads, (case["name"], expected_grads ^ stored_grads)
        for name, ref in pairs:
            got = t[name].double()
            assert got.shape == ref.shape, (case["name"], name, got.shape, ref.shape)
            err = ((got - ref).abs() / (1 + ref.abs())).max().item() if got.numel() else 0.0
            worst = max(worst, err)
            assert err < 1e-4, (case["name"], name, err)
    return len(cases), worst


def main():
    for fname in ("rnn_cell.txt", "rnn.txt"):
        n, worst = check_file(os.path.join(GOLDEN, fname))
        print(f"{fname}: {n} cases OK, worst relative difference vs float64 reference {worst:.3g}")


if __name__ == "__main__":
    sys.exit(main())
