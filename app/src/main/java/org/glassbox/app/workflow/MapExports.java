package org.glassbox.app.workflow;

import java.io.IOException;
import java.nio.file.Path;
import org.glassbox.core.dicom.DicomDataset;
import org.glassbox.core.dicom.MapContent;
import org.glassbox.core.dicom.ParametricMapWriter;
import org.glassbox.explain.Explanation;
import org.glassbox.explain.SaliencyMap;

/** Writes an explanation map as a DICOM Parametric Map referencing its source image (ADR 0012). */
public final class MapExports {
    private MapExports() {
    }

    /**
     * @param source       the explained image's header (the map references it and copies its patient/study)
     * @param modelId      for the series description
     * @param modelVersion for the series description
     * @param label        the explained output's label
     */
    public static void writeParametricMap(DicomDataset source, Explanation e, String modelId, String modelVersion, String label, Path out)
            throws IOException {
        String description = e.method().cliName() + " for " + label + ", " + modelId + " " + modelVersion;
        String version = MapExports.class.getPackage().getImplementationVersion();
        MapContent content = new MapContent(e.method().name(), description, e.method().cliName(), e.method().name(), "[arb'U]",
                version == null ? "dev" : version);
        SaliencyMap map = e.imageMap();
        new ParametricMapWriter().write(source, map.height(), map.width(), map.values(), content, out);
    }
}
