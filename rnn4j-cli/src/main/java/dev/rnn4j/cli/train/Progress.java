package dev.rnn4j.cli.train;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Shows a run's progress: on a terminal one line redrawn in place (step, bar, loss, chars/s, ETA); otherwise a
 * plain line now and then (about twenty in a run, and at every evaluation), fit for logs.
 */
public final class Progress {
    private static final int BAR = 24;

    private final PrintStream out;
    private final boolean terminal;
    private final long total;
    private final long every;
    private boolean lineOpen;

    public Progress(PrintStream out, boolean terminal, long total) {
        this.out = out;
        this.terminal = terminal;
        this.total = total;
        this.every = Math.max(1, total / 20);
    }

    /** After a step: redraw, or print a line when one is due. */
    void step(long step, double loss, double charsPerSecond, double etaSeconds) {
        String text = String.format(Locale.ROOT, "step %d/%d %s loss %.4f  %s chars/s  ETA %s", step, total,
                bar(step), loss, compact(charsPerSecond), duration(etaSeconds));
        if (terminal) {
            out.print("\r" + text + "\033[K");
            out.flush();
            lineOpen = true;
        } else if (step % every == 0 || step == total) {
            out.println(text);
        }
    }

    /** A line that stays (an evaluation, a checkpoint, a message). */
    public void line(String text) {
        if (lineOpen) {
            out.print("\r\033[K");
            lineOpen = false;
        }
        out.println(text);
    }

    /** Ends the redrawn line so later output starts on its own line. */
    public void finish() {
        if (lineOpen) {
            out.println();
            lineOpen = false;
        }
    }

    private String bar(long step) {
        int filled = (int) (BAR * step / Math.max(1, total));
        return "[" + "#".repeat(filled) + ".".repeat(BAR - filled) + "]";
    }

    static String compact(double v) {
        return v >= 1e6 ? String.format(Locale.ROOT, "%.2fM", v / 1e6)
                : v >= 1e3 ? String.format(Locale.ROOT, "%.1fk", v / 1e3) : String.format(Locale.ROOT, "%.0f", v);
    }

    static String duration(double seconds) {
        if (!(seconds >= 0) || Double.isInfinite(seconds)) {
            return "?";
        }
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", s / 3600, s / 60 % 60)
                : s >= 60 ? String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60) : s + "s";
    }
}
