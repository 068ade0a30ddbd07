package dev.rnn4j.kernel;

/**
 * Picks the GEMM once at start-up, as Lucene does: the Vector API implementation when the incubator module is in the
 * boot layer (run with {@code --add-modules jdk.incubator.vector}), plain Java otherwise. VectorGemm is loaded by name
 * so that the JVM never resolves its Vector API references when the module is absent.
 * Set {@code -Drnn4j.vector=false} to force the plain kernel.
 */
public final class Kernels {
    private static final String VECTOR_IMPL = "dev.rnn4j.kernel.VectorGemm";
    private static final Gemm GEMM = choose();

    private Kernels() {}

    public static Gemm gemm() {
        return GEMM;
    }

    /** Which implementation runs, e.g. "VectorGemm (16 float lanes)" — for logs and benchmark reports. */
    public static String describe() {
        return GEMM.toString();
    }

    private static Gemm choose() {
        if ("false".equalsIgnoreCase(System.getProperty("rnn4j.vector"))) {
            return new ScalarGemm();
        }
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            return new ScalarGemm();
        }
        try {
            return (Gemm) Class.forName(VECTOR_IMPL).getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError e) {
            return new ScalarGemm(); // e.g. a JVM whose Vector API lacks something we use: stay correct, just slower
        }
    }
}
