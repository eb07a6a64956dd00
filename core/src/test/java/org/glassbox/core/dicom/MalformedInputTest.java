package org.glassbox.core.dicom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Malformed files end in one {@link DicomReadException} naming the file and the reason — never an
 * unchecked exception, an OutOfMemoryError or a hang.
 */
class MalformedInputTest {
    private static final String EXPLICIT_LE = "1.2.840.10008.1.2.1";
    private static final String RLE = "1.2.840.10008.1.2.5";

    @TempDir
    Path dir;

    private final DicomReader reader = Dicom.reader();

    private Path file(String name, byte[] bytes) throws Exception {
        Path p = dir.resolve(name);
        Files.write(p, bytes);
        return p;
    }

    /** Opens and decodes frame 0; returns the exception's message. */
    private String failure(Path p) {
        Throwable t = org.assertj.core.api.Assertions.catchThrowable(() -> reader.open(p).frame(0));
        assertThat(t).isInstanceOf(DicomReadException.class);
        assertThat(t.getMessage()).startsWith(p.toString() + ": ").doesNotContain("\n");
        assertThat(((DicomReadException) t).file()).isEqualTo(p);
        return ((DicomReadException) t).reason();
    }

    private byte[] validFile() throws Exception {
        TestImages.Image img = TestImages.create(64, 64, 1, 1, 16, 12, false, "MONOCHROME2", 9);
        Path p = dir.resolve("valid.dcm");
        img.write(p);
        return Files.readAllBytes(p);
    }

    @Test
    void zeroLength() throws Exception {
        assertThat(failure(file("empty.dcm", new byte[0]))).contains("empty");
    }

    @Test
    void notDicomAtAll() throws Exception {
        assertThat(failure(file("text.dcm", "hello, this is a text file and not an image at all".repeat(10).getBytes())))
                .contains("not a DICOM file");
        byte[] png = new byte[300];
        png[0] = (byte) 0x89;
        png[1] = 'P';
        assertThat(failure(file("png.dcm", png))).contains("not a DICOM file");
    }

    @Test
    void truncatedInPixelData() throws Exception {
        byte[] valid = validFile();
        assertThat(failure(file("cut.dcm", Arrays.copyOf(valid, valid.length * 2 / 3)))).contains("Pixel Data declares").contains("truncated");
    }

    @Test
    void truncatedInHeader() throws Exception {
        byte[] valid = validFile();
        for (int cut : new int[] {131, 140, 200, 300, 400}) {
            String reason = failure(file("cut" + cut + ".dcm", Arrays.copyOf(valid, cut)));
            assertThat(reason).isNotBlank();
        }
    }

    @Test
    void missingTransferSyntax() throws Exception {
        byte[] bytes = Part10Bytes.withMeta(null).imageModule().element(DicomTags.PixelData, "OB", new byte[4]).bytes();
        assertThat(failure(file("nots.dcm", bytes))).contains("Transfer Syntax UID");
    }

    @Test
    void unknownTransferSyntax() throws Exception {
        byte[] bytes = Part10Bytes.withMeta("1.2.3.4").imageModule().element(DicomTags.PixelData, "OB", new byte[4]).bytes();
        assertThat(failure(file("unknownts.dcm", bytes))).contains("unsupported transfer syntax 1.2.3.4");
    }

    @Test
    void badVr() throws Exception {
        byte[] bytes = Part10Bytes.withMeta(EXPLICIT_LE).imageModule().raw(new byte[] {0x10, 0, 0x10, 0, 'p', 0x01, 2, 0, 'A', 'B'})
                .element(DicomTags.PixelData, "OB", new byte[4]).bytes();
        assertThat(failure(file("badvr.dcm", bytes))).contains("bad VR").contains("(0010,0010)");
    }

    @Test
    void pixelDataShorterThanTheImageModuleSays() throws Exception {
        byte[] bytes = Part10Bytes.withMeta(EXPLICIT_LE).imageModule().element(DicomTags.PixelData, "OB", new byte[2]).bytes();
        assertThat(failure(file("short.dcm", bytes))).contains("Pixel Data has 2 bytes, 4 expected");
    }

