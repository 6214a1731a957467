package dev.cadence.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** {@code cadence --version}: the version baked in at build time; touches nothing else. */
final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() throws IOException {
        Properties p = new Properties();
        try (InputStream in = VersionProvider.class.getResourceAsStream("/cadence-version.properties")) {
            if (in != null) p.load(in);
        }
        return new String[] {"cadence " + p.getProperty("version", "unknown")
                + " (Java " + System.getProperty("java.version") + ", ledger schema " + p.getProperty("schema", "?") + ")"};
    }
}
