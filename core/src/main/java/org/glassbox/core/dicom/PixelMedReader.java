package org.glassbox.core.dicom;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.DicomInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link DicomReader} on PixelMed. {@link Part10Scanner} checks the structure first; PixelMed then
 * parses only the checked header bytes (never the Pixel Data), so it cannot hit a truncation or a
 * huge length. Stateless and thread-safe.
 */
final class PixelMedReader implements DicomReader {
    private static final int DirectoryRecordSequence = 0x00041220;
    private static final int ReferencedFileID = 0x00041500;

    private final Part10Scanner scanner;
    private final GdcmWorker gdcm;
    private final MemoryBudget budget;

    PixelMedReader(Part10Scanner scanner, GdcmWorker gdcm, MemoryBudget budget) {
        this.scanner = scanner;
        this.gdcm = gdcm;
        this.budget = budget;
    }

    @Override
    public DicomFile open(Path file) throws DicomReadException {
        return openHeader(file);
    }

    @Override
    public DicomFile openHeader(Path file) throws DicomReadException {
        return ReadGuard.read(file, () -> scanAndParse(file));
    }

    private DicomFile scanAndParse(Path file) throws DicomReadException {
        if (!Files.isRegularFile(file)) {
            throw new DicomReadException(file, Files.exists(file) ? "not a regular file" : "no such file");
        }
        Part10Scanner.Layout layout = scanner.scan(file);
        DicomDataset meta = DicomDataset.empty();
        try {
            if (layout.metaLength() > 0) {
                meta = parse(layout.source(), layout.metaEnd() - layout.metaLength(), layout.metaEnd(), TransferSyntaxes.EXPLICIT_LE);
            }
            long end = layout.pixelData() != null ? layout.pixelData().elementOffset() : layout.data().limit();
            String ts = layout.syntax().deflated() ? TransferSyntaxes.EXPLICIT_LE : layout.syntax().uid();
            DicomDataset ds = parse(layout.data(), layout.datasetStart(), end, ts);
            return new ScannedDicomFile(file, meta, ds, layout, gdcm, budget);
        } catch (IOException | DicomException | RuntimeException e) {
            throw new DicomReadException(file, "cannot parse the header: " + oneLine(e), e);
        }
    }

    private static DicomDataset parse(ByteBuffer data, long from, long to, String ts)
            throws IOException, DicomException {
        return AttributeListConverter.toDataset(parseList(data, from, to, ts));
    }

    /** PixelMed's parse of the checked bytes [from, to) of {@code data}, encoded in {@code ts}. */
    static AttributeList parseList(ByteBuffer data, long from, long to, String ts) throws IOException, DicomException {
        ByteBuffer slice = data.duplicate();
        slice.position((int) from).limit((int) to);
        byte[] bytes = new byte[slice.remaining()];
        slice.get(bytes);
        AttributeList list = new AttributeList();
        list.setDecompressPixelData(false);
        try (InputStream in = new ByteArrayInputStream(bytes); DicomInputStream din = new DicomInputStream(in, ts, false)) {
            list.read(din);
        }
        return list;
    }

    private static String oneLine(Throwable e) {
        String m = e.getMessage();
        return (m == null ? e.getClass().getSimpleName() : m).lines().findFirst().orElse("").strip();
    }

    @Override
    public List<Path> listDicomDir(Path dicomdir) throws DicomReadException {
        return ReadGuard.read(dicomdir, () -> referencedFiles(dicomdir));
    }

    private List<Path> referencedFiles(Path dicomdir) throws DicomReadException {
        DicomFile dir = openHeader(dicomdir);
        DicomElement records = dir.dataset().get(DirectoryRecordSequence)
                .orElseThrow(() -> new DicomReadException(dicomdir, "not a DICOMDIR (no Directory Record Sequence (0004,1220))"));
        Path base = dicomdir.toAbsolutePath().getParent();
        List<Path> files = new ArrayList<>();
        for (DicomDataset record : records.items()) {
            List<String> parts = record.get(ReferencedFileID).map(DicomElement::values).orElse(List.of());
            if (parts.isEmpty()) {
                continue;
            }
            Path p = base;
            for (String part : parts) {
                String clean = part.strip();
                if (clean.isEmpty() || clean.equals("..") || clean.contains("/")) {
                    throw new DicomReadException(dicomdir, "unsafe Referenced File ID component '" + clean + "'");
                }
                p = p.resolve(clean);
            }
            files.add(p);
        }
        return files;
    }
}
