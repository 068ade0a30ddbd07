package dev.rnn4j.io;

import dev.rnn4j.Tensor;
import dev.rnn4j.Torch;
import dev.rnn4j.nn.GRU;
import dev.rnn4j.nn.LSTM;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Module.loadStateDict(map, strict) as load_state_dict, and the StateDicts helpers. */
class LoadStateDictTest {

    @Test
    void nonStrictReturnsMissingAndUnexpectedKeys() {
        GRU gru = new GRU(2, 3);
        Map<String, Tensor> sd = new LinkedHashMap<>(new GRU(2, 3).stateDict());
        Tensor w = sd.remove("bias_hh_l0");
        sd.put("extra", w);
        var keys = gru.loadStateDict(sd, false);
        assertEquals(List.of("bias_hh_l0"), keys.missingKeys());
        assertEquals(List.of("extra"), keys.unexpectedKeys());
        assertArrayEquals(sd.get("weight_ih_l0").toFloatArray(), gru.stateDict().get("weight_ih_l0").toFloatArray());
    }

    @Test
    void strictNamesEveryProblemInPyTorchsWordsAndChangesNothing() {
        GRU gru = new GRU(2, 3);
        float[] before = gru.stateDict().get("weight_ih_l0").toFloatArray();
        Map<String, Tensor> sd = new LinkedHashMap<>(new GRU(2, 3).stateDict());
        sd.remove("bias_hh_l0");
        sd.put("extra", Torch.ones(1));
        sd.put("weight_hh_l0", Torch.ones(9, 4));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> gru.loadStateDict(sd, true));
        assertEquals("Error(s) in loading state_dict for GRU:\n\tMissing key(s) in state_dict: \"bias_hh_l0\". \n\t"
                + "Unexpected key(s) in state_dict: \"extra\". \n\tsize mismatch for weight_hh_l0: copying a param "
                + "with shape torch.Size([9, 4]) from checkpoint, the shape in current model is torch.Size([9, 3]).",
                e.getMessage());
        assertArrayEquals(before, gru.stateDict().get("weight_ih_l0").toFloatArray());
        // a size mismatch fails without strict too, before any weight changes
        assertThrows(IllegalArgumentException.class, () -> gru.loadStateDict(sd, false));
        assertArrayEquals(before, gru.stateDict().get("weight_ih_l0").toFloatArray());
    }

    @Test
    void selectAndStripPrefixes() {
        LSTM lstm = new LSTM(2, 3);
        Map<String, Object> model = new LinkedHashMap<>();
        lstm.stateDict().forEach((k, v) -> model.put("rnn." + k, v));
        model.put("fc.weight", Torch.ones(1, 3));
        model.put("steps", Torch.tensor(new long[]{1}));
        Map<String, Tensor> sub = StateDicts.select(model, "rnn.");
        assertEquals(List.copyOf(lstm.stateDict().keySet()), List.copyOf(sub.keySet()));
        assertEquals(List.of(), new LSTM(2, 3).loadStateDict(sub, true).missingKeys());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> StateDicts.select(model, ""));
        assertEquals("state dict entry 'steps' is a LongTensor, not a float tensor", e.getMessage());

        Map<String, Object> parallel = new LinkedHashMap<>();
        lstm.stateDict().forEach((k, v) -> parallel.put("module." + k, v));
        assertEquals(List.copyOf(lstm.stateDict().keySet()),
                List.copyOf(StateDicts.stripDataParallel(parallel).keySet()));
        assertEquals(Map.of("a", 1, "b.c", 2), StateDicts.consumePrefix(Map.of("x.a", 1, "b.c", 2), "x."));
    }
}
