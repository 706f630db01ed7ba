package io.ctscope.cli;

import picocli.CommandLine.IVersionProvider;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * {@code --version}: the project version and the git commit the jar was built from, both recorded at
 * build time in {@code version.properties} (Maven resource filtering; the commit from {@code git
 * describe --always --dirty}, "unknown" when the build had no git checkout).
 */
final class VersionProvider implements IVersionProvider {
    static final String RESOURCE = "version.properties";

    @Override
    public String[] getVersion() {
        Properties p = new Properties();
        try (InputStream in = VersionProvider.class.getResourceAsStream(RESOURCE)) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // an unreadable resource leaves both unknown
        }
        return new String[] {
            "ctscope " + known(p.getProperty("version")) + " (commit " + known(p.getProperty("commit")) + ")",
        };
    }

    /** A value filtering did not fill stays "${...}"; say unknown instead. */
    private static String known(String v) {
        return v == null || v.isBlank() || v.startsWith("${") ? "unknown" : v.trim();
    }
}
