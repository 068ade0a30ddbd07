"""Golden data for rnn4j's ONNX export: each case's model as rnn4j exports it, run by onnxruntime.

Writes rnn4j-core/src/test/resources/golden/onnx/: cases.txt and NAME.onnx for each case. Needs PyTorch 2.x,
onnx and onnxruntime in one interpreter, and rnn4j-core built with its tests compiled (mvn -o install -DskipTests):
    cd tools/golden && $TORCH2_PYTHON onnx_export.py

1. For each case, torch.manual_seed(seed), then the module is built (rnn4j builds the same weights from the same
   seed), then input, h0 and c0 (LSTM) are drawn with randn; the module in eval mode gives output, h_n, c_n.
   Character-model cases (module CharModel: tools/bench/charlm_torch.py's Embedding -> RNN/LSTM/GRU -> Linear,
   the model of rnn4j train) draw ids with randint(0, vocab_size) instead and give logits, h_n, c_n; cell cases
   (RNNCell, LSTMCell, GRUCell) draw input, hx and cx and give one step's h and c.
   Cases with lengths run the padded batch as pack_padded_sequence packs it (enforce_sorted=False) and pad the
   output back to the longest length; their ONNX models take the lengths as an input.
   cases.txt gets the settings, the inputs and PyTorch's outputs.
2. rnn4j (dev.rnn4j.onnx.GoldenModels, a test class) reads cases.txt, builds each module from its seed and writes
   NAME.onnx with Onnx.export.
3. Each NAME.onnx must pass onnx.checker (full check, shapes inferred) and onnxruntime (CPU) must give PyTorch's
   outputs within torch.testing.assert_close's float32 tolerances; onnxruntime's outputs are then written as
   ort_output (ort_logits, ort_h), ort_h_n (ort_c), ort_c_n. OnnxExportTest checks that rnn4j still exports these
   very bytes and that its module gives onnxruntime's outputs.
"""
import os
import subprocess
import sys

import numpy as np
import onnx
import onnxruntime
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "bench"))
from golden_format import GoldenWriter  # noqa: E402
from charlm_torch import CharModel  # noqa: E402

REPO = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
OUT = os.path.join(REPO, "rnn4j-core", "src", "test", "resources", "golden", "onnx")
CORE = os.path.join(REPO, "rnn4j-core", "target")

# name, module, input_size, hidden_size, num_layers, bias, batch_first, bidirectional, dropout, nonlinearity,
# seq_len, batch
CASES = [
    ("rnn_tanh", "RNN", 3, 4, 1, True, False, False, 0.0, "tanh", 5, 2),
    ("rnn_relu_bidirectional_2_layers", "RNN", 3, 5, 2, True, False, True, 0.0, "relu", 4, 3),
    ("rnn_no_bias_batch_first", "RNN", 2, 3, 1, False, True, False, 0.0, "tanh", 6, 2),
    ("rnn_3_layers_dropout", "RNN", 4, 3, 3, True, False, False, 0.5, "tanh", 3, 2),
    ("lstm", "LSTM", 3, 4, 1, True, False, False, 0.0, "tanh", 5, 2),
    ("lstm_bidirectional_2_layers", "LSTM", 3, 4, 2, True, False, True, 0.0, "tanh", 5, 2),
    ("lstm_no_bias_batch_first_bidirectional", "LSTM", 4, 3, 1, False, True, True, 0.0, "tanh", 4, 3),
    ("lstm_3_layers", "LSTM", 2, 6, 3, True, False, False, 0.0, "tanh", 3, 1),
    ("lstm_seed_notebook_size", "LSTM", 4, 2, 2, True, False, False, 0.0, "tanh", 3, 1),
    ("gru", "GRU", 3, 4, 1, True, False, False, 0.0, "tanh", 5, 2),
    ("gru_bidirectional_2_layers_batch_first", "GRU", 3, 5, 2, True, True, True, 0.0, "tanh", 4, 2),
    ("gru_no_bias", "GRU", 5, 4, 1, False, False, False, 0.0, "tanh", 6, 3),
    ("gru_one_step", "GRU", 2, 3, 2, True, False, True, 0.0, "tanh", 1, 1),
]
SEED_BASE = 900
# name, module, input_size, hidden_size, num_layers, bidirectional, batch_first, lengths: a padded batch of sequences
# of these lengths (not sorted), run as the packed batch pack_padded_sequence makes of it
LENGTH_CASES = [
    ("lstm_lengths_bidirectional_2_layers", "LSTM", 3, 4, 2, True, False, [3, 5, 1]),
    ("gru_lengths_batch_first", "GRU", 2, 3, 1, False, True, [2, 4, 4, 1]),
    ("rnn_lengths_bidirectional", "RNN", 3, 2, 1, True, False, [1, 6]),
]
LENGTH_SEED_BASE = 930
# name, kind, vocabulary size, embed, hidden, layers, dropout, seq_len, batch: tools/bench/charlm_torch.py's model
CHAR_MODELS = [
    ("char_lstm_2_layers", "lstm", 11, 5, 6, 2, 0.25, 7, 2),
    ("char_gru", "gru", 9, 4, 5, 1, 0.0, 5, 3),
    ("char_rnn", "rnn", 7, 3, 4, 1, 0.0, 4, 1),
]
CHAR_SEED_BASE = 950
# name, module, input_size, hidden_size, bias, nonlinearity, batch: one step of a cell
CELLS = [
    ("rnn_cell", "RNNCell", 3, 4, True, "tanh", 2),
    ("rnn_cell_relu_no_bias", "RNNCell", 4, 3, False, "relu", 3),
    ("lstm_cell", "LSTMCell", 3, 5, True, "tanh", 2),
    ("gru_cell_no_bias", "GRUCell", 5, 4, False, "tanh", 1),
]
CELL_SEED_BASE = 970


