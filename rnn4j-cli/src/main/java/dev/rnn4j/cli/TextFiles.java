package dev.rnn4j.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The texts commands read: a user's file, strictly UTF-8 and not empty, or the corpus packed into the jar. */
final class TextFiles {
    /** The library's own Java sources, packed at build time (see rnn4j-cli/pom.xml). */
    static final String BUILT_IN = "/dev/rnn4j/cli/corpus/rnn4j-java.txt";

    private TextFiles() {
    }

    /** The file's text; a file that is empty or not UTF-8 is a usage error naming the file. */
    static String read(CommandSpec spec, String option, Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new ParameterException(spec.commandLine(), option + " " + file + ": cannot be read (" + e + ")");
        }
        return decode(spec, option + " " + file, bytes);
    }

    /** The built-in corpus. */
    static String builtIn() {
        try (InputStream in = TextFiles.class.getResourceAsStream(BUILT_IN)) {
            if (in == null) {
                throw new IllegalStateException("the built-in corpus is missing from the jar (" + BUILT_IN + ")");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String decode(CommandSpec spec, String what, byte[] bytes) {
        if (bytes.length == 0) {
            throw new ParameterException(spec.commandLine(), what + " is empty");
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new ParameterException(spec.commandLine(), what + " is not UTF-8 text");
        }
    }
}
