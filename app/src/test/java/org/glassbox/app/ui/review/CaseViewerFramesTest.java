package org.glassbox.app.ui.review;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.ScrollEvent;
import javafx.stage.Stage;
import org.glassbox.app.ui.WorkstationContext;
import org.glassbox.app.workflow.WorklistRow;
import org.glassbox.app.workflow.WorkspaceWorklist;
import org.glassbox.app.workflow.WorkstationImport;
import org.glassbox.core.catalog.ImportOutcome;
import org.glassbox.core.dicom.Dicom;
import org.glassbox.core.dicom.DicomDataset;
import org.glassbox.core.dicom.DicomTags;
import org.glassbox.core.ingest.ImportReport;
import org.glassbox.core.model.FramePixels;
import org.glassbox.core.model.PixelDescription;
import org.glassbox.core.task.CancelToken;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A real multi-frame DICOM image, imported through the gate and opened in the viewer: the wheel and
 * Down/Up step through its frames (each frame's own pixels shown), clamped at both ends.
 */
class CaseViewerFramesTest {
    private static final int FRAMES = 3;

    @TempDir
    static Path root;
    static WorkstationContext context;
    static CaseViewer viewer;
    static WorklistRow row;

    @BeforeAll
    static void open() throws Exception {
        Path in = Files.createDirectories(root.resolve("in"));
        PixelDescription d = new PixelDescription(8, 6, FRAMES, 1, 16, 12, 11, false, "MONOCHROME2");
        List<FramePixels> frames = new ArrayList<>();
        for (int f = 0; f < FRAMES; f++) {
            int[] v = new int[8 * 6];
            java.util.Arrays.fill(v, 1000 * (f + 1)); // frame f is flat at 1000 (f + 1)
            v[0] = 0;
            frames.add(new FramePixels(d, f, v));
        }
        DicomDataset ds = DicomDataset.builder()
                .put(DicomTags.SOPClassUID, "UI", "1.2.840.10008.5.1.4.1.1.7.3") // Multi-frame Grayscale Word SC
                .put(DicomTags.SOPInstanceUID, "UI", "2.25.4242")
                .put(DicomTags.StudyInstanceUID, "UI", "2.25.4243")
                .put(DicomTags.SeriesInstanceUID, "UI", "2.25.4244")
                .put(DicomTags.Modality, "CS", "OT")
                .put(DicomTags.PatientID, "LO", "GB-0001")
                .put(DicomTags.PatientIdentityRemoved, "CS", "YES")
                .put(DicomTags.SamplesPerPixel, "US", "1")
                .put(DicomTags.PhotometricInterpretation, "CS", "MONOCHROME2")
                .put(DicomTags.NumberOfFrames, "IS", String.valueOf(FRAMES))
                .put(DicomTags.Rows, "US", "8").put(DicomTags.Columns, "US", "6")
                .put(DicomTags.BitsAllocated, "US", "16").put(DicomTags.BitsStored, "US", "12")
                .put(DicomTags.HighBit, "US", "11").put(DicomTags.PixelRepresentation, "US", "0")
                .build();
        Dicom.writer().write(ds, frames, in.resolve("multi.dcm"));
        ImportReport report = WorkstationImport.run(root, List.of(in), new CancelToken(), (f, m) -> { });
        assertThat(report.count(ImportOutcome.IMPORTED) + report.count(ImportOutcome.DEIDENTIFIED)).as(report.errors().toString()).isEqualTo(1);
        row = WorkspaceWorklist.load(root, false, (f, m) -> { }).get(0);

        Stage stage = FxToolkit.registerPrimaryStage();
        onFx(() -> {
            context = WorkstationContext.open(root);
            viewer = new CaseViewer(context);
            stage.setScene(new Scene(viewer, 800, 600));
            stage.show();
            viewer.setCase(row);
            return null;
        });
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> onFx(() -> viewer.imagePane().frame() != null));
    }

    @AfterAll
    static void close() throws Exception {
        FxToolkit.cleanupStages();
        context.close();
    }

    @Test
    void wheelAndArrowKeysStepThroughTheFramesClampedAtBothEnds() throws Exception {
        assertThat(shownFrame()).isZero();
        assertThat(onFx(() -> viewer.imagePane().frame().at(3, 3))).isEqualTo(1000);

        key(KeyCode.DOWN);
        waitForFrame(1);
        assertThat(onFx(() -> viewer.imagePane().frame().at(3, 3))).isEqualTo(2000);

        onFx(() -> {
            viewer.imagePane().fireEvent(new ScrollEvent(ScrollEvent.SCROLL, 10, 10, 10, 10, false, false, false, false, false, false,
                    0, -40, 0, -40, ScrollEvent.HorizontalTextScrollUnits.NONE, 0, ScrollEvent.VerticalTextScrollUnits.NONE, 0, 0, null));
            return null;
        });
        waitForFrame(2);
        assertThat(onFx(() -> viewer.imagePane().frame().at(3, 3))).isEqualTo(3000);

        key(KeyCode.DOWN); // past the last frame: stays
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(onFx(() -> viewer.frameIndex().index())).isEqualTo(2);

        key(KeyCode.UP);
        waitForFrame(1);
        assertThat(onFx(() -> viewer.imagePane().frame().at(3, 3))).isEqualTo(2000);
    }

    private static int shownFrame() throws Exception {
        return onFx(() -> viewer.imagePane().frame().frameIndex());
    }

    private static void waitForFrame(int index) throws Exception {
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> shownFrame() == index);
    }

    private static void key(KeyCode code) throws Exception {
        onFx(() -> {
            viewer.imagePane().fireEvent(new KeyEvent(KeyEvent.KEY_PRESSED, "", "", code, false, false, false, false));
            return null;
        });
    }

    private static <T> T onFx(Callable<T> c) throws Exception {
        if (Platform.isFxApplicationThread()) {
            return c.call();
        }
        FutureTask<T> task = new FutureTask<>(c);
        Platform.runLater(task);
        return task.get(60, TimeUnit.SECONDS);
    }
}
