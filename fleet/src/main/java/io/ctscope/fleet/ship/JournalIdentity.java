package io.ctscope.fleet.ship;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;

/**
 * A journal's identity for shipping: a random id kept in {@code DIR/}{@value #FILE_NAME}, made on the first
 * ship. Two machines shipping under one box name have two journals, so two ids: the progress record shows
 * which journal a box's records come from, and a second journal is refused instead of mixed in.
 */
final class JournalIdentity {
    static final String FILE_NAME = "ship-identity";

    private JournalIdentity() {
    }

    static String of(Path queue) throws IOException {
        Path file = queue.resolve(FILE_NAME);
        if (Files.exists(file)) {
            String id = Files.readString(file, StandardCharsets.UTF_8).trim();
            if (!id.isEmpty()) {
                return id;
            }
        }
        String id = UUID.randomUUID().toString();
        Path tmp = queue.resolve(FILE_NAME + ".tmp" + ProcessHandle.current().pid());
        Files.writeString(tmp, id + "\n", StandardCharsets.UTF_8);
        try {
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException | FileAlreadyExistsException e) {
            Files.deleteIfExists(tmp);
        }
        return Files.readString(file, StandardCharsets.UTF_8).trim();
    }
}
