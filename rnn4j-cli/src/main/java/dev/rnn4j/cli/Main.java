package dev.rnn4j.cli;

import picocli.CommandLine;

import java.io.PrintStream;
import java.io.PrintWriter;

/**
 * The {@code rnn4j} command: {@code rnn4j COMMAND [OPTIONS]}. Exit status 0 when done, 1 on an
 * internal failure, 2 on a usage error; the commands themselves are listed in {@link RootCommand}.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs a command; returns the process exit status. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return execute(commandLine(out, err, "1".equals(System.getenv("RNN4J_DEBUG"))), args);
    }

    /** The whole command tree, writing to out and err; debug adds stack traces to internal failures. */
    static CommandLine commandLine(PrintStream out, PrintStream err, boolean debug) {
        PrintWriter errWriter = new PrintWriter(err, true);
        Failures failures = new Failures(errWriter, debug);
        return new CommandLine(new RootCommand(out))
                .setOut(new PrintWriter(out, true))
                .setErr(errWriter)
                .setOverwrittenOptionsAllowed(false)   // `--epochs 5 --epochs 50` is a mistake, not "last one wins"
                .setParameterExceptionHandler(failures)
                .setExecutionExceptionHandler(failures);
    }

    static int execute(CommandLine commandLine, String[] args) {
        try {
            return commandLine.execute(args);
        } finally {
            commandLine.getOut().flush();
            commandLine.getErr().flush();
        }
    }
}
