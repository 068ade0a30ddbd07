package dev.rnn4j.cli;

import dev.rnn4j.kernel.Kernels;
import picocli.CommandLine.IVersionProvider;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** {@code rnn4j --version}: the build, and the JVM and kernels it runs on, which decide its speed. */
final class Version implements IVersionProvider {

    @Override
    public String[] getVersion() throws IOException {
        Properties build = new Properties();
        try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
            build.load(in);
        }
        return new String[]{
                "rnn4j " + build.getProperty("version"),
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")",
                "kernels: " + Kernels.describe(),
        };
    }
}
