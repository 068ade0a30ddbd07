package dev.rnn4j.internal.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rnn4j.internal.kernel.gates.GateRows;
import dev.rnn4j.internal.kernel.gemm.ScalarGemm;
import dev.rnn4j.internal.vector.VectorKernels;

import java.lang.System.Logger.Level;
import org.junit.jupiter.api.Test;

/** The one choice of kernels: each case of Kernels.choose, and the choice this JVM made. */
class KernelsTest {
    private static final Kernels.Loader VECTOR = VectorKernels::new;

    @Test
    void vectorEverywhereOnANewJdkWithTheModule() {
        Kernels.Choice c = Kernels.choose(true, null, null, VECTOR);
        assertTrue(c.gemm().toString().startsWith("VectorGemm ("), c.gemm().toString());
        assertTrue(c.gateRows().toString().startsWith("VectorGateRows ("), c.gateRows().toString());
        assertNull(c.fallback());
    }

    @Test
    void withoutTheModuleWarnsAndNamesTheFlag() {
        Kernels.Choice c = Kernels.choose(false, null, null, () -> {
            throw new AssertionError("must not load the vector classes without the module");
        });
        assertPlain(c);
        assertEquals(Level.WARNING, c.level());
        assertTrue(c.fallback().contains("--add-modules jdk.incubator.vector"), c.fallback());
    }

    @Test
    void propertyTurnsVectorOff() {
        Kernels.Choice c = Kernels.choose(true, "false", null, VECTOR);
        assertPlain(c);
        assertTrue(c.fallback().contains("-Drnn4j.vector=false"), c.fallback());
    }

    @Test
    void aFailedLoadFallsBackAndSaysWhy() {
        Kernels.Choice c = Kernels.choose(true, null, null, () -> {
            throw new NoClassDefFoundError("jdk/incubator/vector/FloatVector");
        });
        assertPlain(c);
        assertEquals(Level.WARNING, c.level());
        assertTrue(c.fallback().contains("FloatVector"), c.fallback());
    }

    @Test
    void gatePropertyTurnsOnlyTheGatesOff() {
        Kernels.Choice off = Kernels.choose(true, null, "false", VECTOR);
        assertTrue(off.gemm().toString().startsWith("VectorGemm"), off.gemm().toString());
        assertSame(GateRows.PLAIN, off.gateRows());
        assertTrue(off.fallback().contains("-Drnn4j.vector.gates=false"), off.fallback());
    }

    /** Surefire runs with the module: this JVM's choice follows the properties it was given. */
    @Test
    void thisJvmChoseByTheSameRule() {
        assertTrue(ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent(), "tests must run with the module");
        Kernels.Choice expected = Kernels.choose(true, System.getProperty("rnn4j.vector"),
                System.getProperty("rnn4j.vector.gates"), VECTOR);
        assertEquals(expected.gemm().getClass(), Kernels.choice().gemm().getClass());
        assertEquals(expected.gateRows().getClass(), Kernels.choice().gateRows().getClass());
        assertTrue(Kernels.describe().contains(Kernels.choice().gemm().toString()), Kernels.describe());
    }

    private static void assertPlain(Kernels.Choice c) {
        assertTrue(c.gemm() instanceof ScalarGemm, c.gemm().toString());
        assertSame(GateRows.PLAIN, c.gateRows());
    }

    /** The vector kernels settle within their five-second cap, and then serve in place of the plain twins. */
    @Test
    void warmUpSettlesAndHandsOverToTheVectorKernels() throws InterruptedException {
        int rounds = new VectorKernels().warmUp();
        assertTrue(rounds >= 40, "settled after only " + rounds + " rounds");
        Kernels.gemm();   // loads the choice and, unless -Drnn4j.warmup=false, starts its warm-up
        Thread waiter = new Thread(() -> {
            try {
                Kernels.awaitWarmUp();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        waiter.start();
        waiter.join(20_000);
        assertTrue(!waiter.isAlive() && !Kernels.warmingUp(), "still warming up after 20 s");
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()
                && !"false".equalsIgnoreCase(System.getProperty("rnn4j.vector"))) {
            assertTrue(Kernels.gemm().toString().startsWith("VectorGemm"), Kernels.describe());
        }
    }

    /**
     * A module as large as the vector kernels' smallest product waits for them; a seed-sized one never, nor any
     * with the warm-up in the background or off.
     */
    @Test
    void onlyAModelTheVectorKernelsServeWaitsForTheirWarmUp() {
        assertFalse(Kernels.waitsFor(null, 4 * 2 * 4), "LSTM(4, 2), the seed's size");
        assertFalse(Kernels.waitsFor(null, Kernels.MODEL_WAIT_MIN_FMAS - 1));
        assertTrue(Kernels.waitsFor(null, Kernels.MODEL_WAIT_MIN_FMAS));
        assertTrue(Kernels.waitsFor("true", 4 * 256 * 256), "LSTM(64, 256)");
        assertFalse(Kernels.waitsFor("background", 4 * 256 * 256), "-Drnn4j.warmup=background");
        assertFalse(Kernels.waitsFor("false", 4 * 256 * 256), "-Drnn4j.warmup=false");
    }

}
