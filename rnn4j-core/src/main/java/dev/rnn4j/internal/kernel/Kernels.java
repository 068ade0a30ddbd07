package dev.rnn4j.internal.kernel;

import dev.rnn4j.internal.kernel.gates.GateRows;
import dev.rnn4j.internal.kernel.gemm.Gemm;
import dev.rnn4j.internal.kernel.gemm.ScalarGemm;

import java.lang.System.Logger.Level;

/**
 * The one place that chooses, once per JVM, the implementation of every kernel family (GEMM, gates), in the
 * manner of Lucene's {@code VectorizationProvider}: the Vector API implementations in
 * {@code dev.rnn4j.internal.vector} when the incubator module is in the boot layer (run with
 * {@code --add-modules jdk.incubator.vector}), the plain-Java twins otherwise. Both give the same results. The
 * vector package is loaded by name, so the JVM never resolves a Vector API type when the module is absent, and it
 * is compiled apart from the rest of the library so that nothing else can name one.
 *
 * <p>Properties: {@code -Drnn4j.vector=false} forces plain Java everywhere; {@code -Drnn4j.vector.gates=true|false}
 * overrides the gate choice. Why a family fell back is logged once, on the {@code dev.rnn4j} logger.
 *
 * <p>The vector kernels are warmed up on a daemon thread from the start, and until they are compiled the plain twins
 * serve every call: the same bits, many times faster than the Vector API before C2 has compiled it. That thread
 * runs until every kernel runs compiled (1.3-2.6 s on a 2-core host, five at most). A recurrent module large enough
 * for the vector kernels waits for it when it is built ({@link #awaitForModel}), so that its first call runs at
 * speed rather than on the plain twins beside the compiler threads, and then warms its own module code; {@code
 * -Drnn4j.warmup=background} lets modules start on the plain twins instead, {@code -Drnn4j.warmup=false} skips both
 * warm-ups.
 */
public final class Kernels {
    private static final String VECTOR_KERNELS = "dev.rnn4j.internal.vector.VectorKernels";

    /** What the vector package offers: one implementation per family. Only VectorKernels implements it. */
    public interface VectorFamilies {
        Gemm gemm();

        GateRows gateRows();

        /** Runs the vector kernels until their compiled code settles; returns the rounds it took. */
        int warmUp();
    }

    /**
     * The choice for one JVM: which implementation each family uses, and why a family runs plain Java, or null;
     * vector is what to warm up, or null.
     */
    record Choice(Gemm gemm, GateRows gateRows, String fallback, Level level, VectorFamilies vector) {
    }

    private static final Choice CHOICE = choose(ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent(),
            System.getProperty("rnn4j.vector"), System.getProperty("rnn4j.vector.gates"), Kernels::loadVector);
    private static final Gemm PLAIN_GEMM = new ScalarGemm();
    /** True while the vector kernels warm up; until then their plain twins (same bits) serve every call. */
    private static volatile boolean warming;
    private static Thread warmUpThread;
    private static final String WARM_UP_PROPERTY = System.getProperty("rnn4j.warmup");
    /**
     * A module whose product for one row has at least this many multiply-adds waits for the warm-up: its products
     * reach the vector kernels at any batch, where a smaller one's stay on the plain twins at small batches.
     */
    static final long MODEL_WAIT_MIN_FMAS = 1L << 12;

    static {
        if (CHOICE.fallback() != null) {
            System.getLogger("dev.rnn4j").log(CHOICE.level(), CHOICE.fallback());
        }
        if (CHOICE.vector() != null && !"false".equalsIgnoreCase(WARM_UP_PROPERTY)) {
            warming = true;
            warmUpThread = new Thread(Kernels::warmUp, "rnn4j-warm-up");
            warmUpThread.setDaemon(true);
            warmUpThread.start();
        }
    }

    private Kernels() {
    }

    public static Gemm gemm() {
        return warming ? PLAIN_GEMM : CHOICE.gemm();
    }

    public static GateRows gateRows() {
        return warming ? GateRows.PLAIN : CHOICE.gateRows();
    }

    /** The choice this JVM made, warm or not. */
    static Choice choice() {
        return CHOICE;
    }

