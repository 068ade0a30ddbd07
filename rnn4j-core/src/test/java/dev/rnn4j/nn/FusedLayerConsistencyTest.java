package dev.rnn4j.nn;

import dev.rnn4j.Tensor;
import dev.rnn4j.Torch;
import dev.rnn4j.golden.GoldenFile;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.rnn4j.golden.GoldenAssert.assertClose;

/**
 * The fused layers against the same recurrence written step by step with the cells (whose
 * gradients come from the small autograd ops): outputs, final states and every gradient.
 */
class FusedLayerConsistencyTest {

    private static GoldenFile.Array array(Tensor t) {
        return new GoldenFile.Array(t.shape().toArray(), t.toFloatArray());
    }

    private static void copyWeights(Module from, String suffix, Module to) {
        Map<String, Parameter> src = from.namedParameters();
        try (var g = Torch.noGrad()) {
            to.namedParameters().forEach((name, p) -> p.copy_(src.get(name + suffix)));
        }
    }

    @Test
    void lstmMatchesLstmCellSteps() {
        Torch.manualSeed(3);
        LSTM lstm = LSTM.builder(5, 7).build();
        LSTMCell cell = new LSTMCell(5, 7);
        copyWeights(lstm, "_l0", cell);
        Tensor x = Torch.randn(6, 3, 5).requiresGrad(true);
        Tensor h0 = Torch.randn(1, 3, 7).requiresGrad(true);
        Tensor c0 = Torch.randn(1, 3, 7).requiresGrad(true);
        Tensor up = Torch.randn(6, 3, 7);
        LSTM.Output fused = lstm.forward(x, h0, c0);
        fused.output().mul(up).sum().add(fused.hidden().sum()).add(fused.cell().mul(2f).sum()).backward();

        Tensor xs = x.detach().requiresGrad(true);
        Tensor hs = h0.detach().requiresGrad(true);
        Tensor cs = c0.detach().requiresGrad(true);
        LSTMCell.State state = new LSTMCell.State(hs.get(0), cs.get(0));
        List<Tensor> outs = new ArrayList<>();
        for (Tensor input : xs) {
            state = cell.forward(input, state);
            outs.add(state.h());
        }
        Tensor stepped = Torch.stack(outs, 0);
        stepped.mul(up).sum().add(state.h().sum()).add(state.c().mul(2f).sum()).backward();

        assertClose("output", array(stepped), fused.output());
        assertClose("c_n", array(state.c().unsqueeze(0)), fused.cell());
        assertClose("grad x", array(xs.grad()), x.grad());
        assertClose("grad h0", array(hs.grad()), h0.grad());
        assertClose("grad c0", array(cs.grad()), c0.grad());
        cell.namedParameters().forEach((name, p) ->
                assertClose("grad " + name, array(p.grad()), lstm.namedParameters().get(name + "_l0").grad()));
    }

    @Test
    void gruMatchesGruCellSteps() {
        Torch.manualSeed(4);
        GRU gru = GRU.builder(4, 6).bidirectional(true).build();
        GRUCell cell = new GRUCell(4, 6);
        copyWeights(gru, "_l0_reverse", cell);
        Tensor x = Torch.randn(5, 2, 4).requiresGrad(true);
        Tensor h0 = Torch.randn(2, 2, 6).requiresGrad(true);
        Tensor up = Torch.randn(5, 2, 6);
        GRU.Output fused = gru.forward(x, h0);
        Tensor reverseHalf = fused.output().narrow(2, 6, 6);
        reverseHalf.mul(up).sum().add(fused.hidden().get(1).mul(3f).sum()).backward();

        Tensor xs = x.detach().requiresGrad(true);
        Tensor hs = h0.detach().requiresGrad(true);
        Tensor h = hs.get(1);
        Tensor[] outs = new Tensor[5];
        for (int t = 4; t >= 0; t--) {
            h = cell.forward(xs.get(t), h);
            outs[t] = h;
        }
        Tensor stepped = Torch.stack(outs);
        stepped.mul(up).sum().add(h.mul(3f).sum()).backward();

        assertClose("reverse output", array(stepped), reverseHalf);
        assertClose("grad x", array(xs.grad()), x.grad());
        assertClose("grad h0", array(hs.grad()), h0.grad());
        cell.namedParameters().forEach((name, p) -> assertClose("grad " + name, array(p.grad()),
                gru.namedParameters().get(name + "_l0_reverse").grad()));
    }

    @Test
    void projectedLstmMatchesComposedSteps() {
        Torch.manualSeed(5);
        LSTM lstm = LSTM.builder(3, 6).projSize(2).build();
        LSTMCell cell = new LSTMCell(3, 6);
        Parameter wHr = lstm.namedParameters().get("weight_hr_l0");
        Tensor x = Torch.randn(4, 2, 3).requiresGrad(true);
        Tensor up = Torch.randn(4, 2, 2);
        LSTM.Output fused = lstm.forward(x);
        fused.output().mul(up).sum().add(fused.cell().sum()).backward();

        // the cell's W_hh is (4H, H); the projected layer's is (4H, P): step by hand with small ops
        Map<String, Parameter> p = lstm.namedParameters();
        Tensor wIh = p.get("weight_ih_l0").detach().requiresGrad(true);
        Tensor wHh = p.get("weight_hh_l0").detach().requiresGrad(true);
        Tensor bIh = p.get("bias_ih_l0").detach().requiresGrad(true);
        Tensor bHh = p.get("bias_hh_l0").detach().requiresGrad(true);
        Tensor wHr2 = wHr.detach().requiresGrad(true);
        Tensor xs = x.detach().requiresGrad(true);
        Tensor h = Torch.zeros(2, 2);
        Tensor c = Torch.zeros(2, 6);
        List<Tensor> outs = new ArrayList<>();
        for (Tensor input : xs) {
            Tensor gates = Torch.addmm(bHh, h, wHh.t()).add(Torch.addmm(bIh, input, wIh.t()));
            Tensor i = gates.narrow(1, 0, 6).sigmoid();
            Tensor f = gates.narrow(1, 6, 6).sigmoid();
            Tensor g = gates.narrow(1, 12, 6).tanh();
            Tensor o = gates.narrow(1, 18, 6).sigmoid();
            c = f.mul(c).add(i.mul(g));
            h = o.mul(c.tanh()).matmul(wHr2.t());
            outs.add(h);
        }
        Tensor stepped = Torch.stack(outs, 0);
        stepped.mul(up).sum().add(c.sum()).backward();
        assertClose("output", array(stepped), fused.output());
        assertClose("grad x", array(xs.grad()), x.grad());
        assertClose("grad weight_hr", array(wHr2.grad()), wHr.grad());
        assertClose("grad weight_hh", array(wHh.grad()), p.get("weight_hh_l0").grad());
        assertClose("grad weight_ih", array(wIh.grad()), p.get("weight_ih_l0").grad());
        assertClose("grad bias_hh", array(bHh.grad()), p.get("bias_hh_l0").grad());
        cell.zeroGrad();
    }
}
