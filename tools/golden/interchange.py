"""PyTorch weight interchange: the golden files rnn4j must read, and the check of the files rnn4j writes.

    $TORCH113_PYTHON interchange.py              write rnn4j-core/src/test/resources/golden/interchange/
    $TORCH2_PYTHON interchange.py --check DIR    load the rnn4j-written files in DIR with weights_only=True
                                                 and check them (see check() below); also under 1.13

The interpreter that writes is PyTorch 1.13 ($TORCH113_PYTHON, see README.md); the files re-saved by
PyTorch 2.x come from $TORCH2_PYTHON, which this script runs with --resave. Outputs are
computed by 1.13, whose reference BLAS rnn4j reproduces. safetensors files are written and read by
the functions below, which follow the format's specification and the reference library's ordering
(the safetensors package is not installable here).
"""
import json
import os
import subprocess
import sys

import torch

from golden_format import GoldenWriter
from safetensors_spec import load_safetensors, save_safetensors

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "..", "rnn4j-core", "src", "test", "resources", "golden", "interchange")
TORCH2 = os.environ.get("TORCH2_PYTHON", "python3")


# ---- what rnn4j should see: a description both sides can print -----------------------------------

def describe(o):
    """The loaded object as rnn4j sees it: tensors as float32/int64, tuples as lists, sizes as lists."""
    if isinstance(o, torch.nn.Parameter):
        return f"parameter({'float32' if o.is_floating_point() else 'int64'},{list(o.shape)})"
    if isinstance(o, torch.Tensor):
        return f"tensor({'float32' if o.is_floating_point() else 'int64'},{list(o.shape)})"
    if isinstance(o, dict):
        return "{" + ", ".join(describe(k) + ": " + describe(v) for k, v in o.items()) + "}"
    if isinstance(o, (list, tuple)):
        return "[" + ", ".join(describe(v) for v in o) + "]"
    if isinstance(o, set):
        return "set(" + ", ".join(describe(v) for v in o) + ")"
    if isinstance(o, bytes):
        return "bytes(" + o.hex() + ")"
    if isinstance(o, str):
        return "'" + o + "'"
    if isinstance(o, torch.dtype):
        return "'" + str(o) + "'"
    if isinstance(o, torch.device):
        return "'" + str(o) + "'"
    if isinstance(o, float):
        return repr(o)
    return repr(o)   # int, bool, None


def tensors_of(o, path=""):
    """Every tensor in a nested object with its path: keys joined by '/'."""
    if isinstance(o, torch.Tensor):
        yield path, o
    elif isinstance(o, dict):
        for k, v in o.items():
            yield from tensors_of(v, f"{path}/{k}" if path else str(k))
    elif isinstance(o, (list, tuple)):
        for i, v in enumerate(o):
            yield from tensors_of(v, f"{path}/{i}" if path else str(i))


def write_values(w, obj):
    for path, t in tensors_of(obj):
        w.setting("dtype." + path, str(t.dtype))
        w.setting("strides." + path, " ".join(str(s) for s in t.stride()) or "-")
        w.setting("parameter." + path, isinstance(t, torch.nn.Parameter))
        w.setting("requires_grad." + path, t.requires_grad)
        if t.is_floating_point():
            w.tensor("value." + path, t.detach().float())
        else:
            shape = "scalar" if t.dim() == 0 else "x".join(str(d) for d in t.shape)
            w.setting("long." + path, (shape + " " + " ".join(str(v) for v in t.long().reshape(-1).tolist())).strip())


# ---- the objects -------------------------------------------------------------------------------

