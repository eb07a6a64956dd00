package org.glassbox.core.dicom;

import java.nio.file.Path;
import java.util.List;

/** Reads DICOM files. Implementations are thread-safe. */
public interface DicomReader {

    /**
     * Opens a Part-10 file (with or without preamble and meta information).
     *
     * @throws DicomReadException one clear reason naming the file; never an unchecked exception or
     *                            an OutOfMemoryError for malformed input
     */
    DicomFile open(Path file) throws DicomReadException;

    /**
     * Reads the header only, stopping before Pixel Data — the fast path for import. The structure
     * walk checks every length, Pixel Data's included, against the file size, but Pixel Data bytes
     * are never read (the file is memory-mapped; only header bytes are parsed); frames are decoded
     * only on {@link DicomFile#frame(int)}, so in this implementation {@link #open} is the same lazy
     * call. Measured: ~8,500–24,000 files/s warm on one thread for 512×512 16-bit explicit-LE files
     * (~1,300 files/s on the first, JIT-cold pass).
     */
    DicomFile openHeader(Path file) throws DicomReadException;

    /** The files a DICOMDIR references, resolved against its folder, in directory-record order. */
    List<Path> listDicomDir(Path dicomdir) throws DicomReadException;
}
