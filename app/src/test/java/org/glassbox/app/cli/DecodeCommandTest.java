package org.glassbox.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.glassbox.core.dicom.Dicom;
import org.glassbox.core.dicom.DicomDataset;
import org.glassbox.core.dicom.DicomTags;
import org.glassbox.core.model.FramePixels;
import org.glassbox.core.model.PixelDescription;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DecodeCommandTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return GlassBoxCli.run(new PrintWriter(out), new PrintWriter(err), args);
    }

    /** A 2-frame 3x2 signed 12-bit image with hand-picked values, including negatives. */
    private Path writeImage() throws Exception {
        PixelDescription d = new PixelDescription(2, 3, 2, 1, 16, 12, 11, true, "MONOCHROME2");
        FramePixels f0 = new FramePixels(d, 0, new int[] {0, 1, -1, 2047, -2048, 300});
        FramePixels f1 = new FramePixels(d, 1, new int[] {5, 6, 7, 8, 9, -10});
        DicomDataset ds = DicomDataset.builder()
                .put(DicomTags.SOPClassUID, "UI", "1.2.840.10008.5.1.4.1.1.7")
                .put(DicomTags.SOPInstanceUID, "UI", "2.25.1")
                .put(DicomTags.SamplesPerPixel, "US", "1")
                .put(DicomTags.PhotometricInterpretation, "CS", "MONOCHROME2")
                .put(DicomTags.NumberOfFrames, "IS", "2")
                .put(DicomTags.Rows, "US", "2").put(DicomTags.Columns, "US", "3")
                .put(DicomTags.BitsAllocated, "US", "16").put(DicomTags.BitsStored, "US", "12")
                .put(DicomTags.HighBit, "US", "11").put(DicomTags.PixelRepresentation, "US", "1")
                .build();
        Path f = dir.resolve("img.dcm");
        Dicom.writer().write(ds, List.of(f0, f1), f);
        return f;
    }

    @Test
    void writesStoredValuesOfTheRequestedFrameLittleEndian() throws Exception {
        Path f = writeImage();
        Path outDir = dir.resolve("raw");
        assertThat(run("decode", f.toString(), "--out", outDir.toString(), "--frame", "1", "--json")).isEqualTo(0);
        ByteBuffer raw = ByteBuffer.wrap(Files.readAllBytes(outDir.resolve("img.dcm.raw"))).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(raw.remaining()).isEqualTo(12);
        short[] values = new short[6];
        raw.asShortBuffer().get(values);
        assertThat(values).containsExactly((short) 5, (short) 6, (short) 7, (short) 8, (short) 9, (short) -10);
        JsonNode j = Json.mapper().readTree(out.toString()).get(0);
        assertThat(j.get("ok").asBoolean()).isTrue();
        assertThat(j.get("error").isNull()).isTrue();
        assertThat(j.get("rows").asInt()).isEqualTo(2);
        assertThat(j.get("columns").asInt()).isEqualTo(3);
        assertThat(j.get("frames").asInt()).isEqualTo(2);
        assertThat(j.get("bitsAllocated").asInt()).isEqualTo(16);
        assertThat(j.get("bitsStored").asInt()).isEqualTo(12);
        assertThat(j.get("pixelRepresentation").asInt()).isEqualTo(1);
        assertThat(j.get("photometricInterpretation").asText()).isEqualTo("MONOCHROME2");
        assertThat(j.get("samplesPerPixel").asInt()).isEqualTo(1);
        assertThat(j.get("transferSyntaxUid").asText()).isEqualTo("1.2.840.10008.1.2.1");
    }

    @Test
    void badFileIsReportedAndTheBatchCarriesOn() throws Exception {
        Path good = writeImage();
        Path bad = dir.resolve("bad.dcm");
        Files.writeString(bad, "this is not DICOM at all, just some text that is long enough to look at");
        Path outDir = dir.resolve("raw");
        assertThat(run("decode", bad.toString(), good.toString(), "--out", outDir.toString(), "--json")).isEqualTo(1);
        JsonNode arr = Json.mapper().readTree(out.toString());
        assertThat(arr.get(0).get("ok").asBoolean()).isFalse();
        assertThat(arr.get(0).get("error").asText()).contains("bad.dcm").contains("not a DICOM file");
        assertThat(arr.get(1).get("ok").asBoolean()).isTrue();
        assertThat(Files.exists(outDir.resolve("img.dcm.raw"))).isTrue();
        assertThat(Files.exists(outDir.resolve("bad.dcm.raw"))).isFalse();
        assertThat(err.toString().lines().count()).isEqualTo(1);
    }

    @Test
    void usageErrorsExitTwo() throws Exception {
        assertThat(run("decode", "x.dcm")).isEqualTo(2);
        Path f = writeImage();
        assertThat(run("decode", f.toString(), "--out", dir.toString(), "--frame", "-1")).isEqualTo(2);
    }

    @Test
    void frameOutOfRangeIsARefusal() throws Exception {
        Path f = writeImage();
        assertThat(run("decode", f.toString(), "--out", dir.resolve("o").toString(), "--frame", "5")).isEqualTo(1);
        assertThat(err.toString()).contains("frame 5 does not exist");
    }

    @Test
    void twoFilesWithTheSameNameNeverOverwriteEachOther() throws Exception {
        Path first = writeImage();
        Path a = Files.createDirectories(dir.resolve("a")).resolve("x.dcm");
        Path b = Files.createDirectories(dir.resolve("b")).resolve("x.dcm");
        Files.move(first, a);
        Path other = writeImage();
        Files.move(other, b);

        // instead compare bytes written for a against a's own frame 0.
        Path outDir = dir.resolve("raw");
        assertThat(run("decode", a.toString(), b.toString(), "--out", outDir.toString(), "--json")).isEqualTo(1);
        JsonNode arr = Json.mapper().readTree(out.toString());
        assertThat(arr.get(0).get("ok").asBoolean()).isTrue();
        assertThat(arr.get(1).get("ok").asBoolean()).isFalse();
        assertThat(arr.get(1).get("error").asText()).startsWith(b.toString() + ": ").contains("x.dcm.raw").contains("already written for " + a)
                .contains("not overwritten");
        assertThat(err.toString().lines().toList()).hasSize(1);
        try (var listing = Files.list(outDir)) {
            assertThat(listing.map(p -> p.getFileName().toString()).toList()).containsExactly("x.dcm.raw");
        }
        // The same file named twice is not a conflict.
        out.getBuffer().setLength(0);
        assertThat(run("decode", a.toString(), dir.resolve("a/../a/x.dcm").toString(), "--out", outDir.toString())).isEqualTo(0);
    }

    @Test
    void rawOutputHasNormalPermissions() throws Exception {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
        Path f = writeImage();
        Path outDir = dir.resolve("raw");
        assertThat(run("decode", f.toString(), "--out", outDir.toString())).isEqualTo(0);
        Path reference = Files.createFile(outDir.resolve("reference")); // 0666 less the umask
        assertThat(Files.getPosixFilePermissions(outDir.resolve("img.dcm.raw"))).isEqualTo(Files.getPosixFilePermissions(reference));
    }
}
