"""Golden vectors for rnn4j's torch.nn.utils.rnn: packing and padding of variable-length sequences.

Writes rnn4j-core/src/test/resources/golden/packing.txt (relative to the repository root).
Run with PyTorch 2.x, the reference for grad_fn names and messages:
    cd tools/golden && $TORCH2_PYTHON packing.py

Each case calls one function (setting `fn`) on inputs drawn, in order, from
g = torch.Generator().manual_seed(seed) with randn; the inputs require grad. Then one random upstream
gradient per output is drawn (randn, same generator) and back-propagated.

Settings: fn, seed, batch_first, enforce_sorted, lengths (comma list), padding_value, total_length
(or None), padding_side, dim and index (index_select), sequences (how many seq.i inputs), outputs
(how many out.i outputs of a list-valued function), grad_fn (of the single output, or of out.0),
and for packs batch_sizes, sorted_indices, unsorted_indices (comma lists or None);
for pad_packed out_lengths.
Tensors: input or seq.i; output (data for a pack), or out.i; grad_output or grad_output.i; grad.input
or grad.seq.i. Texts: repr (of the PackedSequence, the tensor, or out.0).
"""
import os
import sys

import torch
from torch.nn.utils.rnn import (pack_padded_sequence, pack_sequence, pad_packed_sequence, pad_sequence,
                                unpack_sequence, unpad_sequence)

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from golden_format import GoldenWriter  # noqa: E402

REPO = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
OUT = os.path.join(REPO, "rnn4j-core", "src", "test", "resources", "golden", "packing.txt")


def ints(values):
    return "None" if values is None else ",".join(str(int(v)) for v in values)


# (fn, shapes, options). shapes: one input shape, or a list of sequence shapes for the list functions.
CASES = [
    # pack_padded_sequence
    ("pack_padded", (4, 3, 2), dict(lengths=[4, 2, 1])),
    ("pack_padded", (3, 4, 2), dict(lengths=[4, 3, 1], batch_first=True)),
    ("pack_padded", (4, 3, 3), dict(lengths=[2, 4, 1], enforce_sorted=False)),
    ("pack_padded", (4, 3, 2), dict(lengths=[1, 3, 3, 2], batch_first=True, enforce_sorted=False)),
    ("pack_padded", (3, 2), dict(lengths=[3, 2])),
    ("pack_padded", (3, 2, 2, 2, 3), dict(lengths=[3, 1])),
    ("pack_padded", (3, 3, 2), dict(lengths=[3, 3, 3])),
    ("pack_padded", (2, 3, 2), dict(lengths=[2, 2, 2], enforce_sorted=False)),
    ("pack_padded", (4, 1, 2), dict(lengths=[3])),
    ("pack_padded", (1, 3, 2), dict(lengths=[2], batch_first=True, enforce_sorted=False)),
    ("pack_padded", (4, 2, 3), dict(lengths=[2, 1])),
    ("pack_padded", (5, 6, 1), dict(lengths=[1, 5, 3, 5, 2, 4], enforce_sorted=False)),
    ("pack_padded", (5, 3, 2, 2), dict(lengths=[3, 1, 2, 3, 1], batch_first=True, enforce_sorted=False)),
    # pad_packed_sequence (of pack_padded_sequence with the same lengths, batch_first, enforce_sorted)
    ("pad_packed", (4, 3, 2), dict(lengths=[4, 2, 1])),
    ("pad_packed", (3, 4, 2), dict(lengths=[2, 4, 1], batch_first=True, enforce_sorted=False)),
    ("pad_packed", (4, 3, 2), dict(lengths=[3, 3, 1], padding_value=-1.5, total_length=6)),
    ("pad_packed", (2, 3, 3), dict(lengths=[3, 2], batch_first=True, total_length=5)),
    ("pad_packed", (3, 3, 2, 2), dict(lengths=[1, 3, 2], enforce_sorted=False, padding_value=0.25)),
    ("pad_packed", (4, 2), dict(lengths=[4, 3], total_length=4)),
    ("pad_packed", (3, 4, 1), dict(lengths=[2, 1, 2], batch_first=True, enforce_sorted=False,
                                   padding_value=7.0, total_length=5)),
    # pad_sequence
    ("pad_sequence", [(3, 2), (1, 2), (4, 2)], dict()),
    ("pad_sequence", [(3, 2), (1, 2), (4, 2)], dict(batch_first=True, padding_value=9.0)),
    ("pad_sequence", [(2,), (5,), (3,)], dict()),
    ("pad_sequence", [(2, 3), (4, 3)], dict(batch_first=True, padding_side="left", padding_value=-1.0)),
    ("pad_sequence", [(2, 3), (4, 3), (1, 3)], dict(padding_side="left")),
    ("pad_sequence", [(3, 4), (2, 1)], dict()),
    ("pad_sequence", [(2, 2, 2), (0, 2, 2), (3, 2, 2)], dict(batch_first=True)),
    # pack_sequence
    ("pack_sequence", [(4, 2), (3, 2), (1, 2)], dict()),
    ("pack_sequence", [(2, 3), (4, 3), (1, 3), (4, 3)], dict(enforce_sorted=False)),
    ("pack_sequence", [(3,), (1,), (2,)], dict(enforce_sorted=False)),
    # unpad_sequence / unpack_sequence
    ("unpad", (4, 3, 2), dict(lengths=[4, 1, 3])),
    ("unpad", (3, 4, 2, 2), dict(lengths=[2, 4, 1], batch_first=True)),
    ("unpack", [(2, 3), (4, 3), (1, 3)], dict(enforce_sorted=False)),
    ("unpack", [(3, 2), (2, 2)], dict()),
    # index_select
    ("index_select", (3, 4), dict(dim=0, index=[2, 0, 2])),
    ("index_select", (2, 3, 4), dict(dim=-1, index=[3, 1])),
    ("index_select", (3, 4), dict(dim=1, index=[])),
    ("index_select", (), dict(dim=0, index=[0])),
]