def dtypes_obj():
    g = torch.Generator().manual_seed(1)
    return {
        "f32": torch.randn(2, 3, generator=g),
        "f64": torch.tensor([0.1, 1 / 3, -2.5e-8, 123456789.123, 1e-300], dtype=torch.float64),
        "f16": torch.tensor([1 / 3, 65504.0, 6e-8, -0.0, -2.5], dtype=torch.float16),
        "bf16": torch.tensor([1 / 3, -1e30, 3.0e38, 1e-38, 7.0], dtype=torch.bfloat16),
        "i64": torch.tensor([-(2 ** 62) - 1, 2 ** 62 + 7, 0, -1], dtype=torch.int64),
        "i32": torch.tensor([-(2 ** 31), 2 ** 31 - 1, 5], dtype=torch.int32),
        "i16": torch.tensor([-32768, 32767], dtype=torch.int16),
        "i8": torch.tensor([[-128, 127], [0, 1]], dtype=torch.int8),
        "u8": torch.tensor([0, 255, 128], dtype=torch.uint8),
        "bool": torch.tensor([True, False, True]),
        "scalar": torch.tensor(3.5),
        "empty": torch.zeros(0, 3),
    }


def views_obj():
    g = torch.Generator().manual_seed(2)
    flat = torch.randn(20, generator=g)
    same = torch.randn(2, 2, generator=g)
    ints = torch.arange(12).view(3, 4)
    return {
        "flat": flat,
        "a": flat[2:8].view(2, 3),                 # offset 2 into flat
        "b": flat[8:20].view(3, 4).t(),            # transposed: strides (1, 4), offset 8
        "c": flat[::3],                            # stride 3
        "expanded": torch.randn(3, generator=g).expand(2, 3),   # stride 0
        "same1": same,
        "same2": same,
        "p": torch.nn.Parameter(torch.randn(2, 2, generator=g)),
        "frozen": torch.nn.Parameter(torch.randn(2, generator=g), requires_grad=False),
        "g": torch.randn(2, generator=g).requires_grad_(),
        "ints": ints[:, 1::2],                     # int64, not contiguous
    }


def checkpoint_obj():
    torch.manual_seed(3)
    gru = torch.nn.GRU(2, 3)
    sd = gru.state_dict()
    return {
        "epoch": 7,
        "loss": 0.125,
        "lr": 1e-05,
        "name": "gru-α",
        "flags": [True, False, None],
        "shape": (2, 3),
        "big": 2 ** 70,
        "neg": -5,
        "wide": -(2 ** 40),
        "model": sd,
        "optimizer": {"state": {0: {"step": torch.tensor(3.0), "exp_avg": torch.ones(2)}},
                      "param_groups": [{"lr": 0.001, "betas": (0.9, 0.999), "params": [0, 1]}]},
        "size": torch.Size([4, 5]),
        "dtype": torch.float16,
        "device": torch.device("cuda", 0),
        "bytes": b"\x00\xffab",
        "set": {1, 2},
        "steps": torch.tensor([1, 2, 3]),
    }


def extras_obj():
    """What only PyTorch 2.x writes this way: a tensor with a Python attribute (_rebuild_from_type_v2), a
    Parameter with one (_rebuild_parameter_with_state), a Counter, a dtype."""
    import collections
    t = torch.arange(4.0)
    t.note = "attribute"
    p = torch.nn.Parameter(torch.ones(2))
    p.tag = 3
    return {"t": t, "p": p, "counter": collections.Counter({"a": 2}), "dtype": torch.bfloat16,
            "half": torch.tensor([1.5, -0.25], dtype=torch.float16)}


# (name, constructor, prefix in the saved dict, cuDNN-style flat storage)
MODULES = [
    ("rnn_tanh_bi", lambda: torch.nn.RNN(4, 5, num_layers=2, bidirectional=True), "", False),
    ("rnn_relu", lambda: torch.nn.RNN(3, 4, nonlinearity="relu", bias=False, batch_first=True), "", False),
    ("lstm_proj_bi", lambda: torch.nn.LSTM(4, 5, num_layers=2, proj_size=3, bidirectional=True), "", False),
    ("lstm_flat", lambda: torch.nn.LSTM(3, 4), "rnn.", True),
    ("gru_bi", lambda: torch.nn.GRU(4, 5, num_layers=2, bidirectional=True), "module.", False),
    ("gru_flat", lambda: torch.nn.GRU(3, 4, batch_first=True), "", True),
]


