package dev.rnn4j.autograd;

/** Where a gradient goes: output {@code outputNr} of {@code node}. */
public record Edge(Node node, int outputNr) {
}
