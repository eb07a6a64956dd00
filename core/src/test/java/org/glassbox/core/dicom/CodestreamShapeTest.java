package org.glassbox.core.dicom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A compressed frame whose own header gives another size than Rows/Columns is refused — not
 * decoded by a fallback that trusts the DICOM header and pads (GDCM returned a mostly-zero image
 * reported as ok). Files are encoded by dcmtk/GDCM, then only the DICOM header is edited.
 */
class CodestreamShapeTest {
    @TempDir
    Path dir;

    private Path encoded(String tool) throws Exception {
        TestImages.Image img = TestImages.create(48, 40, 1, 1, 8, 8, false, "MONOCHROME2", 11);
        Path src = dir.resolve("src.dcm");
        img.write(src);
        Path enc = dir.resolve("enc.dcm");
        List<String> cmd = switch (tool) {
            case "j2k" -> List.of("gdcmconv", "--j2k", src.toString(), enc.toString());
            case "jpeg" -> List.of("dcmcjpeg", "+eb", src.toString(), enc.toString());
            case "jpeg-lossless" -> List.of("dcmcjpeg", "+e1", src.toString(), enc.toString());
            case "jpeg-ls" -> List.of("dcmcjpls", "+el", src.toString(), enc.toString());
            default -> throw new IllegalArgumentException(tool);
        };
        ExternalTool.require(cmd.get(0));
        ExternalTool.run(cmd);
        return enc;
    }

    /** The same file with one header element replaced (the pixel data bytes are copied untouched). */
    private Path withHeader(Path source, int tag, String value) throws Exception {
        Path edited = dir.resolve("edited.dcm");
        Dicom.rewriter().rewrite(source, edited, (path, e) -> e.tag() == tag ? ElementEdit.replace(value) : ElementEdit.KEEP,
                DicomDataset.empty(), null);
        return edited;
    }

    @ParameterizedTest(name = "{0}: {1} = {2}")
    @CsvSource({
        "j2k, Rows, 16000", "j2k, Columns, 41",
        "jpeg, Rows, 16000", "jpeg, Columns, 41",
        "jpeg-lossless, Rows, 16000",
        "jpeg-ls, Rows, 16000", "jpeg-ls, Columns, 41"})
    void dimensionMismatchIsAHardError(String tool, String element, int value) throws Exception {
        Path enc = encoded(tool);
        assertThat(Dicom.reader().open(enc).frame(0).length()).as("the unedited file decodes").isEqualTo(48 * 40);
        int tag = element.equals("Rows") ? DicomTags.Rows : DicomTags.Columns;
        Path edited = withHeader(enc, tag, String.valueOf(value));
        DicomFile file = Dicom.reader().open(edited);
        Throwable t = catchThrowable(() -> file.frame(0));
        assertThat(t).isInstanceOf(DicomReadException.class);
        String rows = element.equals("Rows") ? String.valueOf(value) : "48";
        String columns = element.equals("Columns") ? String.valueOf(value) : "40";
        assertThat(((DicomReadException) t).reason()).contains("header says " + rows + "x" + columns + "x1")
                .contains("codestream is 48x40x1").contains("refusing to pad or crop");
    }
}
