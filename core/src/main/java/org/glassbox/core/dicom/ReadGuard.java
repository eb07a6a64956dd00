package org.glassbox.core.dicom;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Defence in depth at the package's public entry points: a {@link StackOverflowError} or an
 * {@link OutOfMemoryError} raised while reading one file (a structure or an allocation our checks
 * did not foresee, or PixelMed's own recursion) becomes a {@link DicomReadException} for that file,
 * so a batch carries on with the next one. Both errors unwind the stack of the failed read, which
 * frees what it allocated; they are caught only here, around work on one named file, never
 * elsewhere.
 */
final class ReadGuard {
    private ReadGuard() {
    }

    /** Work on one file that can only fail with a {@link DicomReadException}. */
    @FunctionalInterface
    interface Read<T> {
        T run() throws DicomReadException;
    }

    /** Work on one file that can also fail with an {@link IOException} (writing its output). */
    @FunctionalInterface
    interface ReadWrite {
        void run() throws DicomReadException, IOException;
    }

    static <T> T read(Path file, Read<T> work) throws DicomReadException {
        try {
            return work.run();
        } catch (StackOverflowError e) {
            throw tooDeep(file, e);
        } catch (OutOfMemoryError e) {
            throw outOfMemory(file, e);
        }
    }

    static void readWrite(Path file, ReadWrite work) throws DicomReadException, IOException {
        try {
            work.run();
        } catch (StackOverflowError e) {
            throw tooDeep(file, e);
        } catch (OutOfMemoryError e) {
            throw outOfMemory(file, e);
        }
    }

    private static DicomReadException tooDeep(Path file, StackOverflowError e) {
        return new DicomReadException(file, "structure nested too deeply to read (stack overflow)", e);
    }

    private static DicomReadException outOfMemory(Path file, OutOfMemoryError e) {
        String detail = e.getMessage() == null ? "" : " (" + e.getMessage() + ")";
        return new DicomReadException(file, "not enough memory to read this file" + detail, e);
    }
}
