package org.glassbox.core.dicom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** A StackOverflowError or OutOfMemoryError while reading one file becomes that file's DicomReadException. */
class ReadGuardTest {
    private static final Path FILE = Path.of("some/file.dcm");

    private static int recurse(int n) {
        return recurse(n + 1) + 1;
    }

    @Test
    void stackOverflowBecomesAReadException() {
        Throwable t = catchThrowable(() -> ReadGuard.read(FILE, () -> recurse(0)));
        assertThat(t).isInstanceOf(DicomReadException.class).hasMessageStartingWith(FILE + ": ").hasMessageContaining("stack overflow");
        assertThat(((DicomReadException) t).file()).isEqualTo(FILE);
    }

    @Test
    void outOfMemoryBecomesAReadException() {
        Throwable t = catchThrowable(() -> ReadGuard.readWrite(FILE, () -> {
            throw new OutOfMemoryError("Java heap space");
        }));
        assertThat(t).isInstanceOf(DicomReadException.class).hasMessage(FILE + ": not enough memory to read this file (Java heap space)");
    }

    @Test
    void otherFailuresPassThroughUnchanged() {
        IOException io = new IOException("disk full");
        assertThat(catchThrowable(() -> ReadGuard.readWrite(FILE, () -> {
            throw io;
        }))).isSameAs(io);
        IllegalStateException bug = new IllegalStateException("bug");
        assertThat(catchThrowable(() -> ReadGuard.read(FILE, () -> {
            throw bug;
        }))).isSameAs(bug);
    }
}
