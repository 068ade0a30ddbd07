package dev.rnn4j.cli.bench;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class WorkloadTest {

    @Test
    void theIssuesTableIsTheDefault() {
        assertEquals(List.of("rnncell_seed", "rnn_seed", "lstm_seed", "gru_seed", "rnn_small", "lstm_small", "gru_small",
                "rnn_large", "lstm_large", "gru_large"), Workload.DEFAULT.stream().map(Workload::name).toList());
        Workload large = Workload.named("gru_large");
        assertEquals(List.of(50, 64, 256, 1024, 1), List.of(large.seqLen(), large.batch(), large.inputSize(),
                large.hidden(), large.layers()));
        Workload seed = Workload.named("rnn_seed");
        assertEquals(List.of(3, 1, 4, 2, 2), List.of(seed.seqLen(), seed.batch(), seed.inputSize(), seed.hidden(),
                seed.layers()));
    }

    @Test
    void gemmFlopsCountProjectionAndRecurrencePerLayerAndDirection() {
        // 2·L·N·(I+H)·4H for one LSTM layer: 2·100·32·(64+256)·1024
        assertEquals(2.0 * 100 * 32 * 320 * 1024, Workload.named("lstm_small").gemmFlops(Workload.Mode.FWD));
        assertEquals(3 * 2.0 * 100 * 32 * 320 * 1024, Workload.named("lstm_small").gemmFlops(Workload.Mode.FWD_BWD));
        // two directions; the second layer reads both directions' outputs (2H = 256 wide)
        double bi = 2 * (2.0 * 50 * 32 * (128 + 128) * 512) + 2 * (2.0 * 50 * 32 * (256 + 128) * 512);
        assertEquals(bi, Workload.named("bilstm2_medium").gemmFlops(Workload.Mode.FWD));
        assertEquals(2.0 * 3 * 1 * (4 + 2) * 2, Workload.named("rnncell_seed").gemmFlops(Workload.Mode.FWD));
    }

    @Test
    void selectTakesNamesShapesAndNetsAsAUnionInTableOrder() {
        assertEquals(List.of("lstm_seed", "rnn_small", "lstm_small", "gru_small"),
                Workload.select("small, lstm_seed").stream().map(Workload::name).toList());
        assertEquals(List.of("gru_seed", "gru_small", "gru_large", "gru_tiny", "gru_medium", "gru_char"),
                Workload.select("gru").stream().map(Workload::name).toList());
        assertEquals(Workload.ALL, Workload.select("all"));
        assertThrows(IllegalArgumentException.class, () -> Workload.select("lstm_huge"));
    }

    @Test
    void workloadsAndResultsCrossToPeersAsJsonLines() {
        Workload w = Workload.named("bilstm2_medium");
        assertEquals("{\"name\": \"bilstm2_medium\", \"net\": \"lstm\", \"seq\": 50, \"batch\": 32, \"input\": 128, "
                + "\"hidden\": 128, \"layers\": 2, \"bidirectional\": true}", w.toJson());
        assertEquals(w, Workload.fromJson(w.toJson()));
        Result missing = new Result("dl4j", "DL4J \"M2.1\"", 1, "gru_small", "fwd", null, "no GRU layer");
        assertEquals(missing, Result.fromJson(missing.toJson()));
        Result python = Result.fromJson("{\"peer\": \"python\", \"version\": \"PyTorch 2.13\", \"threads\": 2, "
                + "\"row\": \"lstm_small\", \"mode\": \"fwd+bwd\", \"ms\": 1.5e-1}");
        assertEquals(new Result("python", "PyTorch 2.13", 2, "lstm_small", "fwd+bwd", 0.15, null), python);
        assertThrows(IllegalArgumentException.class, () -> JsonLine.parse("{\"a\": [1, 2]}"));
    }
}
