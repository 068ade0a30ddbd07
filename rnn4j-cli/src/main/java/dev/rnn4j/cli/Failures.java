package dev.rnn4j.cli;

import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

import java.io.PrintWriter;
import java.util.List;

/**
 * How a command fails. A usage error is one line naming the command and the problem, then a hint,
 * exit 2; an internal failure is one line, exit 1, with the stack trace only when debugging
 * (RNN4J_DEBUG=1). A user should never have to read a stack trace to learn they mistyped.
 */
final class Failures implements IParameterExceptionHandler, IExecutionExceptionHandler {

    private final PrintWriter err;
    private final boolean debug;

    Failures(PrintWriter err, boolean debug) {
        this.err = err;
        this.debug = debug;
    }

    @Override
    public int handleParseException(ParameterException e, String[] args) {
        CommandSpec spec = e.getCommandLine().getCommandSpec();
        err.println(spec.qualifiedName() + ": " + oneLine(describe(e)));
        err.println("Try '" + spec.qualifiedName() + " --help'");
        return spec.exitCodeOnInvalidInput();
    }

    @Override
    public int handleExecutionException(Exception e, CommandLine command, ParseResult parsed) {
        String message = e.getMessage() != null ? e.getMessage() : e.toString();
        err.println(command.getCommandSpec().qualifiedName() + ": error: " + oneLine(message));
        if (debug) {
            e.printStackTrace(err);
        }
        return command.getCommandSpec().exitCodeOnExecutionException();
    }

    /** picocli's message in a Unix tool's words; a stray word is named as an unknown command, option or argument. */
    static String describe(ParameterException e) {
        if (e instanceof UnmatchedArgumentException u && !u.getUnmatched().isEmpty()) {
            String word = u.getUnmatched().get(0);
            String kind = word.startsWith("-") ? "unknown option"
                    : u.getCommandLine().getSubcommands().isEmpty() ? "unexpected argument" : "unknown command";
            return kind + " '" + word + "'" + didYouMean(u.getSuggestions());
        }
        return lowerFirst(e.getMessage().strip().replaceFirst("\\.$", ""));
    }

    /** "Unknown subcommand" reads as "unknown subcommand" after the colon; "GRU ..." stays as it is. */
    private static String lowerFirst(String message) {
        boolean capitalized = message.length() > 1
                && Character.isUpperCase(message.charAt(0)) && Character.isLowerCase(message.charAt(1));
        return capitalized ? Character.toLowerCase(message.charAt(0)) + message.substring(1) : message;
    }

    private static String didYouMean(List<String> suggestions) {
        return suggestions.isEmpty() ? "" : " (did you mean " + String.join(" or ", suggestions) + "?)";
    }

    /** Exactly one line, whatever the message holds. */
    private static String oneLine(String message) {
        return message.strip().replaceAll("\\s*\\R\\s*", " ");
    }
}
