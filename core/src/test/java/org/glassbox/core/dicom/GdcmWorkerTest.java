package org.glassbox.core.dicom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GdcmWorkerTest {
    @TempDir
    Path dir;

    /** Signed 12-bit, 3 frames of 48x40, Secondary Capture (which gdcmconv --raw refused), JPEG-LS by dcmtk. */
    private Path jpegLs() throws Exception {
        ExternalTool.require("dcmcjpls");
        ExternalTool.require("gdcmraw");
        Path src = dir.resolve("src.dcm");
        TestImages.create(48, 40, 3, 1, 16, 12, true, "MONOCHROME2", 29).write(src);
        Path enc = dir.resolve("ls.dcm");
        ExternalTool.run(List.of("dcmcjpls", "+el", src.toString(), enc.toString()));
        return enc;
    }

    @Test
    void decodesPixelBytesOfEveryFrame() throws Exception {
        Path raw = new GdcmWorker("gdcmconv", "gdcmraw", Duration.ofSeconds(60)).decompress(jpegLs(), 48 * 40 * 3 * 2);
        try {
            assertThat(Files.size(raw)).isEqualTo(48 * 40 * 3 * 2);
        } finally {
            Files.delete(raw);
        }
    }

    @Test
    void outputOfAnotherSizeThanTheHeaderAnnouncesIsRefused() throws Exception {
        Path file = jpegLs();
        assertThatThrownBy(() -> new GdcmWorker("gdcmconv", "gdcmraw", Duration.ofSeconds(60)).decompress(file, 48 * 40 * 2))
                .isInstanceOf(IOException.class).hasMessage("GDCM decoded 11520 bytes, the header announces 3840");
    }

    @Test
    void missingToolNamesTheDebianPackage() {
        assertThatThrownBy(() -> new GdcmWorker("/nonexistent/gdcmconv", "/nonexistent/gdcmraw", Duration.ofSeconds(5)).decompress(dir.resolve("x.dcm"), 4))
                .isInstanceOf(IOException.class).hasMessageContaining("libgdcm-tools");
    }

    @Test
    void aStreamGdcmCannotDecodeIsRefusedNotReturnedAsGarbage() throws Exception {
        ExternalTool.require("gdcmconv");
        ExternalTool.require("gdcmraw");
        // gdcmraw -P alone exits 0 on this and writes 4 uninitialised bytes.
        byte[] junk = new byte[200];
        java.util.Arrays.fill(junk, (byte) 0x5A);
        junk[0] = (byte) 0xFF;
        junk[1] = (byte) 0xD8;
        Path file = dir.resolve("junk.dcm");
        Files.write(file, Part10Bytes.withMeta("1.2.840.10008.1.2.4.80").imageModule().header(DicomTags.PixelData, "OB", 0xFFFFFFFFL)
                .item(0xFFFEE000, 0).item(0xFFFEE000, junk.length).raw(junk).item(0xFFFEE0DD, 0).bytes());
        assertThatThrownBy(() -> new GdcmWorker("gdcmconv", "gdcmraw", Duration.ofSeconds(60)).decompress(file, 4))
                .isInstanceOf(IOException.class).hasMessageContaining(GdcmWorker.DECODE_FAILED);
    }

    /**
     * Fuzzing finding: a baseline JPEG whose Huffman table definition makes GDCM's codec allocate
     * without bound. Without an address-space limit gdcmconv swapped for 84 s until the kernel
     * killed it (past our timeout); under the limit the codec's allocation fails and the worker
     * reports a decode failure, not a timeout. The timeout here is long on purpose, so only the
     * limit can produce the decode-failure message.
     */
    @Test
    void aCodecThatAllocatesWithoutBoundFailsUnderTheAddressSpaceLimitInsteadOfTimingOut() throws Exception {
        ExternalTool.require("gdcmconv");
        ExternalTool.require("gdcmraw");
        Path finding = Path.of(getClass().getResource("DicomReadFuzzTestInputs/readPath/finding-gdcm-jpeg-unbounded-allocation.dcm").toURI());
        assertThatThrownBy(() -> new GdcmWorker("gdcmconv", "gdcmraw", Duration.ofSeconds(600)).decompress(finding, 64 * 64 * 2))
                .isInstanceOf(IOException.class).hasMessageContaining(GdcmWorker.DECODE_FAILED).hasMessageNotContaining("timed out");
    }

    @Test
    void workersRunUnderAnAddressSpaceLimitThatGrowsWithTheImage() {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/prlimit")), "prlimit (util-linux) is on every Debian system");
        List<String> small = GdcmWorker.limited(List.of("gdcmraw", "-i", "x"), 1000, 30);
        assertThat(small).startsWith("/usr/bin/prlimit", "--as=" + (GdcmWorker.BASE_ADDRESS_SPACE + 4000), "--cpu=30", "--")
                .endsWith("gdcmraw", "-i", "x");
        List<String> big = GdcmWorker.limited(List.of("gdcmraw"), 3000L * 2500 * 2 * 10, 30);
        assertThat(big.get(1)).isEqualTo("--as=" + (GdcmWorker.BASE_ADDRESS_SPACE + 4 * 3000L * 2500 * 2 * 10));
    }

    /**
     * Fuzzing finding: a baseline JPEG on which GDCM's child codec (pvrg-jpeg) loops forever. The
     * worker must end it — timeout or CPU limit — and leave no process behind.
     */
    @Test
    void aCodecThatNeverEndsIsStoppedAndLeavesNoProcessBehind() throws Exception {
        ExternalTool.require("gdcmconv");
        ExternalTool.require("gdcmraw");
        Path finding = Path.of(getClass().getResource("DicomReadFuzzTestInputs/readPath/finding-gdcm-pvrg-jpeg-endless-loop.dcm").toURI());
        // Our own codec processes are the pvrg-jpeg descendants of this JVM while the worker runs
        // (other programs on the machine may run GDCM too, so nothing system-wide is counted).
        java.util.Set<ProcessHandle> codecs = java.util.concurrent.ConcurrentHashMap.newKeySet();
        java.util.concurrent.atomic.AtomicBoolean watching = new java.util.concurrent.atomic.AtomicBoolean(true);
        Thread watcher = new Thread(() -> {
            while (watching.get()) {
                ProcessHandle.current().descendants().filter(h -> h.info().command().orElse("").endsWith("pvrg-jpeg")).forEach(codecs::add);
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        watcher.start();
        try {
            assertThatThrownBy(() -> new GdcmWorker("gdcmconv", "gdcmraw", Duration.ofSeconds(5)).decompress(finding, 64 * 64 * 2))
                    .isInstanceOf(IOException.class);
        } finally {
            watching.set(false);
            watcher.join();
        }
        assertThat(codecs).as("GDCM ran its pvrg-jpeg codec on this file").isNotEmpty();
        Thread.sleep(500); // killed processes are reaped asynchronously
        // A killed orphan may linger as a zombie (no command) until init reaps it; a running one has its command.
        assertThat(codecs).noneMatch(h -> h.isAlive() && h.info().command().isPresent());
    }
}