    /** Whether the plain twins still serve while the vector kernels warm up. */
    public static boolean warmingUp() {
        return warming;
    }

    /**
     * Waits until the vector kernels serve. A caller that keeps the {@link #gemm()} it gets (a benchmark's
     * fixture) calls this first, or it keeps the plain twin for good.
     */
    public static void awaitWarmUp() throws InterruptedException {
        if (warmUpThread != null) {
            warmUpThread.join();
        }
    }

    /**
     * Called as a recurrent module is built, with the multiply-adds of its largest product for one row (gates x
     * hidden x the larger of input and hidden): waits for the warm-up when that reaches the vector kernels. The first
     * call then runs compiled code; building the first such module of a JVM takes the warm-up's time instead, as
     * loading a model takes its time. An interrupt ends the wait early, and stays set.
     *
     * @return whether the module is one that warms up: the caller then warms its own module code too
     */
    public static boolean awaitForModel(long rowFmas) {
        if (!waitsFor(WARM_UP_PROPERTY, rowFmas) || Thread.currentThread() == warmUpThread) {
            return false;
        }
        try {
            awaitWarmUp();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return true;
    }

    /** Whether a module of {@code rowFmas} waits, under the given {@code rnn4j.warmup} property. */
    static boolean waitsFor(String warmUpProperty, long rowFmas) {
        return !"background".equalsIgnoreCase(warmUpProperty) && !"false".equalsIgnoreCase(warmUpProperty)
                && rowFmas >= MODEL_WAIT_MIN_FMAS;
    }

    private static void warmUp() {
        long t0 = System.nanoTime();
        try {
            int rounds = CHOICE.vector().warmUp();
            System.getLogger("dev.rnn4j").log(Level.DEBUG, () -> String.format("rnn4j: vector kernels warm after %d "
                    + "rounds, %.2f s", rounds, (System.nanoTime() - t0) / 1e9));
        } catch (RuntimeException | LinkageError e) {
            System.getLogger("dev.rnn4j").log(Level.WARNING, "rnn4j: warming up the vector kernels failed: " + e);
        } finally {
            warming = false;
        }
    }

    /**
     * Which implementations run, e.g. "gemm: VectorGemm (16 float lanes, …); gates: VectorGateRows …", and whether
     * the plain twins still serve while those warm up.
     */
    public static String describe() {
        return "gemm: " + CHOICE.gemm() + "; gates: " + CHOICE.gateRows() + (warming ? " (warming up)" : "");
    }

    /** Loads the vector families, or says why they could not be loaded. */
    interface Loader {
        VectorFamilies load() throws ReflectiveOperationException;
    }

    private static VectorFamilies loadVector() throws ReflectiveOperationException {
        return (VectorFamilies) Class.forName(VECTOR_KERNELS).getDeclaredConstructor().newInstance();
    }

    /** The decision, from what the JVM offers and the properties; a pure function so that tests can try each case. */
    static Choice choose(boolean modulePresent, String vectorProperty, String gatesProperty, Loader loader) {
        Gemm plainGemm = new ScalarGemm();
        if ("false".equalsIgnoreCase(vectorProperty)) {
            return new Choice(plainGemm, GateRows.PLAIN, "rnn4j: plain-Java kernels (-Drnn4j.vector=false)",
                    Level.INFO, null);
        }
        if (!modulePresent) {
            return new Choice(plainGemm, GateRows.PLAIN, "rnn4j: the Vector API is not available, so the kernels run "
                    + "in plain Java, many times slower: run java with --add-modules jdk.incubator.vector",
                    Level.WARNING, null);
        }
        VectorFamilies vector;
        try {
            vector = loader.load();
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            return new Choice(plainGemm, GateRows.PLAIN, "rnn4j: the Vector API kernels failed to load (" + e
                    + "); running the plain-Java kernels", Level.WARNING, null);
        }
        if ("false".equalsIgnoreCase(gatesProperty)) {
            return new Choice(vector.gemm(), GateRows.PLAIN, "rnn4j: plain-Java gate loops (-Drnn4j.vector.gates=false)",
                    Level.INFO, vector);
        }
        return new Choice(vector.gemm(), vector.gateRows(), null, Level.DEBUG, vector);
    }
}
