"""Runs a golden script's cases under both PyTorch versions and writes its file: the numbers from the
interpreter running the script (1.13, $TORCH113_PYTHON); the grad_fn names, module reprs and error messages from
PyTorch 2.x ($TORCH2_PYTHON), which runs the same script with --torch2 as a subprocess (configs as JSON on stdin,
one result dict per config as JSON on stdout).

A script gives `run(cfg)` -> dict(tensors=..., settings=..., texts=...), its cases as (name, cfg) and its
error calls as {name: call}. Settings ending in grad_fn are written with PyTorch 2's value, and 1.13's under
the same key + "_113"; the text module_repr is PyTorch 2's; every other value is 1.13's.
"""
import json
import os
import subprocess
import sys

from golden_format import GoldenWriter

TORCH2 = os.environ.get("TORCH2_PYTHON", "python3")
FLAG = "--torch2"


def main(script, path, describe, cases, run, errors):
    """The whole script: serve PyTorch 2's side when called with --torch2, else write the golden file."""
    if sys.argv[1:] == [FLAG]:
        serve(lambda cfg: torch2_side(cfg, run, errors))
        return
    import torch
    error_cfgs = [dict(kind="error", name=n) for n in errors]
    v2, res2 = results(script, [c for _, c in cases] + error_cfgs)
    w = GoldenWriter(path, describe(torch.__version__, v2))
    differ = 0
    for (name, cfg), r2 in zip(cases, res2):
        differ += write_case(w, name, cfg, run(cfg), r2)
    for e, r2 in zip(error_cfgs, res2[len(cases):]):
        assert r2["message"] is not None, e
        w.case("error_" + e["name"], kind="error")
        w.text("message", r2["message"])
    w.write()
    print(f"{len(cases)} cases, {len(errors)} errors; grad_fn names that differ between versions: {differ}")


def write_case(w, name, cfg, r, r2):
    """Writes one case; returns how many of its grad_fn names differ between the versions."""
    w.case(name, **{k: dims(v) if isinstance(v, (tuple, list)) else v for k, v in cfg.items()})
    differ = 0
    for key, value in r["settings"].items():
        if key.endswith("grad_fn"):
            w.setting(key, r2["settings"][key])
            w.setting(key + "_113", value)
            differ += value != r2["settings"][key]
        else:
            w.setting(key, value)
    for key, value in r["tensors"].items():
        w.tensor(key, value)
    for key, value in r["texts"].items():
        w.text(key, r2["module_repr"] if key == "module_repr" else value)
    return differ


def torch2_side(cfg, run, errors):
    """What PyTorch 2 says about one config: its grad_fn names and module repr, or an error's message."""
    if cfg["kind"] == "error":
        return {"message": error_message(errors[cfg["name"]])}
    r = run(cfg)
    return {"settings": {k: v for k, v in r["settings"].items() if k.endswith("grad_fn")},
            "module_repr": r["texts"].get("module_repr")}


def results(script, cfgs):
    """Runs `script --torch2` under PyTorch 2 on the configs; returns (version, list of result dicts)."""
    proc = subprocess.run([TORCH2, os.path.abspath(script), FLAG], input=json.dumps(cfgs),
                          capture_output=True, text=True, check=True)
    res = json.loads(proc.stdout)
    assert res["version"].startswith("2."), res["version"]
    return res["version"], res["results"]


def serve(run):
    """The --torch2 side: run(cfg) -> JSON-able dict, for each config read from stdin."""
    import torch
    cfgs = json.load(sys.stdin)
    json.dump({"version": torch.__version__, "results": [run(c) for c in cfgs]}, sys.stdout)


def error_message(call):
    """The message of the exception `call()` raises (None if it does not)."""
    try:
        call()
    except Exception as e:  # noqa: BLE001 - any PyTorch error type
        return str(e).split("\n")[0]
    return None


def dims(shape):
    """A shape as the golden files write it: 3x4, or scalar."""
    return "x".join(map(str, shape)) if len(shape) else "scalar"


def ints(seq):
    return " ".join(str(int(v)) for v in seq)
