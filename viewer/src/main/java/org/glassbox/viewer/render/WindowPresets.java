package org.glassbox.viewer.render;

import java.util.List;
import java.util.Locale;
import org.glassbox.core.imaging.Window;

/**
 * Named windows per modality, in modality units (CT: Hounsfield units), as reading rooms use them
 * (the CT values are the common textbook/Weasis defaults). Projection radiography has no
 * calibrated units, so CR/DX/MG presets come from the image itself (file VOI, min–max), not from here.
 */
public final class WindowPresets {
    private WindowPresets() {
    }

    /** A preset: a name for the menu and the window (null: the image's automatic window, from its VOI or range). */
    public record Preset(String name, Window window) {
    }

    /** Presets for a DICOM Modality (0008,0060) value; empty when the modality has no calibrated units. */
    public static List<Preset> forModality(String modality) {
        String m = modality == null ? "" : modality.trim().toUpperCase(Locale.ROOT);
        if ("CT".equals(m)) {
            return List.of(
                    new Preset("Lung", Window.linear(-600, 1500)),
                    new Preset("Mediastinum", Window.linear(50, 350)),
                    new Preset("Abdomen", Window.linear(40, 400)),
                    new Preset("Bone", Window.linear(400, 1800)),
                    new Preset("Brain", Window.linear(40, 80)),
                    new Preset("Stroke", Window.linear(40, 40)),
                    new Preset("Liver", Window.linear(60, 160)));
        }
        return List.of();
    }
}
