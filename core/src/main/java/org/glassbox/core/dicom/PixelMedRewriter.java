package org.glassbox.core.dicom;

import org.glassbox.core.io.AtomicFiles;
import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.DicomOutputStream;
import com.pixelmed.dicom.FileMetaInformation;
import com.pixelmed.dicom.SequenceAttribute;
import com.pixelmed.dicom.SequenceItem;
import com.pixelmed.dicom.SpecificCharacterSet;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * {@link DicomRewriter} on PixelMed. The header (everything before Pixel Data) is parsed, edited
 * element by element through the {@link ElementEditor} (recursively into sequence items) and
 * written in the source's transfer syntax; the Pixel Data element is then copied byte for byte
 * from the source, so compressed pixels are never decoded or re-encoded. Deflated sources are
 * read and written whole by PixelMed (the deflate stream cannot be spliced).
 */
final class PixelMedRewriter implements DicomRewriter {
    private final Part10Scanner scanner;

    PixelMedRewriter(Part10Scanner scanner) {
        this.scanner = scanner;
    }

    @Override
    public void rewrite(Path source, Path target, ElementEditor editor, DicomDataset additions, String newSopInstanceUid)
            throws DicomReadException, IOException {
        ReadGuard.readWrite(source, () -> rewriteGuarded(source, target, editor, additions, newSopInstanceUid));
    }

    private void rewriteGuarded(Path source, Path target, ElementEditor editor, DicomDataset additions, String newSopInstanceUid)
            throws DicomReadException, IOException {
        if (source.toAbsolutePath().normalize().equals(target.toAbsolutePath().normalize())) {
            throw new IOException("refusing to rewrite " + source + " onto itself");
        }
        Part10Scanner.Layout layout = scanner.scan(source);
        TransferSyntaxes.Syntax syntax = layout.syntax();
        PixelDataLocation pixels = layout.pixelData();
        boolean splice = !syntax.deflated() && pixels != null;
        AttributeList list;
        try {
            long end = splice ? pixels.elementOffset() : layout.data().limit();
            list = PixelMedReader.parseList(layout.data(), layout.datasetStart(), end,
                    syntax.deflated() ? TransferSyntaxes.EXPLICIT_LE : syntax.uid());
        } catch (IOException | DicomException | RuntimeException e) {
            throw new DicomReadException(source, "cannot parse the header: " + e.getMessage(), e);
        }
        try {
            SpecificCharacterSet charset = new SpecificCharacterSet(list);
            edit(list, List.of(), editor, charset);
            for (DicomElement e : additions.elements()) {
                Attribute a = AttributeListConverter.toAttribute(e, charset);
                if (a != null) {
                    list.put(a);
                }
            }
            if (newSopInstanceUid != null) {
                list.put(AttributeListConverter.toAttribute(DicomElement.of(DicomTags.SOPInstanceUID, "UI", newSopInstanceUid), charset));
            }
            list.removeGroup(0x0002);
            FileMetaInformation.addFileMetaInformation(list, syntax.uid(), PixelMedWriter.SOURCE_AE);
            Implementation.stamp(list);
        } catch (DicomException e) {
            throw new IOException("cannot rewrite " + source + ": " + e.getMessage(), e);
        }
        AtomicFiles.write(target, temp -> {
            // AttributeList.write(OutputStream...) closes the stream, so drive DicomOutputStream ourselves.
            try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(temp));
                 DicomOutputStream out = new DicomOutputStream(file, TransferSyntaxes.EXPLICIT_LE, syntax.uid())) {
                list.write(out, true);
                if (splice) {
                    ByteBuffer raw = layout.data().duplicate();
                    raw.position((int) pixels.elementOffset()).limit((int) pixels.valueEnd());
                    byte[] chunk = new byte[1 << 16];
                    while (raw.hasRemaining()) {
                        int n = Math.min(chunk.length, raw.remaining());
                        raw.get(chunk, 0, n);
                        out.write(chunk, 0, n);
                    }
                }
            } catch (DicomException e) {
                throw new IOException("cannot write " + target + ": " + e.getMessage(), e);
            }
        });
    }

    /** Applies the editor to every element of {@code list}, recursing into sequence items it keeps. */
    private static void edit(AttributeList list, List<Integer> path, ElementEditor editor, SpecificCharacterSet charset)
            throws DicomException {
        for (Attribute a : new ArrayList<>(list.values())) {
            int tag = (a.getGroup() << 16) | a.getElement();
            if (tag == DicomTags.PixelData || a.getGroup() == 0x0002) {
                continue;
            }
            ElementEdit decision = editor.edit(path, AttributeListConverter.toElement(a));
            AttributeTag at = a.getTag();
            if (decision instanceof ElementEdit.Remove) {
                list.remove(at);
            } else if (decision instanceof ElementEdit.Empty) {
                if (a instanceof SequenceAttribute) {
                    list.put(new SequenceAttribute(at));
                } else {
                    a.removeValues();
                }
            } else if (decision instanceof ElementEdit.Replace r) {
                if (a instanceof SequenceAttribute || AttributeListConverter.BINARY_VRS.contains(a.getVRAsString())) {
                    throw new IllegalArgumentException("cannot replace values of " + a.getVRAsString() + " element " + DicomTags.format(tag));
                }
                a.removeValues();
                for (String v : r.values()) {
                    a.addValue(v);
                }
            } else if (a instanceof SequenceAttribute sq) {
                List<Integer> inner = new ArrayList<>(path);
                inner.add(tag);
                Iterator<SequenceItem> it = sq.iterator();
                while (it.hasNext()) {
                    edit(it.next().getAttributeList(), List.copyOf(inner), editor, charset);
                }
            }
        }
    }
}