def randn(shape, g):
    return torch.randn(shape, generator=g).requires_grad_()


def backward_all(outputs, g):
    grads = [torch.randn(o.shape, generator=g) for o in outputs]
    torch.autograd.backward(outputs, grads)
    return grads


def write_pack(w, packed):
    w.setting("batch_sizes", ints(packed.batch_sizes.tolist()))
    w.setting("sorted_indices", ints(None if packed.sorted_indices is None else packed.sorted_indices.tolist()))
    w.setting("unsorted_indices",
              ints(None if packed.unsorted_indices is None else packed.unsorted_indices.tolist()))


def run_single_input(w, fn, x, o, g):
    """Functions of one tensor input; returns the output tensors and what to write about them."""
    bf, es = o.get("batch_first", False), o.get("enforce_sorted", True)
    if fn == "pack_padded":
        packed = pack_padded_sequence(x, o["lengths"], batch_first=bf, enforce_sorted=es)
        write_pack(w, packed)
        return [packed.data], repr(packed), "output"
    if fn == "pad_packed":
        packed = pack_padded_sequence(x, o["lengths"], batch_first=bf, enforce_sorted=es)
        out, lengths = pad_packed_sequence(packed, batch_first=bf, padding_value=o.get("padding_value", 0.0),
                                           total_length=o.get("total_length"))
        w.setting("out_lengths", ints(lengths.tolist()))
        return [out], repr(out), "output"
    if fn == "unpad":
        # unpad_sequence transposes its argument in place when not batch-first: give it a copy
        outs = unpad_sequence(x.clone(), torch.tensor(o["lengths"]), batch_first=bf)
        return outs, repr(outs[0]), "out"
    if fn == "index_select":
        out = x.index_select(o["dim"], torch.tensor(o["index"], dtype=torch.long))
        return [out], repr(out), "output"
    raise ValueError(fn)


def run_sequences(w, fn, seqs, o):
    es = o.get("enforce_sorted", True)
    if fn == "pad_sequence":
        out = pad_sequence(seqs, batch_first=o.get("batch_first", False),
                           padding_value=o.get("padding_value", 0.0), padding_side=o.get("padding_side", "right"))
        return [out], repr(out), "output"
    if fn == "pack_sequence":
        packed = pack_sequence(seqs, enforce_sorted=es)
        write_pack(w, packed)
        return [packed.data], repr(packed), "output"
    if fn == "unpack":
        outs = unpack_sequence(pack_sequence(seqs, enforce_sorted=es))
        return outs, repr(outs[0]), "out"
    raise ValueError(fn)


def write_case(w, idx, fn, shapes, options):
    seed = 6000 + idx
    g = torch.Generator().manual_seed(seed)
    w.case(f"packing{idx:02d}_{fn}", fn=fn, seed=seed)
    o = dict(options)
    for key in ("batch_first", "enforce_sorted"):
        w.setting(key, o.get(key, key == "enforce_sorted"))
    if "lengths" in o:
        w.setting("lengths", ints(o["lengths"]))
    w.setting("padding_value", repr(float(o.get("padding_value", 0.0))))
    w.setting("total_length", o.get("total_length"))
    w.setting("padding_side", o.get("padding_side", "right"))
    if "dim" in o:
        w.setting("dim", o["dim"])
        w.setting("index", ints(o["index"]) if o["index"] else "")
    if isinstance(shapes, list):
        inputs = [randn(s, g) for s in shapes]
        names = [f"seq.{i}" for i in range(len(inputs))]
        w.setting("sequences", len(inputs))
        outputs, text, kind = run_sequences(w, fn, inputs, o)
    else:
        inputs = [randn(shapes, g)]
        names = ["input"]
        outputs, text, kind = run_single_input(w, fn, inputs[0], o, g)
    # the printed name: grad_fn.name() spells CopySlices "torch::autograd::CopySlices"
    w.setting("grad_fn", type(outputs[0].grad_fn).__name__)
    if kind == "out":
        w.setting("outputs", len(outputs))
    for name, t in zip(names, inputs):
        w.tensor(name, t)
    grads = backward_all(outputs, g)
    for i, (out, grad) in enumerate(zip(outputs, grads)):
        suffix = "" if kind == "output" else f".{i}"
        w.tensor(kind + suffix, out)
        w.tensor("grad_output" + suffix, grad)
    for name, t in zip(names, inputs):
        w.tensor("grad." + name, t.grad)
    w.text("repr", text)


def main():
    w = GoldenWriter(OUT, "torch.nn.utils.rnn packing and padding: outputs, batch sizes, indices, grad_fn names,\n"
                          "reprs and input gradients\n"
                          f"written by tools/golden/packing.py with torch {torch.__version__}\n"
                          "regenerate: cd tools/golden && <python with torch 2.x> packing.py")
    for idx, (fn, shapes, options) in enumerate(CASES):
        write_case(w, idx, fn, shapes, options)
    w.write()
    print(f"{OUT}: {len(CASES)} cases, {os.path.getsize(OUT)} bytes")


if __name__ == "__main__":
    main()
