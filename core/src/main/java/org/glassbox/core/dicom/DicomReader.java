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
     * Reads the header only, stopping before Pixel Data — the fast path for import.
     */
    DicomFile openHeader(Path file) throws DicomReadException;

    /** The files a DICOMDIR references, resolved against its folder, in directory-record order. */
    List<Path> listDicomDir(Path dicomdir) throws DicomReadException;
}
