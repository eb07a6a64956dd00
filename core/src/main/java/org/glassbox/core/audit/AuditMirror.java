package org.glassbox.core.audit;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * The append-only mirror {@code <workspace>/audit.log}: one canonical JSON line per entry
 * ({@link AuditCanonical#line}), each ending in a line feed and forced to disk before the catalog
 * commits the same entry. Only {@link AuditLog} writes it, and only by appending — except that an
 * incomplete last line (the process died mid-write) is moved aside into
 * {@code audit.log.torn-<epoch ms>} before the next append.
 */
public final class AuditMirror {
    /** A longer line is not an entry (entries are a few kilobytes; this bounds memory on a hostile file). */
    static final int MAX_LINE_BYTES = 64 << 20;

    private final Path file;

    public AuditMirror(Path file) {
        this.file = file;
    }

    public Path file() {
        return file;
    }

    /** Appends {@code line} and a line feed, then forces the file (and, when it was new, its folder) to disk. */
    void append(String line) throws IOException {
        boolean created = !Files.exists(file);
        byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            ByteBuffer buf = ByteBuffer.wrap(bytes);
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            ch.force(true);
        }
        if (created) {
            forceFolder(file.toAbsolutePath().getParent());
        }
    }

    /** The last line and whatever follows the last line feed. */
    record Tail(String lastLine, int tornBytes) {
    }

    /** Reads the end of the file: its last complete line (null if none) and the length of an incomplete tail. */
    Tail tail() throws IOException {
        if (!Files.exists(file)) {
            return new Tail(null, 0);
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            long lastNl = lastLineFeedBefore(ch, size);
            int torn = (int) Math.min(Integer.MAX_VALUE, size - (lastNl + 1));
            if (lastNl < 0) {
                return new Tail(null, torn);
            }
            long prevNl = lastLineFeedBefore(ch, lastNl);
            long start = prevNl + 1;
            long length = lastNl - start;
            if (length > MAX_LINE_BYTES) {
                return new Tail("", torn);
            }
            ByteBuffer buf = ByteBuffer.allocate((int) length);
            while (buf.hasRemaining() && ch.read(buf, start + buf.position()) > 0) {
                // read until full
            }
            return new Tail(new String(buf.array(), StandardCharsets.UTF_8), torn);
        }
    }

    /**
     * Moves an incomplete last line into a sibling {@code audit.log.torn-<epoch ms>} and truncates the
     * mirror after its last line feed.
     *
     * @return the file holding the moved bytes
     */
    Path setAsideTornTail(int tornBytes) throws IOException {
        Path aside = file.resolveSibling(file.getFileName() + ".torn-" + Instant.now().toEpochMilli());
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long keep = ch.size() - tornBytes;
            ByteBuffer buf = ByteBuffer.allocate(tornBytes);
            while (buf.hasRemaining() && ch.read(buf, keep + buf.position()) > 0) {
                // read until full
            }
            Files.write(aside, buf.array(), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            ch.truncate(keep);
            ch.force(true);
        }
        return aside;
    }

    private static long lastLineFeedBefore(FileChannel ch, long end) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(1 << 16);
        long pos = end;
        while (pos > 0) {
            int n = (int) Math.min(buf.capacity(), pos);
            buf.clear().limit(n);
            long from = pos - n;
            while (buf.hasRemaining() && ch.read(buf, from + buf.position()) > 0) {
                // read until full
            }
            for (int i = n - 1; i >= 0; i--) {
                if (buf.get(i) == '\n') {
                    return from + i;
                }
            }
            pos = from;
        }
        return -1;
    }

    private static void forceFolder(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Not every platform can open a folder for fsync (Windows); the file itself is forced.
        }
    }

    /** One line of the mirror: its 1-based number, its text, and whether it ended with a line feed. */
    record Line(long number, String text, boolean complete, boolean tooLong) {
    }

    /** Reads the mirror line by line (lines split at '\n' only), bounded per line. */
    static final class Reader implements Closeable {
        private final InputStream in;
        private long number;

        Reader(Path file) throws IOException {
            InputStream s;
            try {
                s = Files.newInputStream(file);
            } catch (NoSuchFileException e) {
                s = InputStream.nullInputStream();
            }
            this.in = new BufferedInputStream(s, 1 << 16);
        }

        /** The next line, or null at the end of the file. */
        Line next() throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream(512);
            boolean tooLong = false;
            int b;
            boolean any = false;
            while ((b = in.read()) >= 0) {
                any = true;
                if (b == '\n') {
                    return new Line(++number, tooLong ? "" : line.toString(StandardCharsets.UTF_8), true, tooLong);
                }
                if (line.size() < MAX_LINE_BYTES) {
                    line.write(b);
                } else {
                    tooLong = true;
                }
            }
            return any ? new Line(++number, tooLong ? "" : line.toString(StandardCharsets.UTF_8), false, tooLong) : null;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