def flat_views(sd):
    """The state dict as cuDNN saves it: every weight a view into one flat storage."""
    flat = torch.cat([v.reshape(-1) for v in sd.values()])
    out, at = {}, 0
    for k, v in sd.items():
        out[k] = flat[at:at + v.numel()].view(v.shape)
        at += v.numel()
    return out


def module_settings(m):
    mode = m.mode if isinstance(m, torch.nn.RNN) is False else ("RNN_TANH" if m.nonlinearity == "tanh" else "RNN_RELU")
    return dict(mode=mode, input_size=m.input_size, hidden_size=m.hidden_size, num_layers=m.num_layers,
                bias=m.bias, batch_first=m.batch_first, bidirectional=m.bidirectional,
                proj_size=getattr(m, "proj_size", 0))


def run_module(m, x):
    with torch.no_grad():
        out = m(x)
    output, state = out
    return (output, state[0], state[1]) if isinstance(state, tuple) else (output, state, None)


# ---- writing the golden set ---------------------------------------------------------------------

def save_all(obj, stem, legacy=True):
    """stem.pt (this torch's zip), stem_legacy.pt; returns the names, the 2.x copy added later."""
    torch.save(obj, os.path.join(OUT, stem + ".pt"))
    names = [stem + ".pt", stem + "_v2.pt"]
    if legacy:
        torch.save(obj, os.path.join(OUT, stem + "_legacy.pt"), _use_new_zipfile_serialization=False)
        names.append(stem + "_legacy.pt")
    return names


def deflated_copy(src, dst, root):
    """src re-zipped with every entry deflated and the root folder renamed: both are legal .pt files."""
    import zipfile
    with zipfile.ZipFile(os.path.join(OUT, src)) as zin, \
            zipfile.ZipFile(os.path.join(OUT, dst), "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            name = root + info.filename[info.filename.index("/"):]
            zi = zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0))
            zi.compress_type = zipfile.ZIP_DEFLATED
            zout.writestr(zi, zin.read(info.filename))


def data_case(w, name, obj, files):
    w.case(name)
    w.setting("files", " ".join(files))
    w.text("structure", describe(obj))
    write_values(w, obj)


def module_case(w, name, make, prefix, flat):
    torch.manual_seed(10)
    m = make().eval()
    s = module_settings(m)
    g = torch.Generator().manual_seed(11)
    x = torch.randn(2, 3, s["input_size"], generator=g) if s["batch_first"] else \
        torch.randn(3, 2, s["input_size"], generator=g)
    output, h_n, c_n = run_module(m, x)
    sd = m.state_dict()
    if flat:
        sd = flat_views(sd)
    saved = {prefix + k: v for k, v in sd.items()}
    if prefix == "rnn.":   # a whole model: the recurrent part and a head
        saved["fc.weight"] = torch.randn(2, s["hidden_size"], generator=g)
        saved["fc.bias"] = torch.randn(2, generator=g)
    files = save_all(saved, name)
    save_safetensors({k: v.contiguous() for k, v in saved.items()}, os.path.join(OUT, name + ".safetensors"))
    files.append(name + ".safetensors")
    w.case(name, **s)
    w.setting("prefix", prefix or "-")
    w.setting("files", " ".join(files))
    w.tensor("input", x)
    w.tensor("output", output)
    w.tensor("h_n", h_n)
    if c_n is not None:
        w.tensor("c_n", c_n)
    return files


