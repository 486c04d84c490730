package dev.ampulla.knowledge.pack;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where a knowledge pack's files are read from: the pack shipped in the jar, or an edited copy in a folder. */
public sealed interface PackSource {

    /** Says where the pack comes from, for logs and errors. */
    String describe();

    /** The file's bytes, or a {@link PackException} naming it when it is missing. */
    byte[] bytes(String file);

    default String text(String file) {
        return new String(bytes(file), StandardCharsets.UTF_8);
    }

    static PackSource shipped() {
        return Shipped.INSTANCE;
    }

    static PackSource directory(Path folder) {
        return new Directory(folder);
    }

    /** The pack on the class path, under {@code /knowledge}. */
    enum Shipped implements PackSource {
        INSTANCE;

        @Override
        public String describe() {
            return "the shipped pack";
        }

        @Override
        public byte[] bytes(String file) {
            try (InputStream in = PackSource.class.getResourceAsStream("/knowledge/" + file)) {
                if (in == null) {
                    throw new PackException(file, 0, "missing from the shipped pack");
                }
                return in.readAllBytes();
            } catch (IOException e) {
                throw new PackException(file, 0, "cannot be read: " + e.getMessage());
            }
        }
    }

    /** A pack in a folder ({@code --knowledge-dir}); files are read by name, never outside the folder. */
    record Directory(Path folder) implements PackSource {

        @Override
        public String describe() {
            return "the pack in " + folder;
        }

        @Override
        public byte[] bytes(String file) {
            Path path = folder.resolve(file).normalize();
            if (!path.startsWith(folder.normalize())) {
                throw new PackException(file, 0, "names a file outside the pack folder");
            }
            try {
                return Files.readAllBytes(path);
            } catch (java.nio.file.NoSuchFileException e) {
                throw new PackException(path.toString(), 0, "missing");
            } catch (IOException e) {
                throw new PackException(path.toString(), 0, "cannot be read: " + e.getMessage());
            }
        }
    }
}
