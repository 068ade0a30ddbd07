package dev.rnn4j.peers;

import dev.rnn4j.cli.bench.Peer;
import dev.rnn4j.cli.bench.PeerMain;
import dev.rnn4j.cli.bench.Workload;
import org.bytedeco.javacpp.BoolPointer;
import org.bytedeco.javacpp.LongPointer;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.GRUImpl;
import org.bytedeco.pytorch.GRUOptions;
import org.bytedeco.pytorch.LSTMImpl;
import org.bytedeco.pytorch.LSTMOptions;
import org.bytedeco.pytorch.Module;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.RNNCellImpl;
import org.bytedeco.pytorch.RNNImpl;
import org.bytedeco.pytorch.RNNOptions;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;

import java.util.function.Function;
import java.util.function.Supplier;

/**
 * PyTorch's C++ library, libtorch, through Bytedeco's JavaCPP presets: the same torch::nn modules Python calls.
 * Each call runs inside a PointerScope, so the native tensors it makes are freed when it ends, not at some GC.
 * One thread is its fastest setting on this 2-core machine (its default thread count was about 100× slower).
 */
public final class BytedecoPeer implements Peer {

    public static void main(String[] args) throws Exception {
        PeerMain.run(args, new BytedecoPeer());
    }

    @Override
    public String name() {
        return "bytedeco";
    }

    @Override
    public String version() {
        return "libtorch 2.10.0 through Bytedeco JavaCPP 1.5.13 (org.bytedeco:pytorch 2.10.0-1.5.13)";
    }

    @Override
    public void setThreads(int threads) {
        torch.set_num_threads(threads);
    }

    /** Sets a module's options to the workload's layers and directions; returns the options. */
    private static <O> O stack(O options, LongPointer numLayers, BoolPointer bidirectional, Workload w) {
        numLayers.put(w.layers());
        bidirectional.put(w.bidirectional());
        return options;
    }

    @Override
    public Supplier<Object> prepare(Workload w, Workload.Mode mode) {
        torch.manual_seed(0);
        Module module;
        Function<Tensor, Tensor> forward;
        switch (w.net()) {
            case RNNCELL -> {
                RNNCellImpl cell = new RNNCellImpl(w.inputSize(), w.hidden());
                module = cell;
                forward = x -> {   // the seed notebook's loop: the cell stepped by hand, every step's state kept
                    Tensor h = torch.zeros(w.batch(), w.hidden());
                    TensorVector states = new TensorVector();
                    for (long t = 0; t < w.seqLen(); t++) {
                        h = cell.forward(x.get(t), h);
                        states.push_back(h);
                    }
                    return torch.stack(states);
                };
            }
            case RNN -> {
                RNNOptions o = new RNNOptions(w.inputSize(), w.hidden());
                RNNImpl m = new RNNImpl(stack(o, o.num_layers(), o.bidirectional(), w));
                module = m;
                forward = x -> m.forward(x).get0();
            }
            case LSTM -> {
                LSTMOptions o = new LSTMOptions(w.inputSize(), w.hidden());
                LSTMImpl m = new LSTMImpl(stack(o, o.num_layers(), o.bidirectional(), w));
                module = m;
                forward = x -> m.forward(x).get0();
            }
            case GRU -> {
                GRUOptions o = new GRUOptions(w.inputSize(), w.hidden());
                GRUImpl m = new GRUImpl(stack(o, o.num_layers(), o.bidirectional(), w));
                module = m;
                forward = x -> m.forward(x).get0();
            }
            default -> throw new IllegalArgumentException(w.net().toString());
        }
        Tensor input = torch.randn(w.seqLen(), w.batch(), w.inputSize());
        if (mode == Workload.Mode.FWD) {
            module.eval();
            return () -> {
                try (PointerScope scope = new PointerScope(); NoGradGuard noGrad = new NoGradGuard()) {
                    return forward.apply(input).numel();
                }
            };
        }
        module.train(true);
        return () -> {
            try (PointerScope scope = new PointerScope()) {
                Tensor out = forward.apply(input);
                out.sum().backward();
                module.zero_grad(true);
                return out.numel();
            }
        };
    }
}
