"""safetensors files by the format's specification, laid out as the reference library lays them out
(larger dtypes first, then by name; the JSON header compact and padded with spaces to 8 bytes).
The `safetensors` package cannot be installed here; rnn4j's SaveLoadTest checks that rnn4j re-writes
files written by save_safetensors byte for byte."""
import json

import torch

# safetensors: dtype names, and the reference library's Dtype order (it writes larger dtypes first)
ST_NAMES = {torch.float64: "F64", torch.float32: "F32", torch.float16: "F16", torch.bfloat16: "BF16",
            torch.int64: "I64", torch.int32: "I32", torch.int16: "I16", torch.int8: "I8", torch.uint8: "U8",
            torch.bool: "BOOL"}
ST_ORDER = ["BOOL", "U8", "I8", "F8_E5M2", "F8_E4M3", "I16", "U16", "F16", "BF16", "I32", "U32", "F32", "F64",
            "I64", "U64"]


def raw_bytes(t):
    return bytes(t.contiguous().reshape(-1).view(torch.uint8).tolist()) if t.numel() else b""


def save_safetensors(tensors, path, metadata=None):
    items = sorted(tensors.items(), key=lambda kv: (-ST_ORDER.index(ST_NAMES[kv[1].dtype]), kv[0].encode()))
    header, data, offset = {}, [], 0
    if metadata:
        header["__metadata__"] = metadata
    for name, t in items:
        b = raw_bytes(t)
        header[name] = {"dtype": ST_NAMES[t.dtype], "shape": list(t.shape), "data_offsets": [offset, offset + len(b)]}
        data.append(b)
        offset += len(b)
    text = json.dumps(header, separators=(",", ":"), ensure_ascii=False).encode()
    text += b" " * ((8 - len(text) % 8) % 8)
    with open(path, "wb") as f:
        f.write(len(text).to_bytes(8, "little") + text + b"".join(data))


def load_safetensors(path):
    blob = open(path, "rb").read()
    n = int.from_bytes(blob[:8], "little")
    header = json.loads(blob[8:8 + n].decode())
    metadata = header.pop("__metadata__", {})
    by_name = {v: k for k, v in ST_NAMES.items()}
    data, out, end = blob[8 + n:], {}, 0
    for name, info in sorted(header.items(), key=lambda kv: kv[1]["data_offsets"]):
        b, e = info["data_offsets"]
        assert b == end, f"{name}: offsets not contiguous"
        end = e
        dtype = by_name[info["dtype"]]
        t = torch.frombuffer(bytearray(data[b:e]), dtype=dtype) if e > b else torch.zeros(0, dtype=dtype)
        out[name] = t.reshape(info["shape"]).clone()
    assert end == len(data), "data area not covered exactly"
    return out, metadata
