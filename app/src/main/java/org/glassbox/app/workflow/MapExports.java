package org.glassbox.app.workflow;

import java.io.IOException;
import java.nio.file.Path;
import org.glassbox.core.dicom.DicomDataset;
import org.glassbox.core.dicom.DicomTags;
import org.glassbox.core.dicom.MapContent;
import org.glassbox.core.dicom.ParametricMapWriter;
import org.glassbox.core.imaging.ModelInputSpec;
import org.glassbox.explain.Explanation;
import org.glassbox.explain.SaliencyMap;
import org.glassbox.viewer.render.MapFootprint;

/**
 * Writes an explanation map as a DICOM Parametric Map referencing its source image (ADR 0012), for
 * models whose maps cover the whole image (centre-cropping models are refused for now).
 */
public final class MapExports {
    private MapExports() {
    }

    /**
     * @param source       the explained image's header (the map references it and copies its patient/study)
     * @param spec         the model's preprocessing: where its maps lie on the image
     * @param modelId      for the series description
     * @param modelVersion for the series description
     * @param label        the explained output's label
     * @throws IllegalArgumentException when the model centre-crops (see {@link #requireWholeFrame}); nothing is written
     */
    public static void writeParametricMap(DicomDataset source, Explanation e, ModelInputSpec spec, String modelId, String modelVersion,
                                          String label, Path out) throws IOException {
        requireWholeFrame(source, spec, modelId, modelVersion);
        String description = e.method().cliName() + " for " + label + ", " + modelId + " " + modelVersion;
        String version = MapExports.class.getPackage().getImplementationVersion();
        MapContent content = new MapContent(e.method().name(), description, e.method().cliName(), e.method().name(), "[arb'U]",
                version == null ? "dev" : version);
        SaliencyMap map = e.imageMap();
        new ParametricMapWriter().write(source, map.height(), map.width(), map.values(), content, out);
    }

    /**
     * Refuses a model whose maps do not cover the whole image. {@link ParametricMapWriter} places a
     * map over the source's whole field of view (resize, no crop: spacing = source spacing × grid
     * ratio, same position); a centre-cropping model's map covers only the centre, so its spacing and
     * position would be wrong. Until the writer handles an offset, such a map is not exported.
     *
     * @throws IllegalArgumentException naming the model and the reason
     */
    public static void requireWholeFrame(DicomDataset source, ModelInputSpec spec, String modelId, String modelVersion) {
        int rows = source.integer(DicomTags.Rows, -1);
        int columns = source.integer(DicomTags.Columns, -1);
        if (rows < 1 || columns < 1) {
            throw new IllegalArgumentException("the source image has no Rows/Columns: cannot place the map on it");
        }
        if (!MapFootprint.ofModelInput(spec, rows, columns).equals(MapFootprint.whole(columns, rows))) {
            throw new IllegalArgumentException(modelId + " " + modelVersion + " centre-crops its input, so its maps cover only the centre of the image;"
                    + " the DICOM Parametric Map export cannot place such a map yet (export the view as PNG instead)");
        }
    }
}
