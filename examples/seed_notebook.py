"""The PyTorch side of SeedNotebook.java: the lesson on RNNCell and RNN, seeded.

Usage: python3 examples/seed_notebook.py SEED      (PyTorch 1.13 or later)

`./rnn4j seed --seed SEED` prints the same text, character for character; the expected outputs
under rnn4j-cli/src/test/resources/seed_notebook/ were written by tools/golden/seed_notebook.py
running this file under PyTorch 1.13.
"""
import sys

import torch

seed = int(sys.argv[1])
batch, steps, features, hidden_size = 1, 3, 4, 2

# Part 1: one RNNCell stepped by hand over a (3, 1, 4) sequence.
torch.manual_seed(seed)
cell = torch.nn.RNNCell(input_size=features, hidden_size=hidden_size)
sequence = torch.randn(steps, batch, features)
print(sequence)
state = torch.zeros(batch, hidden_size)
print(state)
for step, x in enumerate(sequence):
    print('=' * 20, step, '=' * 20)
    print('input size:', x.shape)
    print(x)
    state = cell(x, state)
    print('outputs size:', state.shape)
    print(state)

# Part 2: a two-layer RNN over the whole sequence at once.
torch.manual_seed(seed)
layers = 2
rnn = torch.nn.RNN(input_size=features, hidden_size=hidden_size, num_layers=layers)
print(rnn._parameters.keys())
sequence = torch.randn(steps, batch, features)
print(sequence)
state = torch.zeros(layers, batch, hidden_size)
print(state)
output, state = rnn(sequence, state)
print('Output size:', output.shape)
print('Output:', output)
print('Hidden size:', state.shape)
print('Hidden:', state)
