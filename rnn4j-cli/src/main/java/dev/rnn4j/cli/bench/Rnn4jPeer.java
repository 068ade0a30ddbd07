package dev.rnn4j.cli.bench;

import dev.rnn4j.Tensor;
import dev.rnn4j.Torch;
import dev.rnn4j.autograd.GradMode;
import dev.rnn4j.nn.GRU;
import dev.rnn4j.nn.LSTM;
import dev.rnn4j.nn.Module;
import dev.rnn4j.nn.RNN;
import dev.rnn4j.nn.RNNCell;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/** rnn4j itself as a benchmark side; JMH's RecurrentBench and MixedRun build their calls here too. */
public final class Rnn4jPeer implements Peer {

    @Override
    public String name() {
        return "rnn4j";
    }

    @Override
    public String version() {
        return "rnn4j on JDK " + Runtime.version();
    }

    @Override
    public void setThreads(int threads) {
        Torch.setNumThreads(threads);
    }

    @Override
    public Supplier<Object> prepare(Workload w, Workload.Mode mode) {
        Torch.manualSeed(0);
        Module module;
        Function<Tensor, Tensor> forward;
        switch (w.net()) {
            case RNNCELL -> {
                RNNCell cell = new RNNCell(w.inputSize(), w.hidden());
                module = cell;
                forward = x -> {   // the seed notebook's loop: the cell stepped by hand, every step's state kept
                    Tensor h = Torch.zeros(w.batch(), w.hidden());
                    List<Tensor> states = new ArrayList<>();
                    for (Tensor input : x) {
                        h = cell.forward(input, h);
                        states.add(h);
                    }
                    return Torch.stack(states, 0);
                };
            }
            case RNN -> {
                RNN m = RNN.builder(w.inputSize(), w.hidden()).numLayers(w.layers()).bidirectional(w.bidirectional())
                        .build();
                module = m;
                forward = x -> m.forward(x).output();
            }
            case LSTM -> {
                LSTM m = LSTM.builder(w.inputSize(), w.hidden()).numLayers(w.layers())
                        .bidirectional(w.bidirectional()).build();
                module = m;
                forward = x -> m.forward(x).output();
            }
            case GRU -> {
                GRU m = GRU.builder(w.inputSize(), w.hidden()).numLayers(w.layers()).bidirectional(w.bidirectional())
                        .build();
                module = m;
                forward = x -> m.forward(x).output();
            }
            default -> throw new IllegalArgumentException(w.net().toString());
        }
        Tensor input = Torch.randn(w.seqLen(), w.batch(), w.inputSize());
        if (mode == Workload.Mode.FWD) {
            return () -> {
                module.eval();
                try (GradMode.Scope ignored = Torch.noGrad()) {
                    return forward.apply(input);
                }
            };
        }
        return () -> {
            module.train();
            Tensor out = forward.apply(input);
            out.sum().backward();
            module.zeroGrad();
            return out;
        };
    }
}
