package dev.rnn4j.kernel;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class KernelsTest {
    /** Surefire runs with --add-modules jdk.incubator.vector, so the vector kernel must be chosen, unless forced off. */
    @Test
    void picksVectorWhenModulePresent() {
        assertTrue(ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent(), "tests must run with the module");
        if ("false".equals(System.getProperty("rnn4j.vector"))) {
            assertInstanceOf(ScalarGemm.class, Kernels.gemm());
            return;
        }
        assertInstanceOf(VectorGemm.class, Kernels.gemm());
        assertTrue(Kernels.describe().startsWith("VectorGemm ("), Kernels.describe());
        assertTrue(Kernels.describe().contains("lanes"), Kernels.describe());
    }
}
