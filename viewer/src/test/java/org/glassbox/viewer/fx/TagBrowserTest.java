package org.glassbox.viewer.fx;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.FutureTask;
import javafx.application.Platform;
import javafx.scene.control.TreeItem;
import org.glassbox.core.dicom.DicomDataset;
import org.glassbox.core.dicom.DicomElement;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;

class TagBrowserTest {

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    private static DicomDataset header() {
        DicomDataset item = DicomDataset.builder().put(0x00081150, "UI", "1.2.840.10008.5.1.4.1.1.1.1")
                .put(0x00081155, "UI", "2.25.123").build();
        return DicomDataset.builder()
                .put(0x00080060, "CS", "DX")
                .put(0x00101010, "AS", "054Y")
                .put(0x00281050, "DS", "2048", "1024")
                .put(DicomElement.sequence(0x00081140, List.of(item)))
                .put(new DicomElement(0x7FE00010, "OW", List.of(), List.of(), 2_097_152))
                .put(0x00091010, "LO", "vendor private")
                .build();
    }

    @Test
    void showsEveryElementWithNamesAndFiltersKeepingTheEnclosingSequence() throws Exception {
        TagBrowser browser = onFx(() -> {
            TagBrowser b = new TagBrowser();
            b.setDataset(header());
            return b;
        });
        List<TagBrowser.Row> top = browser.root().getChildren().stream().map(TreeItem::getValue).toList();
        assertThat(top).extracting(TagBrowser.Row::keyword)
                .containsExactly("Modality", "ReferencedImageSequence", "(private)", "PatientAge", "WindowCenter", "PixelData"); // tag order
        assertThat(top).filteredOn(r -> r.keyword().equals("WindowCenter")).extracting(TagBrowser.Row::value).containsExactly("2048\\1024");
        assertThat(top).filteredOn(r -> r.keyword().equals("PixelData")).extracting(TagBrowser.Row::value).containsExactly("<2097152 bytes>");

        onFx(() -> {
            browser.filterField().setText("2.25.123");
            return null;
        });
        TreeItem<TagBrowser.Row> seq = browser.root().getChildren().get(0);
        assertThat(browser.root().getChildren()).hasSize(1);
        assertThat(seq.getValue().keyword()).isEqualTo("ReferencedImageSequence");
        assertThat(seq.getChildren().get(0).getChildren()).extracting(i -> i.getValue().keyword()).containsExactly("ReferencedSOPInstanceUID");
    }

    private static <T> T onFx(java.util.concurrent.Callable<T> c) throws Exception {
        FutureTask<T> t = new FutureTask<>(c);
        Platform.runLater(t);
        return t.get();
    }
}
