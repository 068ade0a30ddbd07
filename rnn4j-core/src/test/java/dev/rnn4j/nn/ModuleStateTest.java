package dev.rnn4j.nn;

import dev.rnn4j.Tensor;
import dev.rnn4j.Torch;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static dev.rnn4j.nn.ErrorAssert.assertMessage;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** What every module does with its parameters: state dicts that fail change nothing, zeroGrad drops gradients. */
class ModuleStateTest {

    @Test
    void badStateDictChangesNothing() {
        RNN rnn = RNN.builder(4, 2).numLayers(2).build();
        float[] before = rnn.namedParameters().get("weight_ih_l0").toFloatArray();
        Map<String, Tensor> state = new LinkedHashMap<>(rnn.stateDict());
        state.put("weight_ih_l0", Torch.ones(2, 4));
        state.put("weight_hh_l1", Torch.zeros(2, 3));
        state.remove("bias_hh_l1");
        state.put("extra", Torch.zeros(1));
        assertMessage("Error(s) in loading state_dict for RNN:\n"
                + "\tMissing key(s) in state_dict: \"bias_hh_l1\". \n"
                + "\tUnexpected key(s) in state_dict: \"extra\". \n"
                + "\tsize mismatch for weight_hh_l1: copying a param with shape torch.Size([2, 3]) from checkpoint, "
                + "the shape in current model is torch.Size([2, 2]).", () -> rnn.loadStateDict(state));
        assertArrayEquals(before, rnn.namedParameters().get("weight_ih_l0").toFloatArray());
    }

    @Test
    void zeroGradDropsGradients() {
        RNNCell cell = new RNNCell(3, 4);
        cell.forward(Torch.ones(2, 3)).sum().backward();
        cell.zeroGrad();
        cell.parameters().forEach(p -> assertNull(p.grad()));
    }
}
