package io.ctscope.cli;

import io.ctscope.ingest.io.Printable;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/** One line saying what went wrong and where, from an I/O failure (never a stack trace). */
final class IoMessages {
    private IoMessages() {
    }

    static String of(Throwable e) {
        if (e instanceof java.io.UncheckedIOException u) {
            return of(u.getCause());
        }
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof io.ctscope.ingest.journal.JournalWriteException) {
                return Printable.of(c.getMessage());
            }
        }
        if (e instanceof InvalidPathException p) {
            return Printable.of(p.getInput()) + ": the name cannot be used in this locale's character set"
                + " (LANG/LC_ALL is " + locale() + "; use a UTF-8 locale such as C.UTF-8)";
        }
        if (e instanceof FileSystemException f && f.getFile() != null && !(e.getMessage().contains(": "))) {
            String where = Printable.of(f.getFile()) + (f.getOtherFile() == null ? "" : " -> " + Printable.of(f.getOtherFile()));
            return where + ": " + reason(f);
        }
        String m = e.getMessage();
        return Printable.of(m == null ? e.getClass().getSimpleName() : m.lines().findFirst().orElse(""));
    }

    /** The reason of a file-system failure, in the words of strerror(3) where Java knows it. */
    static String reason(FileSystemException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof NotDirectoryException) {
            return "not a directory";
        }
        String r = e.getReason();
        return r == null ? e.getClass().getSimpleName() : Printable.of(r.toLowerCase(java.util.Locale.ROOT));
    }

    static boolean isIo(Throwable e) {
        return e instanceof IOException || e instanceof InvalidPathException || e instanceof java.io.UncheckedIOException;
    }

    private static String locale() {
        String all = System.getenv("LC_ALL");
        if (all != null && !all.isEmpty()) {
            return all;
        }
        String lang = System.getenv("LANG");
        return lang == null || lang.isEmpty() ? "unset" : lang;
    }
}