def write_golden():
    os.makedirs(OUT, exist_ok=True)
    w = GoldenWriter(os.path.join(OUT, "expected.txt"),
                     f"tools/golden/interchange.py, torch {torch.__version__}; *_v2.pt re-saved by $TORCH2_PYTHON (2.x)\n"
                     "structure: the loaded object as rnn4j sees it; value./long.: every tensor by path")
    v2 = []
    dt = dtypes_obj()
    files = save_all(dt, "dtypes")
    save_safetensors(dt, os.path.join(OUT, "dtypes.safetensors"), {"format": "pt", "source": "interchange.py"})
    data_case(w, "dtypes", dt, files)
    st, meta = load_safetensors(os.path.join(OUT, "dtypes.safetensors"))
    w.case("dtypes_safetensors")
    w.setting("files", "dtypes.safetensors")
    w.text("structure", describe(dict(sorted(st.items(), key=lambda kv: kv[0].encode()))))
    w.text("metadata", json.dumps(meta, sort_keys=True))
    write_values(w, st)
    v2 += ["dtypes"]
    views = views_obj()
    files = save_all(views, "views")
    deflated_copy("views.pt", "views_deflated.pt", "my_model")
    data_case(w, "views", views, files + ["views_deflated.pt"])
    v2 += ["views"]
    ck = checkpoint_obj()
    data_case(w, "checkpoint", ck, save_all(ck, "checkpoint"))
    v2 += ["checkpoint"]
    data_case(w, "extras", extras_obj(), ["extras_v2.pt"])
    for name, make, prefix, flat in MODULES:
        module_case(w, name, make, prefix, flat)
        v2.append(name)
    w.write()
    subprocess.run([TORCH2, os.path.abspath(__file__), "--resave"] + v2, check=True)
    for stem in v2:   # the 2.x copies must load back to the same values under this torch too
        a = torch.load(os.path.join(OUT, stem + ".pt"))
        b = torch.load(os.path.join(OUT, stem + "_v2.pt"))
        assert describe(a) == describe(b), stem
        for (pa, ta), (pb, tb) in zip(tensors_of(a), tensors_of(b)):
            assert pa == pb and torch.equal(ta, tb) and ta.stride() == tb.stride(), (stem, pa)


def resave(stems):
    """Under PyTorch 2.x: load each stem.pt with weights_only=True and save it again as stem_v2.pt."""
    for stem in stems:
        obj = torch.load(os.path.join(OUT, stem + ".pt"), map_location="cpu", weights_only=True)
        torch.save(obj, os.path.join(OUT, stem + "_v2.pt"))
    torch.save(extras_obj(), os.path.join(OUT, "extras_v2.pt"))
    print(f"re-saved {len(stems)} files with torch {torch.__version__}")


# ---- checking what rnn4j wrote ------------------------------------------------------------------

# What rnn4j's WrittenFilesTest saves as rnn4j_checkpoint.pt, as PyTorch must see it.
EXPECTED_CHECKPOINT = (
    "{'epoch': 12, 'loss': 0.25, 'name': 'rnn4j-β', 'done': True, 'none': None, 'big': 1099511627776, "
    "'neg': -3, 'list': [1, 'two', 3.5, [False]], 'steps': tensor(int64,[3]), 'scalar': tensor(float32,[]), "
    "'weight': parameter(float32,[2, 2]), 'grad': tensor(float32,[2]), 'empty': tensor(float32,[0, 3]), "
    "'state': {0: {'step': 5}, 1: {'step': 6}}, 'model': {'weight_ih_l0': tensor(float32,[6, 2]), "
    "'weight_hh_l0': tensor(float32,[6, 2]), 'bias_ih_l0': tensor(float32,[6]), 'bias_hh_l0': tensor(float32,[6])}}")


def build_module(cfg):
    kwargs = dict(num_layers=cfg["num_layers"], bias=cfg["bias"], batch_first=cfg["batch_first"],
                  bidirectional=cfg["bidirectional"])
    mode = cfg["mode"]
    if mode.startswith("RNN"):
        return torch.nn.RNN(cfg["input_size"], cfg["hidden_size"], nonlinearity=mode[4:].lower(), **kwargs)
    if mode == "LSTM":
        return torch.nn.LSTM(cfg["input_size"], cfg["hidden_size"], proj_size=cfg["proj_size"], **kwargs)
    return torch.nn.GRU(cfg["input_size"], cfg["hidden_size"], **kwargs)


