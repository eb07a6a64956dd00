package org.glassbox.core.dicom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Images too large for the memory budget are refused with a clear reason before the allocation,
 * and deflated data sets never inflate past what their Image Pixel Module declares.
 */
class MemoryBudgetTest {
    private static final String DEFLATED = "1.2.840.10008.1.2.1.99";
    private static final long MB = 1_000_000;

    @TempDir
    Path dir;

    /** A grey 16-bit image of rows x columns zeros, deflated (PS3.5 A.5), with {@code trailing} zero bytes of padding after Pixel Data. */
    private Path deflatedZeros(String name, int rows, int columns, int trailing) throws Exception {
        Part10Bytes body = Part10Bytes.dataSet()
                .text(0x00080016, "UI", "1.2.840.10008.5.1.4.1.1.7").text(0x00080018, "UI", "2.25.7")
                .us(DicomTags.SamplesPerPixel, 1).text(DicomTags.PhotometricInterpretation, "CS", "MONOCHROME2")
                .us(DicomTags.Rows, rows).us(DicomTags.Columns, columns)
                .us(DicomTags.BitsAllocated, 16).us(DicomTags.BitsStored, 16).us(DicomTags.HighBit, 15).us(DicomTags.PixelRepresentation, 0)
                .header(DicomTags.PixelData, "OW", 2L * rows * columns);
        ByteArrayOutputStream deflated = new ByteArrayOutputStream();
        try (DeflaterOutputStream z = new DeflaterOutputStream(deflated, new Deflater(Deflater.BEST_COMPRESSION, true))) {
            z.write(body.bytes());
            byte[] zeros = new byte[1 << 16];
            for (long left = 2L * rows * columns; left > 0; left -= zeros.length) {
                z.write(zeros, 0, (int) Math.min(left, zeros.length));
            }
            if (trailing > 0) {
                z.write(Part10Bytes.dataSet().header(0xFFFCFFFC, "OB", trailing).bytes());
                z.write(new byte[trailing]);
            }
        }
        Path p = dir.resolve(name);
        Files.write(p, Part10Bytes.withMeta(DEFLATED).raw(deflated.toByteArray()).bytes());
        return p;
    }

    private static DicomReadException refusal(Path p, DicomReader reader) {
        Throwable t = catchThrowable(() -> reader.open(p).frame(0));
        assertThat(t).isInstanceOf(DicomReadException.class);
        assertThat(t.getMessage()).startsWith(p + ": ").doesNotContain("\n");
        return (DicomReadException) t;
    }

    @Test
    void deflatedImageLargerThanTheBudgetIsRefusedBeforeInflating() throws Exception {
        // 1000 x 1000 x 2 bytes = 2 MB inflated + 1 MiB margin + 4 MB int[] frame > 5 MB.
        Path p = deflatedZeros("big.dcm", 1000, 1000, 0);
        DicomReadException e = refusal(p, Dicom.reader(5 * MB));
        assertThat(e.reason()).startsWith("image of 8 MB exceeds the memory budget of 5 MB").contains("1000x1000 16-bit");
        // With room enough, the same file decodes.
        int[] samples = Dicom.reader(64 * MB).open(p).frame(0).copySamples();
        assertThat(samples).hasSize(1_000_000).containsOnly(0);
    }

    @Test
    void deflatedDataSetInflatingPastItsDeclaredSizeIsRefused() throws Exception {
        // A 4x4 image followed by 3 MB of padding: far more than the pixels declared + 1 MiB margin.
        Path p = deflatedZeros("padded.dcm", 4, 4, 3_000_000);
        DicomReadException e = refusal(p, Dicom.reader(256 * MB));
        assertThat(e.reason()).contains("inflates beyond").contains("Image Pixel Module declares");
        // Small trailing padding within the margin is accepted.
        assertThat(Dicom.reader(256 * MB).open(deflatedZeros("ok.dcm", 4, 4, 1000)).frame(0).copySamples()).hasSize(16).containsOnly(0);
    }

    @Test
    void nativeFrameLargerThanTheBudgetIsRefused() throws Exception {
        TestImages.Image img = TestImages.create(64, 64, 1, 1, 16, 12, false, "MONOCHROME2", 3);
        Path p = dir.resolve("native.dcm");
        img.write(p);
        // 64 x 64 samples x 4 bytes = 16,384 bytes of int[].
        assertThat(refusal(p, Dicom.reader(16_000)).reason()).startsWith("image of 1 MB exceeds the memory budget of 1 MB").contains("64x64 16-bit");
        assertThat(Dicom.reader(16_384).open(p).frame(0).copySamples()).isEqualTo(img.frames().get(0).copySamples());
    }

    @Test
    void compressedFrameCountsItsBytesAndTheCodecRaster() throws Exception {
        byte[] junk = new byte[200];
        byte[] bytes = Part10Bytes.withMeta("1.2.840.10008.1.2.4.50").imageModule().header(DicomTags.PixelData, "OB", 0xFFFFFFFFL)
                .item(0xFFFEE000, 0).item(0xFFFEE000, junk.length).raw(junk).item(0xFFFEE0DD, 0).bytes();
        Path p = dir.resolve("jpeg.dcm");
        Files.write(p, bytes);
        // 200 compressed bytes + 2 x (2 x 2 samples x 4 bytes) = 232 bytes.
        assertThat(refusal(p, Dicom.reader(231)).reason()).contains("exceeds the memory budget").contains("compressed");
        assertThat(refusal(p, Dicom.reader(232)).reason()).contains("cannot decode");
    }
}