def build(module, input_size, hidden, layers, bias, batch_first, bidirectional, dropout, nonlinearity):
    options = dict(num_layers=layers, bias=bias, batch_first=batch_first, bidirectional=bidirectional,
                   dropout=dropout)
    if module == "RNN":
        return torch.nn.RNN(input_size, hidden, nonlinearity=nonlinearity, **options)
    return getattr(torch.nn, module)(input_size, hidden, **options)


def call(forward, named_input, h0, c0, output_name):
    """The feeds (the named input, h0, c0 for an LSTM) and PyTorch's outputs of forward(input, state)."""
    name, x = named_input
    with torch.no_grad():
        out, state = forward(x, (h0, c0) if c0 is not None else h0)
    hn, cn = state if c0 is not None else (state, None)
    feeds = {name: x, "h0": h0}
    expected = {output_name: out, "h_n": hn}
    if c0 is not None:
        feeds["c0"] = c0
        expected["c_n"] = cn
    return feeds, expected


def pytorch_cases():
    """Each case's settings, inputs (feeds) and PyTorch's outputs (expected)."""
    runs = []
    for i, (name, module, inp, hidden, layers, bias, bf, bi, dropout, nl, seq, batch) in enumerate(CASES):
        seed = SEED_BASE + i
        torch.manual_seed(seed)
        m = build(module, inp, hidden, layers, bias, bf, bi, dropout, nl).eval()
        d = 2 if bi else 1
        x = torch.randn(batch, seq, inp) if bf else torch.randn(seq, batch, inp)
        h0 = torch.randn(layers * d, batch, hidden)
        c0 = torch.randn(layers * d, batch, hidden) if module == "LSTM" else None
        settings = dict(module=module, seed=seed, input_size=inp, hidden_size=hidden, num_layers=layers, bias=bias,
                        batch_first=bf, bidirectional=bi, dropout=dropout, nonlinearity=nl)
        runs.append((name, settings) + call(m, ("input", x), h0, c0, "output"))
    for i, (name, module, inp, hidden, layers, bi, bf, lengths) in enumerate(LENGTH_CASES):
        seed = LENGTH_SEED_BASE + i
        torch.manual_seed(seed)
        m = build(module, inp, hidden, layers, True, bf, bi, 0.0, "tanh").eval()
        seq, batch, d = max(lengths), len(lengths), 2 if bi else 1
        x = torch.randn(batch, seq, inp) if bf else torch.randn(seq, batch, inp)
        h0 = torch.randn(layers * d, batch, hidden)
        c0 = torch.randn(layers * d, batch, hidden) if module == "LSTM" else None

        def packed(x, state, m=m, lengths=lengths, bf=bf, seq=seq):
            p = torch.nn.utils.rnn.pack_padded_sequence(x, torch.tensor(lengths), batch_first=bf, enforce_sorted=False)
            out, state = m(p, state)
            return torch.nn.utils.rnn.pad_packed_sequence(out, batch_first=bf, total_length=seq)[0], state
        feeds, expected = call(packed, ("input", x), h0, c0, "output")
        feeds = {"input": x, "lengths": torch.tensor(lengths, dtype=torch.int32), **feeds}
        settings = dict(module=module, seed=seed, input_size=inp, hidden_size=hidden, num_layers=layers, bias=True,
                        batch_first=bf, bidirectional=bi, dropout=0.0, nonlinearity="tanh",
                        lengths=" ".join(map(str, lengths)))
        runs.append((name, settings, feeds, expected))
    for i, (name, kind, vocab, embed, hidden, layers, dropout, seq, batch) in enumerate(CHAR_MODELS):
        seed = CHAR_SEED_BASE + i
        torch.manual_seed(seed)
        m = CharModel(kind, vocab, embed, hidden, layers, dropout).eval()
        ids = torch.randint(0, vocab, (seq, batch))
        h0 = torch.randn(layers, batch, hidden)
        c0 = torch.randn(layers, batch, hidden) if kind == "lstm" else None
        settings = dict(module="CharModel", seed=seed, kind=kind, vocab_size=vocab, embed=embed, hidden=hidden,
                        layers=layers, dropout=dropout)

        def forward(ids, state, m=m):
            out, state = m.rnn(m.embed(ids), state)
            return m.head(out), state
        runs.append((name, settings) + call(forward, ("ids", ids), h0, c0, "logits"))
    for i, (name, module, inp, hidden, bias, nl, batch) in enumerate(CELLS):
        seed = CELL_SEED_BASE + i
        torch.manual_seed(seed)
        options = dict(nonlinearity=nl) if module == "RNNCell" else {}
        m = getattr(torch.nn, module)(inp, hidden, bias=bias, **options)
        x, hx = torch.randn(batch, inp), torch.randn(batch, hidden)
        feeds = {"input": x, "hx": hx}
        with torch.no_grad():
            if module == "LSTMCell":
                feeds["cx"] = torch.randn(batch, hidden)
                h, c = m(x, (hx, feeds["cx"]))
                expected = {"h": h, "c": c}
            else:
                expected = {"h": m(x, hx)}
        settings = dict(module=module, seed=seed, input_size=inp, hidden_size=hidden, bias=bias, nonlinearity=nl)
        runs.append((name, settings, feeds, expected))
    return runs


