package io.ctscope.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Checks a {@code --queue} directory before a journal is opened in it, so a mistake is one clear line. */
final class JournalDirectory {
    private JournalDirectory() {
    }

    /** Creates the directory when missing; fails with a one-line reason when it cannot hold a journal. */
    static void prepare(Path queue) throws IOException {
        if (Files.exists(queue) && !Files.isDirectory(queue)) {
            throw new IOException(queue + ": not a directory (--queue names the journal's directory)");
        }
        try {
            Files.createDirectories(queue);
        } catch (AccessDeniedException e) {
            throw new IOException("cannot create the journal directory " + queue + ": permission denied on "
                + e.getFile(), e);
        } catch (FileSystemException e) {
            throw new IOException("cannot create the journal directory " + queue + ": " + IoMessages.reason(e), e);
        }
    }
}
