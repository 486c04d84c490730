package dev.ampulla.feedback;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Creates the files and directories Ampulla keeps data in so that only the user it runs as can read them (0700,
 * 0600), on file systems with POSIX permissions; what already exists is left as its owner set it.
 */
final class OwnerOnlyFiles {
    private OwnerOnlyFiles() {}

    static void createDirectories(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        Path parent = dir.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try {
            Files.createDirectory(dir, attributes("rwx------"));
        } catch (FileAlreadyExistsException e) {
            // created meanwhile, or a file: the next step reports what is wrong
        }
    }

    static void createFileIfMissing(Path file) throws IOException {
        try {
            Files.createFile(file, attributes("rw-------"));
        } catch (FileAlreadyExistsException e) {
            // an existing database keeps its permissions
        }
    }

    private static FileAttribute<?>[] attributes(String permissions) throws IOException {
        return Files.getFileStore(Path.of(".").toAbsolutePath()).supportsFileAttributeView("posix")
                ? new FileAttribute<?>[] {
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(permissions))
                }
                : new FileAttribute<?>[0];
    }
}