def close(name, want, got):
    scale = max(want.abs().max().item(), 1e-30)
    diff = (want - got).abs().max().item()
    assert want.shape == got.shape, f"{name}: shape {tuple(got.shape)} != {tuple(want.shape)}"
    assert diff <= 1e-5 * scale, f"{name}: max difference {diff:.3e} (scale {scale:.3e})"
    return diff / scale


def check_module(path, cfg, state_dict, tensors):
    m = build_module(cfg).eval()
    m.load_state_dict(state_dict, strict=True)
    output, h_n, c_n = run_module(m, tensors["input"])
    worst = max(close("output", tensors["output"], output), close("h_n", tensors["h_n"], h_n),
                close("c_n", tensors["c_n"], c_n) if c_n is not None else 0.0)
    print(f"ok   {os.path.basename(path)}: {cfg['mode']} loaded strictly, PyTorch reproduces rnn4j's output, "
          f"h_n{', c_n' if c_n is not None else ''} (worst relative difference {worst:.1e})")


def check_mmap(path, obj):
    """torch.load(mmap=True) with offsets computed from miniz's layout, not read from headers, and the
    debug assert that they equal the real ones: rnn4j's zip layout must match PyTorch's writer exactly."""
    from torch.utils.serialization import config
    os.environ["TORCH_SERIALIZATION_DEBUG"] = "1"
    config.load.calculate_storage_offsets = True
    try:
        mapped = torch.load(path, map_location="cpu", weights_only=True, mmap=True)
    finally:
        config.load.calculate_storage_offsets = False
        del os.environ["TORCH_SERIALIZATION_DEBUG"]
    for (pa, a), (pb, b) in zip(tensors_of(obj), tensors_of(mapped)):
        assert pa == pb and torch.equal(a, b), f"{path}: {pa} differs when memory-mapped"


def check_file(path):
    if path.endswith(".safetensors"):
        tensors, meta = load_safetensors(path)
        cfg = json.loads(meta["config"])
        sd = {k[len("rnn."):]: v for k, v in tensors.items() if k.startswith("rnn.")}
        return check_module(path, cfg, sd, tensors)
    try:
        obj = torch.load(path, map_location="cpu", weights_only=True)
    except Exception as e:
        if not (torch.__version__ < "2" and "Unsupported operand 71" in str(e)):
            raise
        # 1.13's weights_only unpickler has no BINFLOAT: it refuses PyTorch's own files with floats too
        print(f"note {os.path.basename(path)}: torch {torch.__version__} weights_only=True refuses floats (BINFLOAT), "
              "as for PyTorch's own files; checked with weights_only=False")
        obj = torch.load(path, map_location="cpu")
    if torch.__version__ >= "2":
        check_mmap(path, obj)
    if "config" in obj:
        return check_module(path, obj["config"], obj["state_dict"], obj)
    got = describe(obj)
    assert got == EXPECTED_CHECKPOINT, f"{path}:\n got      {got}\n expected {EXPECTED_CHECKPOINT}"
    assert obj["steps"].tolist() == [1, 2, 3] and obj["scalar"].item() == 1.5, path
    assert torch.equal(obj["weight"], torch.tensor([[1.0, 2.0], [3.0, 4.0]])) and obj["weight"].requires_grad
    assert obj["grad"].requires_grad and not obj["scalar"].requires_grad
    print(f"ok   {os.path.basename(path)}: every value as rnn4j saved it")


def check(folder):
    names = sorted(n for n in os.listdir(folder) if n.endswith((".pt", ".safetensors")))
    assert names, f"no .pt or .safetensors files in {folder}"
    for n in names:
        check_file(os.path.join(folder, n))
    print(f"torch {torch.__version__}: {len(names)} rnn4j-written files checked")


if __name__ == "__main__":
    if len(sys.argv) > 2 and sys.argv[1] == "--check":
        check(sys.argv[2])
    elif len(sys.argv) > 1 and sys.argv[1] == "--resave":
        resave(sys.argv[2:])
    else:
        write_golden()
