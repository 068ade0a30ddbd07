package dev.rnn4j.cli;

import picocli.CommandLine.IVersionProvider;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * {@code rnn4j --version}: the build, and the JVM it runs on and whether the Vector API is loaded, which
 * decide its speed. Asks the JVM, not the core's kernel internals, so a refactored core does not break it.
 */
final class Version implements IVersionProvider {

    @Override
    public String[] getVersion() throws IOException {
        Properties build = new Properties();
        try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
            build.load(in);
        }
        boolean vector = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
        return new String[]{
                "rnn4j " + build.getProperty("version"),
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")",
                "Vector API: " + (vector ? "loaded" : "not loaded, plain-Java kernels (run with --add-modules jdk.incubator.vector)"),
        };
    }
}
