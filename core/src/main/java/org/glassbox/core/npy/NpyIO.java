package org.glassbox.core.npy;

import org.glassbox.core.io.AtomicFiles;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;

/**
 * Reads and writes NumPy {@code .npy} files (see {@link NpyFormat}). Writing produces format
 * version 1.0, C order, little-endian, and replaces the target atomically (temp file in the same
 * folder + rename), so a reader never sees half a file. Reading accepts versions 1.0, 2.0 and 3.0
 * with the dtypes of {@link NpyDtype} in C order; everything else is refused with one message
 * naming the file and the reason. Allocation is capped by the file's length, so a lying header
 * cannot exhaust memory.
 */
public final class NpyIO {
    private NpyIO() {
    }

    /** Writes {@code array} to {@code target} atomically, with normal file permissions. */
    public static void write(NpyArray array, Path target) throws IOException {
        AtomicFiles.write(target, tmp -> {
            try (OutputStream out = Files.newOutputStream(tmp)) {
                writeTo(array, out);
            }
        });
    }

    /** Writes the version-1.0 header and the data to a stream (not closed). */
    public static void writeTo(NpyArray array, OutputStream out) throws IOException {
        out.write(NpyFormat.headerV1(array.dtype(), array.shape()));
        out.write(array.rawBytes());
    }

    /** The complete file content for {@code array}. */
    public static byte[] toBytes(NpyArray array) {
        byte[] header = NpyFormat.headerV1(array.dtype(), array.shape());
        byte[] out = Arrays.copyOf(header, header.length + array.byteLength());
        System.arraycopy(array.rawBytes(), 0, out, header.length, array.byteLength());
        return out;
    }

    /**
     * Reads a {@code .npy} file.
     *
     * @throws IOException when the file cannot be read or is not a supported {@code .npy}; the
     *                     message names the file and the reason
     */
    public static NpyArray read(Path file) throws IOException {
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new IOException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
        if (size > NpyArray.MAX_BYTES + NpyFormat.MAX_HEADER) {
            throw new IOException(file + ": file too large (" + size + " bytes)");
        }
        try (InputStream in = Files.newInputStream(file)) {
            return parse(in.readNBytes((int) size));
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": not a supported .npy file: " + e.getMessage(), e);
        }
    }

    /**
     * Parses the complete content of a {@code .npy} file.
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    public static NpyArray parse(byte[] content) {
        if (content.length < 10 || !Arrays.equals(Arrays.copyOf(content, 6), NpyFormat.MAGIC)) {
            throw new IllegalArgumentException("missing the \\x93NUMPY magic string");
        }
        int major = content[6] & 0xFF;
        int minor = content[7] & 0xFF;
        ByteBuffer b = ByteBuffer.wrap(content).order(ByteOrder.LITTLE_ENDIAN);
        long headerLength;
        int headerStart;
        switch (major) {
            case 1 -> {
                headerLength = b.getShort(8) & 0xFFFF;
                headerStart = 10;
            }
            case 2, 3 -> {
                if (content.length < 12) {
                    throw new IllegalArgumentException("truncated header");
                }
                headerLength = b.getInt(8) & 0xFFFFFFFFL;
                headerStart = 12;
            }
            default -> throw new IllegalArgumentException("unsupported format version " + major + "." + minor);
        }
        if (headerLength > NpyFormat.MAX_HEADER || headerStart + headerLength > content.length) {
            throw new IllegalArgumentException("header length " + headerLength + " exceeds the file (" + content.length + " bytes)");
        }
        int dataStart = (int) (headerStart + headerLength);
        String text = new String(content, headerStart, (int) headerLength,
                major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        NpyFormat.Header header = NpyFormat.parseHeader(text);
        if (header.fortranOrder() && header.shape().length > 1) {
            throw new IllegalArgumentException("Fortran-order arrays are not supported");
        }
        long expected = NpyArray.elementCount(header.shape()) * header.dtype().itemSize();
        long available = content.length - dataStart;
        if (available != expected) {
            throw new IllegalArgumentException("shape " + Arrays.toString(header.shape()) + " of " + header.dtype().descr()
                    + " needs " + expected + " data bytes, file has " + available);
        }
        return NpyArray.ofBytes(header.dtype(), Arrays.copyOfRange(content, dataStart, content.length), header.shape());
    }
}
