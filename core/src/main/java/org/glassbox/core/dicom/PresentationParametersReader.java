package org.glassbox.core.dicom;

import java.util.ArrayList;
import java.util.List;
import org.glassbox.core.imaging.LookupTable;
import org.glassbox.core.imaging.ModalityTransform;
import org.glassbox.core.imaging.PresentationLutShape;
import org.glassbox.core.imaging.PresentationParameters;
import org.glassbox.core.imaging.VoiChoice;
import org.glassbox.core.imaging.VoiLut;
import org.glassbox.core.imaging.VoiLutFunction;
import org.glassbox.core.imaging.Window;
import org.glassbox.core.model.PixelDescription;

/**
 * Reads an image's {@link PresentationParameters} from its header:
 * <ul>
 * <li>Modality LUT Module (PS3.3 C.11.1): the Modality LUT Sequence (0028,3000) when present
 *     (C.11.1.1.1), else Rescale Slope (0028,1053) / Intercept (0028,1052) (C.11.1.1.2; absent means
 *     1 and 0), with Rescale Type (0028,1054) or Modality LUT Type (0028,3004) as units;</li>
 * <li>VOI LUT Module (C.11.2): every Window Center (0028,1050) / Window Width (0028,1051) pair
 *     (VM 1-n) with its Window Center &amp; Width Explanation (0028,1055) and the VOI LUT Function
 *     (0028,1056) (C.11.2.1.2, C.11.2.1.3), then every VOI LUT Sequence (0028,3010) item with its LUT
 *     Explanation (C.11.2.1.1);</li>
 * <li>Presentation LUT Shape (2050,0020) (C.11.6.1) and Photometric Interpretation MONOCHROME1
 *     (C.7.6.3.1.2).</li>
 * </ul>
 * A broken part (an invalid window, a LUT whose data do not match its descriptor, an unknown VOI LUT
 * Function) is left out or replaced by the default, with one line in
 * {@link PresentationParameters#warnings()}: the image stays displayable. Enhanced multi-frame
 * objects (functional groups) are not read yet.
 */
public final class PresentationParametersReader {
    private PresentationParametersReader() {
    }

    /**
     * @throws DicomReadException when the file has no pixel data or an invalid Image Pixel Module
     */
    public static PresentationParameters read(DicomFile file) throws DicomReadException {
        return read(file.dataset(), file.pixelDescription());
    }

    /** From a header and the pixel layout it describes (for the sign of stored values and MONOCHROME1). */
    public static PresentationParameters read(DicomDataset ds, PixelDescription pixels) {
        List<String> warnings = new ArrayList<>();
        ModalityTransform modality = null;
        String units = null;
        DicomElement mlut = ds.get(DicomTags.ModalityLUTSequence).orElse(null);
        if (mlut != null && !mlut.items().isEmpty()) {
            if (mlut.items().size() > 1) {
                warnings.add("Modality LUT Sequence has " + mlut.items().size() + " items; the first is used (one allowed)");
            }
            DicomDataset item = mlut.items().get(0);
            try {
                // C.11.1.1.1: descriptor value 2 follows Pixel Representation.
                modality = new ModalityTransform.Table(LutReader.read(item, pixels.signed()));
                units = item.string(DicomTags.ModalityLUTType);
            } catch (IllegalArgumentException e) {
                warnings.add("Modality LUT Sequence ignored: " + e.getMessage());
            }
        }
        if (modality == null) {
            modality = rescale(ds, warnings);
            units = ds.string(DicomTags.RescaleType);
        }

        List<VoiChoice> choices = new ArrayList<>(windows(ds, warnings));
        boolean voiSigned = voiInputSigned(modality, pixels);
        DicomElement vlut = ds.get(DicomTags.VOILUTSequence).orElse(null);
        if (vlut != null) {
            for (int i = 0; i < vlut.items().size(); i++) {
                DicomDataset item = vlut.items().get(i);
                try {
                    LookupTable t = LutReader.read(item, voiSigned);
                    choices.add(new VoiChoice(new VoiLut(t), item.string(DicomTags.LUTExplanation)));
                } catch (IllegalArgumentException e) {
                    warnings.add("VOI LUT Sequence item " + (i + 1) + " ignored: " + e.getMessage());
                }
            }
        }

        PresentationLutShape shape = null;
        try {
            shape = PresentationLutShape.parse(ds.string(DicomTags.PresentationLUTShape));
        } catch (IllegalArgumentException e) {
            warnings.add(e.getMessage() + "; IDENTITY used");
        }
        return new PresentationParameters(modality, units, choices, shape, pixels.isMonochrome1(), warnings);
    }

