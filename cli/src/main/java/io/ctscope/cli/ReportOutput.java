package io.ctscope.cli;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;

/**
 * Standard output that remembers why a write failed ({@link PrintWriter} only says that one did), so
 * a report that cannot be written ({@code > /dev/full}) is an error, while a reader that went away
 * ({@code | head}) is not.
 */
final class ReportOutput extends PrintWriter {
    private final Recording recording;

    private ReportOutput(Recording recording) {
        super(recording, true);
        this.recording = recording;
    }

    static ReportOutput of(OutputStream out) {
        return new ReportOutput(new Recording(out));
    }

    /** The first write error, or null. */
    IOException failure() {
        return recording.failure;
    }

    /**
     * Checks that everything printed to {@code out} was written: null when it was, or when the reader
     * closed the pipe (nothing to tell anyone); else the one-line reason it was not.
     */
    static String writeFailure(PrintWriter out) {
        if (!out.checkError()) {
            return null;
        }
        IOException cause = out instanceof ReportOutput ? ((ReportOutput) out).failure() : null;
        if (cause != null && isClosedPipe(cause)) {
            return null;
        }
        return cause != null && cause.getMessage() != null ? cause.getMessage() : "write error";
    }

    private static boolean isClosedPipe(IOException e) {
        String m = e.getMessage();
        return m != null && (m.contains("Broken pipe") || m.contains("Connection reset"));
    }

    private static final class Recording extends FilterOutputStream {
        private volatile IOException failure;

        Recording(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            try {
                out.write(b);
            } catch (IOException e) {
                throw remember(e);
            }
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            try {
                out.write(b, off, len);
            } catch (IOException e) {
                throw remember(e);
            }
        }

        @Override
        public void flush() throws IOException {
            try {
                out.flush();
            } catch (IOException e) {
                throw remember(e);
            }
        }

        private IOException remember(IOException e) {
            if (failure == null) {
                failure = e;
            }
            return e;
        }
    }
}
