package org.alliancebot.content;

import java.io.IOException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

/**
 * What a content folder holds, walked as the loader reads it: through symbolic links (a folder linked in is content
 * like any other), skipping a link that leads back into the folder instead of failing on it, and passing over a
 * file an editor's program deleted between listing the folder and looking at it (a swap or backup file).
 */
public final class ContentFolder {

    private ContentFolder() {
    }

    /** Every regular file under {@code dir}, in no particular order. */
    public static List<Path> files(Path dir) throws IOException {
        List<Path> files = new ArrayList<>();
        walk(dir, new Visitor() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                if (attributes.isRegularFile()) {
                    files.add(file);
                }
                return FileVisitResult.CONTINUE;
            }
        });
        return files;
    }

    /** {@code dir} and every folder under it. */
    public static List<Path> folders(Path dir) throws IOException {
        List<Path> folders = new ArrayList<>();
        walk(dir, new Visitor() {
            @Override
            public FileVisitResult preVisitDirectory(Path folder, BasicFileAttributes attributes) {
                folders.add(folder);
                return FileVisitResult.CONTINUE;
            }
        });
        return folders;
    }

    private static void walk(Path dir, Visitor visitor) throws IOException {
        Files.walkFileTree(dir, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE, visitor);
    }

    private abstract static class Visitor extends SimpleFileVisitor<Path> {
        @Override
        public FileVisitResult visitFileFailed(Path file, IOException failure) throws IOException {
            if (failure instanceof FileSystemLoopException || failure instanceof NoSuchFileException) {
                return FileVisitResult.CONTINUE;
            }
            throw failure;
        }
    }
}
