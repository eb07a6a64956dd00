package org.glassbox.core.ingest;

import java.io.IOException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.glassbox.core.dicom.DicomReadException;
import org.glassbox.core.dicom.DicomReader;
import org.glassbox.core.task.CancelToken;

/**
 * Expands import arguments into the files to import, each once, in a stable order.
 *
 * <ul>
 *   <li>A file named on the command line is always tried, whatever its name.</li>
 *   <li>A folder is walked recursively in name order, following symbolic links (loops are detected
 *       and not re-entered; a broken link is a problem); hidden entries and files whose extension
 *       says they are not DICOM (the generator's {@code truth.csv}, {@code .npy} masks, …) are
 *       skipped. A folder argument that yields nothing is listed in {@link Inputs#emptyFolders()}.</li>
 *   <li>A file named {@code DICOMDIR} (PS3.10 7.2) contributes the files it references, not itself;
 *       a referenced file that does not exist is a problem "referenced by DICOMDIR … but missing".</li>
 * </ul>
 * Problems (a missing path, an unreadable DICOMDIR) become {@link Problem}s; the walk carries on.
 */
public final class InputWalker {
    /** Extensions never taken for DICOM inside folders. */
    static final Set<String> NOT_DICOM = Set.of("csv", "tsv", "txt", "md", "json", "xml", "html", "htm", "npy", "npz", "png", "jpg",
            "jpeg", "gif", "bmp", "tif", "tiff", "pdf", "zip", "gz", "sh", "py", "log", "sqlite", "sqlite-wal", "sqlite-shm", "key");

    /** An input that could not be expanded. */
    public record Problem(Path file, String reason) {
    }

    /**
     * The files to import, problems met while listing them, and folder arguments in which the walk
     * found nothing to import (so the caller can say so rather than succeed silently); truncated when
     * a cancel stopped the walk before it listed everything.
     */
    public record Inputs(List<Path> files, List<Problem> problems, List<Path> emptyFolders, boolean truncated) {
        public Inputs {
            files = List.copyOf(files);
            problems = List.copyOf(problems);
            emptyFolders = List.copyOf(emptyFolders);
        }
    }

    private final DicomReader reader;

    public InputWalker(DicomReader reader) {
        this.reader = Objects.requireNonNull(reader, "reader");
    }

    public Inputs walk(List<Path> arguments) {
        return walk(arguments, new CancelToken());
    }

    /**
     * As {@link #walk(List)}, stopping early (between folders and files) once {@code cancel} is set:
     * a large tree or a slow share must not keep a cancelled import busy. The inputs found so far are
     * returned, marked {@link Inputs#truncated()}.
     */
    public Inputs walk(List<Path> arguments, CancelToken cancel) {
        Set<Path> files = new LinkedHashSet<>();
        List<Problem> problems = new ArrayList<>();
        List<Path> empty = new ArrayList<>();
        for (Path arg : arguments) {
            if (cancel.isCancelled()) {
                break;
            }
            if (Files.isDirectory(arg)) {
                int before = files.size() + problems.size();
                walkFolder(arg, files, problems, cancel);
                if (files.size() + problems.size() == before) {
                    empty.add(arg);
                }
            } else if (Files.isRegularFile(arg)) {
                addFile(arg, files, problems);
            } else {
                problems.add(new Problem(arg, Files.exists(arg) ? "not a regular file or folder" : "no such file or folder"));
            }
        }
        return new Inputs(new ArrayList<>(files), problems, empty, cancel.isCancelled());
    }

    private void walkFolder(Path folder, Set<Path> files, List<Problem> problems, CancelToken cancel) {
        List<Path> found = new ArrayList<>();
        try {
            // Symbolic links are followed (a folder of links into an archive is common); the walk
            // detects loops (FileSystemLoopException) and each file is listed once by its real path.
            Files.walkFileTree(folder, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    if (cancel.isCancelled()) {
                        return FileVisitResult.TERMINATE;
                    }
                    return !dir.equals(folder) && isHidden(dir) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (cancel.isCancelled()) {
                        return FileVisitResult.TERMINATE;
                    }
                    if (isHidden(file) || NOT_DICOM.contains(extension(file))) {
                        return FileVisitResult.CONTINUE;
                    }
                    if (attrs.isRegularFile()) {
                        found.add(file);
                    } else if (attrs.isSymbolicLink()) {
                        // With FOLLOW_LINKS a link is only reported as a link when its target is missing.
                        problems.add(new Problem(file, "broken symbolic link (its target does not exist)"));
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    if (e instanceof FileSystemLoopException) {
                        return FileVisitResult.CONTINUE; // a link back to an ancestor: its files are listed already
                    }
                    problems.add(new Problem(file, "cannot read: " + e.getMessage()));
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            problems.add(new Problem(folder, "cannot walk folder: " + e.getMessage()));
        }
        found.sort(null);
        for (Path f : found) {
            addFile(f, files, problems);
        }
    }

    private void addFile(Path file, Set<Path> files, List<Problem> problems) {
        if (file.getFileName().toString().equalsIgnoreCase("DICOMDIR")) {
            try {
                for (Path referenced : reader.listDicomDir(file)) {
                    if (Files.isRegularFile(referenced)) {
                        files.add(normal(referenced));
                    } else {
                        problems.add(new Problem(normal(referenced), "referenced by DICOMDIR " + file + " but missing"));
                    }
                }
            } catch (DicomReadException e) {
                problems.add(new Problem(file, e.reason()));
            }
        } else {
            files.add(normal(file));
        }
    }

    private static Path normal(Path p) {
        return p.toAbsolutePath().normalize();
    }

    private static boolean isHidden(Path p) {
        Path name = p.getFileName();
        return name != null && name.toString().startsWith(".");
    }

    static String extension(Path p) {
        String name = p.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}
