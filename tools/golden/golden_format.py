"""Writes the line-based golden format that rnn4j's tests read (GoldenFile.java).

    case NAME
    KEY VALUE
    tensor NAME SHAPE V1 V2 ...     (SHAPE: 3x1x4, "scalar" for 0-d; values: repr of each float32)
    text NAME ESCAPED               ("\\\\" is a backslash, "\\n" a newline)
"""
import math


def _number(v):
    v = float(v)
    if math.isnan(v):
        return "nan"
    if math.isinf(v):
        return "inf" if v > 0 else "-inf"
    return repr(v)


class GoldenWriter:
    def __init__(self, path, header):
        self.path = path
        self.lines = ["# " + line for line in header.splitlines()]

    def case(self, name, **settings):
        self.lines.append("case " + name)
        for key, value in settings.items():
            self.setting(key, value)

    def setting(self, key, value):
        self.lines.append(f"{key} {value}")

    def tensor(self, name, t):
        t = t.detach().to("cpu").float().contiguous()
        shape = "scalar" if t.dim() == 0 else "x".join(str(d) for d in t.shape)
        values = " ".join(_number(v) for v in t.reshape(-1).tolist())
        self.lines.append(f"tensor {name} {shape} {values}".rstrip())

    def text(self, name, s):
        self.lines.append(f"text {name} " + s.replace("\\", "\\\\").replace("\n", "\\n"))

    def write(self):
        import os
        tmp = self.path + ".tmp"
        with open(tmp, "w", encoding="utf-8") as f:
            f.write("\n".join(self.lines) + "\n")
        os.replace(tmp, self.path)
