package io.ctscope.cli;

/** {@code HOST:PORT}, {@code :PORT} or {@code PORT} for --metrics; the host defaults to 127.0.0.1 (never all interfaces unless told). */
final class HostPort {
    static final String DEFAULT_HOST = "127.0.0.1";

    final String host;
    final int port;

    private HostPort(String host, int port) {
        this.host = host;
        this.port = port;
    }

    static HostPort parse(String text) {
        int colon = text.lastIndexOf(':');
        String host = colon < 0 ? "" : text.substring(0, colon);
        String port = colon < 0 ? text : text.substring(colon + 1);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int p;
        try {
            p = Integer.parseInt(port);
        } catch (NumberFormatException e) {
            p = -1;
        }
        if (p < 0 || p > 65535) {
            throw new IllegalArgumentException("--metrics wants HOST:PORT (port 0-65535), not " + text);
        }
        return new HostPort(host.isEmpty() ? DEFAULT_HOST : host, p);
    }
}
