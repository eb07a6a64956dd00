package org.glassbox.core.synth;

import java.util.ArrayList;
import java.util.List;

/**
 * The sampled geometry of the findings of one case, in millimetres (coordinates as in
 * {@link ImageGeometry}). Every lesion is placed inside a lung field of the {@link Anatomy}, so its
 * mask lies within the lungs; cardiomegaly lives in the anatomy's heart size instead.
 */
final class Lesions {
    /** A nodule: sphere centre and radius. */
    record Nodule(double x, double y, double radius) {
    }

    /** One Gaussian blob of a consolidation's field. */
    record Blob(double x, double y, double sigma, double weight) {
    }

    /** Consolidation: the region where the blob field ≥ ½, filled to {@code fill} of its air. */
    record Consolidation(List<Blob> blobs, double fill) {
        double field(double x, double y) {
            double f = 0;
            for (Blob b : blobs) {
                double dx = x - b.x();
                double dy = y - b.y();
                double q = (dx * dx + dy * dy) / (2 * b.sigma() * b.sigma());
                if (q < 12) {
                    f += b.weight() * StrictMath.exp(-q);
                }
            }
            return f;
        }
    }

    /** Effusion in one hemithorax: fluid level {@code height} mm above the costophrenic angle, meniscus rising laterally. */
    record Effusion(int side, double height, double meniscus) {
        double levelY(Anatomy a, double w) {
            return a.yCp(side) - height - meniscus * w * w;
        }
    }

    final Nodule nodule;
    final Consolidation consolidation;
    final List<Effusion> effusions;

    private Lesions(Nodule nodule, Consolidation consolidation, List<Effusion> effusions) {
        this.nodule = nodule;
        this.consolidation = consolidation;
        this.effusions = effusions;
    }

    static Lesions sample(CaseSpec spec, Anatomy a, SynthRandom rng) {
        Nodule nodule = spec.has(Finding.NODULE) ? nodule(a, rng) : null;
        Consolidation consolidation = spec.has(Finding.CONSOLIDATION) ? consolidation(a, rng) : null;
        List<Effusion> effusions = new ArrayList<>();
        if (spec.has(Finding.PLEURAL_EFFUSION)) {
            double u = rng.uniform();
            double h = rng.uniform(15, 70) * a.scale;
            double m = rng.uniform(10, 30) * a.scale;
            if (u < 0.7) {
                effusions.add(new Effusion(u < 0.4 ? -1 : 1, h, m));
            } else {
                effusions.add(new Effusion(-1, h, m));
                effusions.add(new Effusion(1, h * rng.uniform(0.5, 1.0), m));
            }
        }
        return new Lesions(nodule, consolidation, List.copyOf(effusions));
    }

    private static Nodule nodule(Anatomy a, SynthRandom rng) {
        for (int attempt = 0; attempt < 10_000; attempt++) {
            double r = rng.uniform(4, 15);
            double[] p = pointInLung(a, rng);
            if (discInsideLung(a, p[0], p[1], r + 2)) {
                return new Nodule(p[0], p[1], r);
            }
        }
        throw new IllegalStateException("could not place a nodule inside the lungs");
    }

    private static Consolidation consolidation(Anatomy a, SynthRandom rng) {
        double[] c;
        double zone = rng.uniform();
        double lo = zone < 0.6 ? 0.55 : zone < 0.85 ? 0.3 : 0.05;
        do {
            c = pointInLung(a, rng);
        } while ((c[1] - a.yApex) / (a.yCp(a.side(c[0])) - a.yApex) < lo);
        List<Blob> blobs = new ArrayList<>();
        blobs.add(new Blob(c[0], c[1], rng.uniform(12, 26) * a.scale, 1.0));
        int n = 2 + rng.nextInt(4);
        for (int i = 0; i < n; i++) {
            blobs.add(new Blob(c[0] + rng.normal(0, 18, -40, 40) * a.scale, c[1] + rng.normal(0, 14, -30, 30) * a.scale,
                    rng.uniform(8, 22) * a.scale, rng.uniform(0.5, 1.0)));
        }
        return new Consolidation(List.copyOf(blobs), rng.uniform(0.55, 0.9));
    }

    /** A uniformly drawn point inside a lung field (not over the heart). */
    static double[] pointInLung(Anatomy a, SynthRandom rng) {
        for (int attempt = 0; attempt < 100_000; attempt++) {
            double x = a.mid + rng.uniform(-a.thoraxHalf, a.thoraxHalf);
            double y = rng.uniform(a.yApex, Math.max(a.yCpLeft, a.yCpRight));
            if (!Double.isNaN(a.lungWidthFraction(x, y))) {
                return new double[] {x, y};
            }
        }
        throw new IllegalStateException("lung field is empty");
    }

    private static boolean discInsideLung(Anatomy a, double x, double y, double r) {
        for (int k = 0; k < 16; k++) {
            double t = 2 * StrictMath.PI * k / 16;
            if (Double.isNaN(a.lungWidthFraction(x + r * StrictMath.cos(t), y + r * StrictMath.sin(t)))) {
                return false;
            }
        }
        return !Double.isNaN(a.lungWidthFraction(x, y));
    }
}