def write(runs, ort_outputs):
    w = GoldenWriter(os.path.join(OUT, "cases.txt"),
                     "rnn4j ONNX export cases: tools/golden/onnx_export.py\n"
                     f"torch {torch.__version__}, onnx {onnx.__version__}, onnxruntime {onnxruntime.__version__}")
    for name, settings, feeds, expected in runs:
        w.case(name, **settings)
        for k, v in list(feeds.items()) + list(expected.items()):
            w.tensor(k, v)
        for k, v in ort_outputs.get(name, {}).items():
            w.tensor("ort_" + k, v)
    w.write()


def main():
    os.makedirs(OUT, exist_ok=True)
    runs = pytorch_cases()
    write(runs, {})
    classpath = os.pathsep.join(os.path.join(CORE, p) for p in ("classes", "test-classes"))
    subprocess.run(["java", "--add-modules", "jdk.incubator.vector", "-cp", classpath, "dev.rnn4j.onnx.GoldenModels",
                    OUT], check=True)
    ort_outputs = {}
    for name, settings, feeds, expected in runs:
        path = os.path.join(OUT, name + ".onnx")
        onnx.checker.check_model(onnx.load(path), full_check=True)
        session = onnxruntime.InferenceSession(path, providers=["CPUExecutionProvider"])
        got = session.run(list(expected), {k: v.numpy() for k, v in feeds.items()})
        ort_outputs[name] = {}
        for (k, want), value in zip(expected.items(), got):
            value = torch.from_numpy(np.ascontiguousarray(value))
            torch.testing.assert_close(value, want, msg=lambda m: f"{name} {k}: {m}")
            ort_outputs[name][k] = value
    write(runs, ort_outputs)
    print(f"{len(runs)} cases: rnn4j's ONNX models give PyTorch's outputs under onnxruntime {onnxruntime.__version__}")


if __name__ == "__main__":
    main()
