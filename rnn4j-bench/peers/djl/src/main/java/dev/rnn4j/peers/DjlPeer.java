package dev.rnn4j.peers;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.recurrent.GRU;
import ai.djl.nn.recurrent.LSTM;
import ai.djl.nn.recurrent.RNN;
import ai.djl.nn.recurrent.RecurrentBlock;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import dev.rnn4j.cli.bench.Peer;
import dev.rnn4j.cli.bench.PeerMain;
import dev.rnn4j.cli.bench.Workload;

import java.util.function.Supplier;

/**
 * Deep Java Library's recurrent blocks (ai.djl.nn.recurrent) on its PyTorch engine, libtorch 2.7.1's CPU build from
 * the pytorch-native-cpu jar, offline. DJL has no RNNCell block, so the seed notebook's cell loop is n/a here.
 * Each call's arrays live in a sub-manager closed when the call ends; autograd is on only inside a
 * GradientCollector, as DJL's engine runs with grad mode off.
 */
public final class DjlPeer implements Peer {
    private NDManager manager;

    public static void main(String[] args) throws Exception {
        System.setProperty("ai.djl.offline", System.getProperty("ai.djl.offline", "true"));
        PeerMain.run(args, new DjlPeer());
    }

    @Override
    public String name() {
        return "djl";
    }

    @Override
    public String version() {
        Engine engine = Engine.getEngine("PyTorch");
        return "DJL " + Engine.getDjlVersion() + ", PyTorch engine, libtorch " + engine.getVersion() + " (CPU)";
    }

    @Override
    public void setThreads(int threads) {
        // read when the engine starts, which is below
        System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(threads));
        System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        manager = NDManager.newBaseManager("PyTorch");
    }

    @Override
    public Supplier<Object> prepare(Workload w, Workload.Mode mode) {
        RecurrentBlock.BaseBuilder<?> builder = switch (w.net()) {
            case RNNCELL -> throw new UnsupportedOperationException("DJL has no RNNCell block");
            case RNN -> RNN.builder().setActivation(RNN.Activation.TANH);
            case LSTM -> LSTM.builder();
            case GRU -> GRU.builder();
        };
        RecurrentBlock block = build(builder.setStateSize(w.hidden()).setNumLayers(w.layers())
                .optBidirectional(w.bidirectional()).optBatchFirst(false));
        Shape inputShape = new Shape(w.seqLen(), w.batch(), w.inputSize());
        block.initialize(manager, DataType.FLOAT32, inputShape);
        for (Parameter p : block.getParameters().values()) {
            p.getArray().setRequiresGradient(true);
        }
        ParameterStore store = new ParameterStore(manager, false);
        NDArray input = manager.randomNormal(inputShape);
        if (mode == Workload.Mode.FWD) {
            return () -> {
                try (NDManager call = manager.newSubManager()) {
                    call.tempAttachAll(input);
                    return block.forward(store, new NDList(input), false).head().size();
                }
            };
        }
        return () -> {
            try (NDManager call = manager.newSubManager();
                 GradientCollector collector = manager.getEngine().newGradientCollector()) {
                call.tempAttachAll(input);
                NDArray out = block.forward(store, new NDList(input), true).head();
                collector.backward(out.sum());
                collector.zeroGradients();
                return out.size();
            }
        };
    }

    private static RecurrentBlock build(RecurrentBlock.BaseBuilder<?> builder) {
        if (builder instanceof LSTM.Builder b) {
            return b.build();
        }
        if (builder instanceof GRU.Builder b) {
            return b.build();
        }
        return ((RNN.Builder) builder).build();
    }
}