    private static ModalityTransform rescale(DicomDataset ds, List<String> warnings) {
        Double slope = number(ds, DicomTags.RescaleSlope, "Rescale Slope", warnings);
        Double intercept = number(ds, DicomTags.RescaleIntercept, "Rescale Intercept", warnings);
        if (slope == null && intercept == null) {
            return ModalityTransform.IDENTITY;
        }
        try {
            return new ModalityTransform.Rescale(slope == null ? 1 : slope, intercept == null ? 0 : intercept);
        } catch (IllegalArgumentException e) {
            warnings.add(e.getMessage() + "; identity used");
            return ModalityTransform.IDENTITY;
        }
    }

    /** The first value as a number; null when absent or empty; null with a warning when not a number. */
    private static Double number(DicomDataset ds, int tag, String name, List<String> warnings) {
        String s = ds.string(tag);
        if (s == null) {
            return null;
        }
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            warnings.add(name + " " + DicomTags.format(tag) + " is not a number: '" + s + "'; ignored");
            return null;
        }
    }

    /** Window Center/Width pairs in value order (C.11.2.1.2: VM > 1 gives alternative views). */
    private static List<VoiChoice> windows(DicomDataset ds, List<String> warnings) {
        List<String> centres = values(ds, DicomTags.WindowCenter);
        List<String> widths = values(ds, DicomTags.WindowWidth);
        List<String> explanations = values(ds, DicomTags.WindowCenterWidthExplanation);
        if (centres.size() != widths.size()) {
            warnings.add("Window Center has " + centres.size() + " values, Window Width " + widths.size()
                    + "; only pairs are used");
        }
        VoiLutFunction function = VoiLutFunction.LINEAR;
        try {
            function = VoiLutFunction.parse(ds.string(DicomTags.VOILUTFunction));
        } catch (IllegalArgumentException e) {
            warnings.add(e.getMessage() + "; LINEAR used");
        }
        List<VoiChoice> out = new ArrayList<>();
        int n = Math.min(centres.size(), widths.size());
        for (int i = 0; i < n; i++) {
            try {
                Window w = new Window(Double.parseDouble(centres.get(i)), Double.parseDouble(widths.get(i)), function);
                String explanation = i < explanations.size() && !explanations.get(i).isBlank() ? explanations.get(i).trim() : null;
                out.add(new VoiChoice(w, explanation));
            } catch (IllegalArgumentException e) { // NumberFormatException included
                warnings.add("window " + (i + 1) + " (centre '" + centres.get(i) + "', width '" + widths.get(i)
                        + "') ignored: " + e.getMessage());
            }
        }
        return out;
    }

    private static List<String> values(DicomDataset ds, int tag) {
        return ds.get(tag).map(DicomElement::values).orElse(List.of()).stream().map(String::trim).toList();
    }

    /**
     * Whether VOI LUT Descriptor value 2 is SS (C.11.2.1.1): as Pixel Representation when there is no
     * modality stage; SS when the rescaled range may be negative; US otherwise (a Modality LUT's output
     * is unsigned).
     */
    private static boolean voiInputSigned(ModalityTransform modality, PixelDescription pixels) {
        if (modality instanceof ModalityTransform.Table) {
            return false;
        }
        int bits = Math.min(pixels.bitsStored(), 32);
        double min = pixels.signed() ? -Math.pow(2, bits - 1) : 0;
        double max = pixels.signed() ? Math.pow(2, bits - 1) - 1 : Math.pow(2, bits) - 1;
        ModalityTransform.Rescale r = (ModalityTransform.Rescale) modality;
        return Math.min(r.slope() * min + r.intercept(), r.slope() * max + r.intercept()) < 0;
    }
}
