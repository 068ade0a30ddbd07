"""onnxruntime on the `rnn4j bench` workloads, forward only: where an ONNX model of an RNN/LSTM/GRU is served.

Usage: python3 tools/bench/recurrent_ort.py [--rows rnn_small,lstm_small,...] [--threads 1,2]

Each workload's module is exported with torch.onnx.export (the TorchScript exporter, opset 14: ONNX's own RNN, LSTM
and GRU operators, as rnn4j's Onnx.export writes them), then run by onnxruntime's CPU provider with
intra_op_num_threads set: a 2-second warm-up, then the median of 20 calls, as rnn4j bench times its calls. Needs
torch, onnx and onnxruntime.
"""
import argparse
import os
import tempfile
import time

import numpy as np
import onnxruntime
import torch

# name: module, seq_len, batch, input, hidden (rnn4j's Workload shapes)
ROWS = {
    "rnn_small": ("RNN", 100, 32, 64, 256), "lstm_small": ("LSTM", 100, 32, 64, 256),
    "gru_small": ("GRU", 100, 32, 64, 256), "rnn_large": ("RNN", 50, 64, 256, 1024),
    "lstm_large": ("LSTM", 50, 64, 256, 1024), "gru_large": ("GRU", 50, 64, 256, 1024),
}


def median_ms(session, feeds, warmup=2.0, calls=20):
    end = time.perf_counter() + warmup
    while time.perf_counter() < end:
        session.run(None, feeds)
    times = []
    for _ in range(calls):
        t0 = time.perf_counter()
        session.run(None, feeds)
        times.append(time.perf_counter() - t0)
    return 1e3 * float(np.median(times))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", default=",".join(ROWS))
    ap.add_argument("--threads", default="1,2")
    args = ap.parse_args()
    print(f"# onnxruntime {onnxruntime.__version__}, torch {torch.__version__} (export), fwd, median of 20 calls")
    print("| workload | threads | onnxruntime ms |")
    print("|---|---:|---:|")
    with tempfile.TemporaryDirectory() as tmp:
        for name in args.rows.split(","):
            kind, seq, batch, inp, hidden = ROWS[name]
            torch.manual_seed(0)
            module = getattr(torch.nn, kind)(inp, hidden).eval()
            x = torch.randn(seq, batch, inp)
            path = os.path.join(tmp, name + ".onnx")
            torch.onnx.export(module, (x,), path, dynamo=False, opset_version=14, input_names=["input"])
            for threads in map(int, args.threads.split(",")):
                options = onnxruntime.SessionOptions()
                options.intra_op_num_threads = threads
                options.inter_op_num_threads = 1
                session = onnxruntime.InferenceSession(path, options, providers=["CPUExecutionProvider"])
                ms = median_ms(session, {"input": x.numpy()})
                print(f"| {name} | {threads} | {ms:.2f} |", flush=True)


if __name__ == "__main__":
    main()
