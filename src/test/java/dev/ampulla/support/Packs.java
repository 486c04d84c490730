package dev.ampulla.support;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ampulla.knowledge.pack.KnowledgePack;
import dev.ampulla.knowledge.pack.PackSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Copies of the shipped knowledge pack that a test edits. */
public final class Packs {

    private Packs() {}

    /** A fresh folder holding every file of the shipped pack, as {@code knowledge export} writes it. */
    public static Path exported() {
        try {
            Path dir = Files.createTempDirectory("ampulla-pack");
            for (String file : KnowledgePack.shipped().files()) {
                Path target = dir.resolve(file);
                Files.createDirectories(target.getParent());
                Files.write(target, PackSource.shipped().bytes(file));
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Replaces one text in a pack file; the text must be there, so an edit never silently misses. */
    public static void edit(Path pack, String file, String from, String to) {
        try {
            Path path = pack.resolve(file);
            String text = Files.readString(path);
            assertTrue(text.contains(from), file + " contains '" + from + "'");
            Files.writeString(path, text.replace(from, to));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
