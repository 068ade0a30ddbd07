"""The lesson's next step: learn to map "hello" to "ohlol", three ways, and keep every epoch's loss.

Usage: $TORCH113_PYTHON tools/golden/hello_ohlol.py     (writes rnn4j-cli/src/test/resources/hello_ohlol.txt)

Characters e, h, l, o are ids 0..3; the input is "hello" one-hot (or ids for the embedding model), the target
"ohlol". Each model is built right after torch.manual_seed(SEED) and trained with Adam on the summed (RNNCell)
or mean (RNN) cross-entropy; every epoch prints its loss and the predicted string. examples/HelloOhlol.java is
the same program in Java.
"""
import os
import sys

import torch

SEED = 2
EPOCHS = 30
CHARS = "ehlo"
X = [CHARS.index(c) for c in "hello"]
Y = [CHARS.index(c) for c in "ohlol"]
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "rnn4j-cli", "src", "test", "resources",
                   "hello_ohlol.txt")


def one_hot(ids):
    return torch.eye(len(CHARS))[ids]


def decode(logits):
    return "".join(CHARS[i] for i in logits.argmax(dim=-1).tolist())


def rnn_cell():
    torch.manual_seed(SEED)
    cell = torch.nn.RNNCell(4, 4)
    opt = torch.optim.Adam(cell.parameters(), lr=0.1)
    loss_fn = torch.nn.CrossEntropyLoss()
    inputs = one_hot(X).view(5, 1, 4)
    labels = torch.tensor(Y).view(5, 1)
    for _ in range(EPOCHS):
        hidden = torch.zeros(1, 4)
        loss = 0
        outs = []
        for x, y in zip(inputs, labels):
            hidden = cell(x, hidden)
            loss = loss + loss_fn(hidden, y)
            outs.append(hidden)
        opt.zero_grad()
        loss.backward()
        opt.step()
        yield loss.item(), decode(torch.cat(outs))


def rnn():
    torch.manual_seed(SEED)
    model = torch.nn.RNN(4, 4)
    opt = torch.optim.Adam(model.parameters(), lr=0.05)
    loss_fn = torch.nn.CrossEntropyLoss()
    inputs = one_hot(X).view(5, 1, 4)
    labels = torch.tensor(Y)
    for _ in range(EPOCHS):
        out, _ = model(inputs)
        loss = loss_fn(out.view(-1, 4), labels)
        opt.zero_grad()
        loss.backward()
        opt.step()
        yield loss.item(), decode(out.view(-1, 4))


class EmbeddingModel(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.emb = torch.nn.Embedding(4, 10)
        self.rnn = torch.nn.RNN(10, 8, num_layers=2, batch_first=True)
        self.fc = torch.nn.Linear(8, 4)

    def forward(self, x):
        out, _ = self.rnn(self.emb(x))
        return self.fc(out).view(-1, 4)


def embedding():
    torch.manual_seed(SEED)
    model = EmbeddingModel()
    opt = torch.optim.Adam(model.parameters(), lr=0.05)
    loss_fn = torch.nn.CrossEntropyLoss()
    inputs = torch.tensor([X])
    labels = torch.tensor(Y)
    for _ in range(EPOCHS):
        logits = model(inputs)
        loss = loss_fn(logits, labels)
        opt.zero_grad()
        loss.backward()
        opt.step()
        yield loss.item(), decode(logits)


def main():
    lines = [f"# hello -> ohlol, torch {torch.__version__}, seed {SEED}, {EPOCHS} epochs: model epoch loss predicted"]
    for name, run in (("rnn_cell", rnn_cell), ("rnn", rnn), ("embedding", embedding)):
        for epoch, (loss, predicted) in enumerate(run(), 1):
            lines.append(f"{name} {epoch} {loss!r} {predicted}")
        print(lines[-1], file=sys.stderr)
    with open(OUT, "w") as f:
        f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