    @Test
    void hugeDeclaredLengths() throws Exception {
        byte[] header = Part10Bytes.withMeta(EXPLICIT_LE).imageModule().header(0x00081030, "UT", 0x7FFFFFF0L).raw(new byte[16]).bytes();
        assertThat(failure(file("hugeut.dcm", header))).contains("declares 2147483632 bytes");
        byte[] pixels = Part10Bytes.withMeta(EXPLICIT_LE).imageModule().header(DicomTags.PixelData, "OW", 0xFFFFFFF0L).raw(new byte[8]).bytes();
        assertThat(failure(file("hugepix.dcm", pixels))).contains("Pixel Data declares 4294967280 bytes");
        byte[] fragment = Part10Bytes.withMeta(RLE).imageModule().header(DicomTags.PixelData, "OB", 0xFFFFFFFFL)
                .item(0xFFFEE000, 0).item(0xFFFEE000, 0x7FFFFFF0L).raw(new byte[64]).bytes();
        assertThat(failure(file("hugefrag.dcm", fragment))).contains("fragment").contains("2147483632");
    }

    @Test
    void itemDelimiterInsideEncapsulatedPixelData() throws Exception {
        byte[] bytes = Part10Bytes.withMeta(RLE).imageModule().header(DicomTags.PixelData, "OB", 0xFFFFFFFFL)
                .item(0xFFFEE000, 0).item(0xFFFEE00D, 0).item(0xFFFEE0DD, 0).bytes();
        assertThat(failure(file("delim.dcm", bytes))).contains("item delimiter (FFFE,E00D) inside encapsulated Pixel Data");
    }

    @Test
    void encapsulatedWithoutSequenceDelimiter() throws Exception {
        byte[] bytes = Part10Bytes.withMeta(RLE).imageModule().header(DicomTags.PixelData, "OB", 0xFFFFFFFFL)
                .item(0xFFFEE000, 0).item(0xFFFEE000, 4).raw(new byte[4]).bytes();
        assertThat(failure(file("nodelim.dcm", bytes))).contains("truncated");
    }

    @Test
    void malformedRleFrame() throws Exception {
        byte[] rleHeader = new byte[64];
        rleHeader[0] = 3; // three segments declared for a one-byte grey image
        byte[] bytes = Part10Bytes.withMeta(RLE).imageModule().header(DicomTags.PixelData, "OB", 0xFFFFFFFFL)
                .item(0xFFFEE000, 0).item(0xFFFEE000, 64).raw(rleHeader).item(0xFFFEE0DD, 0).bytes();
        assertThat(failure(file("badrle.dcm", bytes))).contains("RLE").contains("segments");
    }

    @Test
    void garbageJpegIsRefusedNotCrashed() throws Exception {
        byte[] junk = new byte[200];
        Arrays.fill(junk, (byte) 0x5A);
        junk[0] = (byte) 0xFF;
        junk[1] = (byte) 0xD8;
        byte[] bytes = Part10Bytes.withMeta("1.2.840.10008.1.2.4.80").imageModule().header(DicomTags.PixelData, "OB", 0xFFFFFFFFL)
                .item(0xFFFEE000, 0).item(0xFFFEE000, junk.length).raw(junk).item(0xFFFEE0DD, 0).bytes();
        assertThat(failure(file("junkls.dcm", bytes))).contains("cannot decode");
        byte[] baseline = Part10Bytes.withMeta("1.2.840.10008.1.2.4.50").imageModule().header(DicomTags.PixelData, "OB", 0xFFFFFFFFL)
                .item(0xFFFEE000, 0).item(0xFFFEE000, junk.length).raw(junk).item(0xFFFEE0DD, 0).bytes();
        assertThat(failure(file("junkjpeg.dcm", baseline))).contains("cannot decode");
    }

