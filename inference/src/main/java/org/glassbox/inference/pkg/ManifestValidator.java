package org.glassbox.inference.pkg;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.glassbox.inference.pkg.ModelManifest.Channels;
import org.glassbox.inference.pkg.ModelManifest.Preprocessing;
import org.glassbox.inference.pkg.ModelManifest.ResizeMode;
import org.glassbox.inference.pkg.ModelManifest.WindowMode;

/**
 * The rules a parsed {@link ModelManifest} must satisfy before anything reaches an engine. Each
 * violation is reported as "FIELD PROBLEM" (e.g. "preprocessing.resize.size must be > 0"); all
 * violations are listed, in field order, joined by "; ".
 */
public final class ManifestValidator {
    /** Ids and versions become parts of file names and cache keys. */
    static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
    static final Pattern VERSION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._+-]{0,63}");
    /** Largest accepted H or W: bigger inputs are a typo, not a model (and would exhaust memory). */
    static final int MAX_SIDE = 8192;

    private ManifestValidator() {
    }

    /** @throws ModelPackageException "SOURCE: problem; problem; …" when anything is wrong */
    public static void validate(ModelManifest m, String source) throws ModelPackageException {
        List<String> problems = problems(m);
        if (!problems.isEmpty()) {
            throw new ModelPackageException(source + ": " + String.join("; ", problems));
        }
    }

    /** Every rule violated by {@code m}, in field order (empty when valid). */
    public static List<String> problems(ModelManifest m) {
        List<String> p = new ArrayList<>();
        if (m.schemaVersion() == null) {
            p.add("schemaVersion is required (" + ModelManifest.SCHEMA_VERSION + ")");
        } else if (m.schemaVersion() != ModelManifest.SCHEMA_VERSION) {
            p.add("schemaVersion " + m.schemaVersion() + " is not supported (this GlassBox reads " + ModelManifest.SCHEMA_VERSION + ")");
        }
        pattern(p, "id", m.id(), ID);
        pattern(p, "version", m.version(), VERSION);
        required(p, "task", m.task());
        labels(p, m.labels());
        Integer channelCount = inputShape(p, m.inputShape());
        required(p, "channels", m.channels());
        required(p, "output", m.output());
        weights(p, m.weights());
        preprocessing(p, m.preprocessing(), m.channels(), channelCount, m.inputShape());
        if (m.explain() != null) {
            text(p, "explain.targetLayer", m.explain().targetLayer());
            if (m.explain().embeddingLayer() != null) {
                text(p, "explain.embeddingLayer", m.explain().embeddingLayer());
            }
        }
        text(p, "licence", m.licence());
        text(p, "intendedUse", m.intendedUse());
        text(p, "trainingData", m.trainingData());
        if (m.metrics() != null) {
            for (Map.Entry<String, ModelManifest.Metric> e : m.metrics().entrySet()) {
                String f = "metrics." + e.getKey();
                if (e.getKey().isBlank()) {
                    p.add("metrics: a metric name is blank");
                }
                if (e.getValue() == null) {
                    p.add(f + " must be an object {value, cohort}");
                    continue;
                }
                finite(p, f + ".value", e.getValue().value());
                text(p, f + ".cohort", e.getValue().cohort());
            }
        }
        if (m.training() != null) {
            text(p, "training.command", m.training().command());
            if (m.training().seeds() != null) {
                m.training().seeds().forEach((name, seed) -> {
                    if (seed == null) {
                        p.add("training.seeds." + name + " must be an integer");
                    }
                });
            }
        }
        return p;
    }

    private static void labels(List<String> p, List<String> labels) {
        if (labels == null || labels.isEmpty()) {
            p.add("labels must list at least one label");
            return;
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < labels.size(); i++) {
            String label = labels.get(i);
            if (label == null || label.isBlank()) {
                p.add("labels[" + i + "] is blank");
            } else if (!seen.add(label)) {
                p.add("labels[" + i + "] '" + label + "' is a duplicate");
            }
        }
    }

    /** @return C when the shape is valid, else null */
    private static Integer inputShape(List<String> p, List<Integer> shape) {
        if (shape == null) {
            p.add("inputShape is required ([C, H, W])");
            return null;
        }
        if (shape.size() != 3 || hasNull(shape)) {
            p.add("inputShape must be [C, H, W] (3 integers), found " + shape);
            return null;
        }
        int c = shape.get(0);
        boolean ok = true;
        if (c != 1 && c != 3) {
            p.add("inputShape[0] (channels) must be 1 or 3, found " + c);
            ok = false;
        }
        for (int i = 1; i < 3; i++) {
            if (shape.get(i) <= 0 || shape.get(i) > MAX_SIDE) {
                p.add("inputShape[" + i + "] must be in 1.." + MAX_SIDE + ", found " + shape.get(i));
                ok = false;
            }
        }
        return ok ? c : null;
    }

    private static void weights(List<String> p, ModelManifest.Weights w) {
        if (w == null) {
            p.add("weights is required ({format, file})");
            return;
        }
        required(p, "weights.format", w.format());
        if (w.file() == null || w.file().isBlank()) {
            p.add("weights.file is required");
        } else {
            String problem = PackageFileNames.problem(w.file());
            if (problem != null) {
                p.add("weights.file " + problem);
            } else if (w.file().equals(ModelPackageLayout.MANIFEST)) {
                p.add("weights.file must not be " + ModelPackageLayout.MANIFEST);
            }
        }
    }

    private static void preprocessing(List<String> p, Preprocessing pre, Channels channels, Integer c, List<Integer> shape) {
        if (pre == null) {
            p.add("preprocessing is required");
            return;
        }
        if (pre.windowing() == null || pre.windowing().mode() == null) {
            p.add("preprocessing.windowing.mode is required (" + EnumTokens.choices(WindowMode.class) + ")");
        } else if (pre.windowing().mode() == WindowMode.EXPLICIT) {
            finite(p, "preprocessing.windowing.centre", pre.windowing().centre());
            Double width = pre.windowing().width();
            if (width == null || !Double.isFinite(width) || width < 1) {
                p.add("preprocessing.windowing.width must be a number ≥ 1 (PS3.3 C.11.2.1.2)");
            }
        } else if (pre.windowing().centre() != null || pre.windowing().width() != null) {
            p.add("preprocessing.windowing.centre and width apply only to mode explicit");
        }
        if (pre.scaling() == null) {
            p.add("preprocessing.scaling is required ({min, max}, e.g. [0, 1] or TorchXRayVision's [-1024, 1024])");
        } else {
            boolean a = finite(p, "preprocessing.scaling.min", pre.scaling().min());
            boolean b = finite(p, "preprocessing.scaling.max", pre.scaling().max());
            if (a && b && !(pre.scaling().min() < pre.scaling().max())) {
                p.add("preprocessing.scaling.min must be < max");
            }
        }
        Integer outSide = null;
        if (pre.resize() != null) {
            Integer size = pre.resize().size();
            if (size == null || size <= 0 || size > MAX_SIDE) {
                p.add("preprocessing.resize.size must be > 0 and ≤ " + MAX_SIDE);
            } else if (pre.resize().effectiveMode() == ResizeMode.EXACT) {
                outSide = size;
            }
            required(p, "preprocessing.resize.interpolation", pre.resize().interpolation());
            if (pre.resize().effectiveMode() == ResizeMode.SHORTER_SIDE && pre.centreCrop() == null) {
                p.add("preprocessing.centreCrop is required with resize.mode shorter-side (the output size would depend on the image)");
            }
        }
        if (pre.centreCrop() != null) {
            Integer size = pre.centreCrop().size();
            if (size == null || size <= 0 || size > MAX_SIDE) {
                p.add("preprocessing.centreCrop.size must be > 0 and ≤ " + MAX_SIDE);
                outSide = null;
            } else {
                if (outSide != null && size > outSide) {
                    p.add("preprocessing.centreCrop.size " + size + " exceeds resize.size " + outSide);
                }
                outSide = size;
            }
        }
        if (outSide != null && shape != null && shape.size() == 3 && !hasNull(shape)
                && (outSide.intValue() != shape.get(1) || outSide.intValue() != shape.get(2))) {
            p.add("preprocessing produces " + outSide + "×" + outSide + " but inputShape is " + shape.get(1) + "×" + shape.get(2));
        }
        if (c != null && channels != null) {
            int expected = channels == Channels.RGB || pre.replicateChannels() ? 3 : 1;
            if (channels == Channels.RGB && pre.replicateChannels()) {
                p.add("preprocessing.replicateChannels applies only to channels grey");
            } else if (expected != c) {
                p.add("inputShape[0] is " + c + " but channels " + EnumTokens.token(channels)
                        + (pre.replicateChannels() ? " with replicateChannels" : "") + " gives " + expected);
            }
        }
        if (pre.normalisation() != null) {
            List<Double> mean = pre.normalisation().mean();
            List<Double> std = pre.normalisation().std();
            if (mean == null || std == null) {
                p.add("preprocessing.normalisation needs both mean and std");
            } else {
                if (c != null && (mean.size() != c || std.size() != c)) {
                    p.add("preprocessing.normalisation.mean and std must have one value per input channel (" + c + ")");
                }
                for (int i = 0; i < mean.size(); i++) {
                    finite(p, "preprocessing.normalisation.mean[" + i + "]", mean.get(i));
                }
                for (int i = 0; i < std.size(); i++) {
                    Double s = std.get(i);
                    if (s == null || !Double.isFinite(s) || s <= 0) {
                        p.add("preprocessing.normalisation.std[" + i + "] must be > 0");
                    }
                }
            }
        }
    }

    private static boolean hasNull(List<?> list) {
        return list.stream().anyMatch(java.util.Objects::isNull);
    }

    private static void required(List<String> p, String field, Object value) {
        if (value == null) {
            p.add(field + " is required");
        }
    }

    private static void text(List<String> p, String field, String value) {
        if (value == null || value.isBlank()) {
            p.add(field + " is required (non-blank text)");
        }
    }

    private static void pattern(List<String> p, String field, String value, Pattern pattern) {
        if (value == null || value.isBlank()) {
            p.add(field + " is required");
        } else if (!pattern.matcher(value).matches()) {
            p.add(field + " '" + value + "' must match " + pattern.pattern());
        }
    }

    private static boolean finite(List<String> p, String field, Double value) {
        if (value == null || !Double.isFinite(value)) {
            p.add(field + " must be a finite number");
            return false;
        }
        return true;
    }
}
