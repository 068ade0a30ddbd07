"""The PyTorch side of `rnn4j train`: the same character-level language model, data, batches, optimizer and
validation, so that time to quality can be compared on one machine.

Usage: python3 tools/bench/charlm_torch.py --data FILE [--model lstm] [--embed 64] [--hidden 256] [--layers 1]
           [--dropout 0] [--seq-len 64] [--batch 32] [--lr 2e-3] [--clip 5] [--steps 1000] [--seed 0]
           [--threads 2] [--eval-every 0]

The model is Embedding(V, embed) -> RNN/LSTM/GRU(embed, hidden, layers) -> Linear(hidden, V), built in that
order after torch.manual_seed(seed). The vocabulary is the text's characters in code-point order; the last 10%
of the text is held out. Each step draws its batch's window starts with torch.randint(0, n_train - seq_len,
(batch,)), then Adam, cross-entropy and clip_grad_norm_. Validation loss is in nats per character over the
whole held-out part in non-overlapping windows. Prints one JSON line with wall time, chars/s and the losses.
"""
import argparse
import json
import math
import time

import torch
import torch.nn.functional as F

HELD_OUT = 0.1


class CharModel(torch.nn.Module):
    def __init__(self, kind, vocab, embed, hidden, layers, dropout):
        super().__init__()
        self.embed = torch.nn.Embedding(vocab, embed)
        rnn = {"rnn": torch.nn.RNN, "lstm": torch.nn.LSTM, "gru": torch.nn.GRU}[kind]
        self.rnn = rnn(embed, hidden, num_layers=layers, dropout=dropout)
        self.head = torch.nn.Linear(hidden, vocab)

    def forward(self, x):
        out, _ = self.rnn(self.embed(x))
        return self.head(out)


def windows(ids, starts, seq_len):
    x = torch.stack([ids[s:s + seq_len] for s in starts], dim=1)
    y = torch.stack([ids[s + 1:s + seq_len + 1] for s in starts], dim=1)
    return x, y


def validation_loss(model, ids, train_len, seq_len, batch):
    predicted = len(ids) - train_len - 1
    whole = predicted // seq_len
    total, count = 0.0, 0
    with torch.no_grad():
        for w in range(0, whole, batch):
            starts = [train_len + (w + b) * seq_len for b in range(min(batch, whole - w))]
            total, count = add_loss(model, ids, starts, seq_len, total, count)
        rest = predicted - whole * seq_len
        if rest > 0:
            total, count = add_loss(model, ids, [train_len + whole * seq_len], rest, total, count)
    return total / count


def add_loss(model, ids, starts, seq_len, total, count):
    x, y = windows(ids, starts, seq_len)
    logits = model(x)
    loss = F.cross_entropy(logits.reshape(-1, logits.size(-1)), y.reshape(-1), reduction="sum")
    return total + loss.item(), count + y.numel()


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--data", required=True)
    p.add_argument("--model", default="lstm", choices=["rnn", "lstm", "gru"])
    p.add_argument("--embed", type=int, default=64)
    p.add_argument("--hidden", type=int, default=256)
    p.add_argument("--layers", type=int, default=1)
    p.add_argument("--dropout", type=float, default=0.0)
    p.add_argument("--seq-len", type=int, default=64)
    p.add_argument("--batch", type=int, default=32)
    p.add_argument("--lr", type=float, default=2e-3)
    p.add_argument("--clip", type=float, default=5.0)
    p.add_argument("--steps", type=int, default=1000)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--eval-every", type=int, default=0)
    a = p.parse_args()
    torch.set_num_threads(a.threads)

    with open(a.data, encoding="utf-8") as f:
        text = f.read()
    vocab = sorted(set(text))
    index = {c: i for i, c in enumerate(vocab)}
    ids = torch.tensor([index[c] for c in text], dtype=torch.long)
    train_len = len(ids) - math.floor(len(ids) * HELD_OUT)

    torch.manual_seed(a.seed)
    model = CharModel(a.model, len(vocab), a.embed, a.hidden, a.layers, a.dropout)
    opt = torch.optim.Adam(model.parameters(), lr=a.lr)
    first_loss = None
    curve = []
    t0 = time.perf_counter()
    for step in range(1, a.steps + 1):
        model.train()
        starts = torch.randint(0, train_len - a.seq_len, (a.batch,)).tolist()
        x, y = windows(ids, starts, a.seq_len)
        logits = model(x)
        loss = F.cross_entropy(logits.reshape(-1, len(vocab)), y.reshape(-1))
        opt.zero_grad()
        loss.backward()
        if a.clip > 0:
            torch.nn.utils.clip_grad_norm_(model.parameters(), a.clip)
        opt.step()
        first_loss = loss.item() if first_loss is None else first_loss
        if a.eval_every and step % a.eval_every == 0:
            model.eval()
            curve.append((step, loss.item(), validation_loss(model, ids, train_len, a.seq_len, a.batch)))
    train_seconds = time.perf_counter() - t0
    model.eval()
    val = validation_loss(model, ids, train_len, a.seq_len, a.batch)
    wall = time.perf_counter() - t0
    print(json.dumps({
        "torch": torch.__version__, "threads": a.threads, "steps": a.steps,
        "wall_seconds": round(wall, 2), "train_seconds": round(train_seconds, 2),
        "chars_per_second": round(a.steps * a.batch * a.seq_len / train_seconds),
        "first_train_loss": round(first_loss, 4), "last_train_loss": round(loss.item(), 4),
        "val_loss": round(val, 4), "curve": curve}))


if __name__ == "__main__":
    main()
