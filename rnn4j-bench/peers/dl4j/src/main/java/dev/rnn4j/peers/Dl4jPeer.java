package dev.rnn4j.peers;

import dev.rnn4j.cli.bench.Peer;
import dev.rnn4j.cli.bench.PeerMain;
import dev.rnn4j.cli.bench.Workload;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseRecurrentLayer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional;
import org.deeplearning4j.nn.conf.layers.recurrent.SimpleRnn;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.function.Supplier;

/**
 * Deeplearning4j's recurrent layers (LSTM, SimpleRnn; it has no GRU, and no cell to step by hand) in a
 * MultiLayerNetwork on ND4J's CPU backend, float32, OMP_NUM_THREADS threads (the parent sets it). Input is DL4J's
 * (N, I, L). fwd is output(x); fwd+bwd is a training-mode feedForward that keeps the layer inputs, then backpropGradient of ones, the gradient
 * of output.sum(), which computes every parameter's gradient (DL4J keeps no gradients to zero between calls).
 */
public final class Dl4jPeer implements Peer {

    public static void main(String[] args) throws Exception {
        PeerMain.run(args, new Dl4jPeer());
    }

    @Override
    public String name() {
        return "dl4j";
    }

    @Override
    public String version() {
        return "Deeplearning4j 1.0.0-M2.1, ND4J native CPU (" + Nd4j.getBackend().getClass().getSimpleName() + ")";
    }

    @Override
    public void setThreads(int threads) {
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
    }

    @Override
    public Supplier<Object> prepare(Workload w, Workload.Mode mode) {
        if (w.net() == Workload.Net.GRU) {
            throw new UnsupportedOperationException("DL4J has no GRU layer");
        }
        if (w.net() == Workload.Net.RNNCELL) {
            throw new UnsupportedOperationException("DL4J has no recurrent cell to step by hand");
        }
        NeuralNetConfiguration.ListBuilder layers = new NeuralNetConfiguration.Builder().seed(0)
                .dataType(DataType.FLOAT).list();
        for (int l = 0; l < w.layers(); l++) {
            int in = l == 0 ? w.inputSize() : w.hidden() * w.directions();
            BaseRecurrentLayer.Builder<?> b = w.net() == Workload.Net.LSTM ? new LSTM.Builder() : new SimpleRnn.Builder();
            Layer layer = b.nIn(in).nOut(w.hidden()).activation(Activation.TANH).build();
            layers.layer(w.bidirectional() ? new Bidirectional(Bidirectional.Mode.CONCAT, layer) : layer);
        }
        MultiLayerNetwork net = new MultiLayerNetwork(layers.build());
        net.init();
        Nd4j.getRandom().setSeed(0);
        INDArray input = Nd4j.randn(DataType.FLOAT, w.batch(), w.inputSize(), w.seqLen());
        if (mode == Workload.Mode.FWD) {
            return () -> net.output(input, false);
        }
        INDArray ones = Nd4j.ones(DataType.FLOAT, w.batch(), w.hidden() * w.directions(), w.seqLen());
        return () -> {
            net.setInput(input);
            net.feedForward(true, false);   // training mode, keeping each layer's input for the backward pass
            return net.backpropGradient(ones, LayerWorkspaceMgr.noWorkspaces()).getFirst();
        };
    }
}
