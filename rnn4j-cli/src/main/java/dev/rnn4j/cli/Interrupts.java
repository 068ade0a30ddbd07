package dev.rnn4j.cli;

import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Ctrl-C handled by the program instead of ending the JVM, for as long as the returned scope is open, so a
 * training run can finish its step and checkpoint. (sun.misc.Signal is the JDK's supported way to do this, in the
 * jdk.unsupported module.)
 */
final class Interrupts {
    private Interrupts() {
    }

    interface Scope extends AutoCloseable {
        @Override
        void close();
    }

    static Scope onCtrlC(Runnable action) {
        Signal interrupt = new Signal("INT");
        SignalHandler previous = Signal.handle(interrupt, s -> action.run());
        return () -> Signal.handle(interrupt, previous);
    }
}