    /** Referenced Image Sequence (0008,1140) nested {@code depth} times, every length undefined. */
    private static byte[] nestedUndefined(int depth) {
        Part10Bytes p = Part10Bytes.withMeta(EXPLICIT_LE).imageModule();
        for (int i = 0; i < depth; i++) {
            p.header(0x00081140, "SQ", 0xFFFFFFFFL).item(0xFFFEE000, 0xFFFFFFFFL);
        }
        for (int i = 0; i < depth; i++) {
            p.item(0xFFFEE00D, 0).item(0xFFFEE0DD, 0);
        }
        return p.element(DicomTags.PixelData, "OB", new byte[4]).bytes();
    }

    @Test
    void deeplyNestedUndefinedLengthSequencesAreRefusedNotAStackOverflow() throws Exception {
        // 2,000 levels crashed the scanner's undefined-length path with a StackOverflowError.
        assertThat(failure(file("deep.dcm", nestedUndefined(2000)))).contains("nested deeper than");
        assertThat(failure(file("deep40.dcm", nestedUndefined(40)))).contains("nested deeper than");
    }

    @Test
    void moderatelyNestedUndefinedLengthSequencesStillRead() throws Exception {
        Path p = file("nested.dcm", nestedUndefined(8));
        assertThat(reader.open(p).frame(0).copySamples()).containsExactly(0, 0, 0, 0);
    }

    @Test
    void undefinedLengthSequenceInsideADefinedLengthItemMustEndInsideIt() throws Exception {
        // An item of 16 bytes declared, holding an undefined-length sequence whose delimiter lies beyond it.
        byte[] bytes = Part10Bytes.withMeta(EXPLICIT_LE).imageModule()
                .header(0x00081140, "SQ", 0xFFFFFFFFL).item(0xFFFEE000, 20)
                .header(0x00081150, "SQ", 0xFFFFFFFFL).item(0xFFFEE000, 0).item(0xFFFEE0DD, 0)
                .item(0xFFFEE0DD, 0)
                .element(DicomTags.PixelData, "OB", new byte[4]).bytes();
        assertThat(failure(file("overrun.dcm", bytes))).isNotBlank();
    }

    @Test
    void encapsulatedIconPixelDataInsideASequenceItemIsWalked() throws Exception {
        // Icon Image Sequence (0088,0200) holding encapsulated Pixel Data: items of fragments, not a data set.
        byte[] fragment = {1, 2, 3, 4};
        byte[] bytes = Part10Bytes.withMeta(EXPLICIT_LE).imageModule()
                .header(0x00880200, "SQ", 0xFFFFFFFFL).item(0xFFFEE000, 0xFFFFFFFFL)
                .header(DicomTags.PixelData, "OB", 0xFFFFFFFFL).item(0xFFFEE000, 0).item(0xFFFEE000, 4).raw(fragment).item(0xFFFEE0DD, 0)
                .item(0xFFFEE00D, 0).item(0xFFFEE0DD, 0)
                .element(DicomTags.PixelData, "OB", new byte[] {5, 6, 7, 8}).bytes();
        assertThat(reader.open(file("icon.dcm", bytes)).frame(0).copySamples()).containsExactly(5, 6, 7, 8);
    }

    @Test
    void aBatchCarriesOnAfterBadFiles() throws Exception {
        Path bad = file("bad.dcm", new byte[] {1, 2, 3});
        Path good = file("good.dcm", validFile());
        int ok = 0;
        int refused = 0;
        for (Path p : new Path[] {bad, good, bad}) {
            try {
                reader.open(p).frame(0);
                ok++;
            } catch (DicomReadException e) {
                refused++;
            }
        }
        assertThat(ok).isEqualTo(1);
        assertThat(refused).isEqualTo(2);
    }

    @Test
    void missingFileAndFolder() {
        assertThatThrownBy(() -> reader.open(dir.resolve("nope.dcm"))).isInstanceOf(DicomReadException.class).hasMessageContaining("no such file");
        assertThatThrownBy(() -> reader.open(dir)).isInstanceOf(DicomReadException.class).hasMessageContaining("not a regular file");
    }
}
