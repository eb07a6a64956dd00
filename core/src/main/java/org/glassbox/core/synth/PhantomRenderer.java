package org.glassbox.core.synth;

import static org.glassbox.core.synth.Anatomy.MU_CORTICAL;
import static org.glassbox.core.synth.Anatomy.MU_LUNG;
import static org.glassbox.core.synth.Anatomy.MU_SOFT;
import static org.glassbox.core.synth.Anatomy.MU_TRABECULAR;

import java.util.EnumMap;
import java.util.Map;

/**
 * Projects an {@link Anatomy} with its {@link Lesions} onto a pixel grid: body outline (elliptic
 * cross-section), breasts, lungs (air replacing soft tissue), mediastinum, heart and aortic knob,
 * trachea and main bronchi, a vessel tree, spine, posterior and anterior ribs, clavicles, diaphragm
 * and gastric bubble; then the findings, each replacing lung air by fluid or tissue; then the
 * optional shortcut marker (a lead ring). Everything is deterministic: no random numbers here.
 */
final class PhantomRenderer {
    private static final double DELTA = MU_SOFT - MU_LUNG;
    /** Lead ring marker: line integral inside the ring (near-total absorption). */
    private static final double MARKER_ATTENUATION = 5.0;

    private PhantomRenderer() {
    }

    static Phantom render(Anatomy a, Lesions lesions, CaseSpec spec, ImageGeometry g, double[] markerXY) {
        int rows = g.rows();
        int cols = g.columns();
        float[] att = new float[g.pixels()];
        float[] air = new float[g.pixels()];
        byte[] lungs = new byte[g.pixels()];
        byte[] heart = new byte[g.pixels()];
        double[] xs = new double[cols];
        for (int c = 0; c < cols; c++) {
            xs[c] = g.x(c);
        }
        double carinaY = a.yApex + 0.33 * (a.yCpRight - a.yApex);
        double tracheaHalf = 8.5 * a.scale;
        double spineHalf = 21 * a.scale;
        double discPeriod = 27 * a.scale;
        for (int r = 0; r < rows; r++) {
            double y = g.y(r);
            double bh = a.bodyHalfWidth(y);
            double bd = a.bodyDepthAt(y);
            int base = r * cols;
            for (int c = 0; c < cols; c++) {
                double x = xs[c];
                double dx = x - a.mid;
                double q = dx / bh;
                if (q * q >= 1) {
                    continue; // outside the body: direct beam
                }
                double l = MU_SOFT * bd * StrictMath.sqrt(1 - q * q);
                if (a.breasts) {
                    double bx = (Math.abs(dx) - 0.58 * a.thoraxHalf) / a.breastRx;
                    double by = (y - a.breastY) / a.breastRy;
                    double b2 = bx * bx + by * by;
                    if (b2 < 1) {
                        l += 0.9 * MU_SOFT * a.breastDepth * StrictMath.sqrt(1 - b2); // fat-rich, a little less dense
                    }
                }
                double ar = a.airThickness(x, y);
                if (ar > 0) {
                    l -= DELTA * ar;
                    air[base + c] = (float) ar;
                    if (!Double.isNaN(a.lungWidthFraction(x, y))) {
                        lungs[base + c] = 1;
                    }
                }
                if (a.inHeart(x, y)) {
                    heart[base + c] = 1;
                }
                double tx = (x - a.mid + 3) / tracheaHalf;
                if (y < carinaY && tx * tx < 1) {
                    l -= MU_SOFT * 2 * tracheaHalf * StrictMath.sqrt(1 - tx * tx) * Math.min(1, (carinaY - y) / 15);
                }
                double sx = dx / spineHalf;
                if (sx * sx < 1) {
                    double phase = ((y - a.yApex) % discPeriod + discPeriod) % discPeriod;
                    double bone = phase < 5 * a.scale ? 0.75 : 1.0;
                    l += MU_TRABECULAR * 0.4 * 30 * a.scale * StrictMath.sqrt(1 - sx * sx) * bone;
                }
                if (a.gastricBubble) {
                    double gx = (x - (a.mid + 0.45 * a.thoraxHalf)) / (34 * a.scale);
                    double gy = (y - (a.yDomeLeft + 24 * a.scale)) / (17 * a.scale);
                    double g2 = gx * gx + gy * gy;
                    if (g2 < 1 && y > a.diaphragmY(1, 0.55) + 3) {
                        l -= MU_SOFT * 35 * a.scale * StrictMath.sqrt(1 - g2);
                    }
                }
                att[base + c] = (float) l;
            }
        }
        drawRibs(a, g, att);
        for (Anatomy.Segment s : a.vessels) {
            drawCapsule(s, g, att, air);
        }
        Map<Finding, byte[]> masks = new EnumMap<>(Finding.class);
        if (!lesions.effusions.isEmpty()) {
            masks.put(Finding.PLEURAL_EFFUSION, drawEffusions(a, lesions, g, att, air, lungs));
        }
        if (lesions.consolidation != null) {
            masks.put(Finding.CONSOLIDATION, drawConsolidation(lesions.consolidation, g, att, air, lungs));
        }
        if (lesions.nodule != null) {
            masks.put(Finding.NODULE, drawNodule(lesions.nodule, g, att, air, lungs));
        }
        if (spec.has(Finding.CARDIOMEGALY)) {
            masks.put(Finding.CARDIOMEGALY, heart.clone());
        }
        byte[] marker = null;
        if (markerXY != null) {
            marker = drawMarker(markerXY[0], markerXY[1], g, att);
        }
        return new Phantom(g, att, lungs, heart, masks, marker);
    }

    /** Posterior ribs (10 per side), fainter anterior ribs (6 per side) and clavicles, as hollow bone tubes. */
    private static void drawRibs(Anatomy a, ImageGeometry g, float[] att) {
        double s = a.scale;
        for (int side = -1; side <= 1; side += 2) {
            for (int i = 0; i < 10; i++) {
                double y0 = a.yApex - 6 * s + i * a.ribSpacing;
                final double base = y0;
                drawBand(a, g, att, side, 18 * s, a.thoraxHalf * 1.04,
                        u -> base + s * (-14 * (u / a.thoraxHalf) + 72 * (u / a.thoraxHalf) * (u / a.thoraxHalf)),
                        5.2 * s, 3.4 * s, 1.0);
            }
            for (int i = 0; i < 6; i++) {
                double y0 = a.yApex + 22 * s + i * a.ribSpacing * 1.15;
                drawBand(a, g, att, side, a.thoraxHalf * 0.38, a.thoraxHalf * 1.02,
                        u -> y0 + 55 * s * (1 - u / a.thoraxHalf), 6.0 * s, 2.5 * s, 0.45);
            }
            double len = a.thoraxHalf * 1.15;
            drawBand(a, g, att, side, 22 * s, len,
                    u -> a.yApex + s * (22 - 48 * (u / len) + 10 * StrictMath.sin(StrictMath.PI * u / len)),
                    7.0 * s, 5.0 * s, 1.0);
        }
    }

    /**
     * Adds a curved bone band: for each column between lateral distances uFrom..uTo from the
     * midline on one side, a tube of vertical half-height {@code halfHeight} and AP half-depth
     * {@code halfDepth} centred on {@code centre(u)}, with a cortex (outer 40 %) denser than its core.
     */
    private static void drawBand(Anatomy a, ImageGeometry g, float[] att, int side, double uFrom, double uTo,
                                 java.util.function.DoubleUnaryOperator centre, double halfHeight, double halfDepth, double strength) {
        int cols = g.columns();
        int c0 = Math.max(0, g.column(Math.min(a.mid + side * uFrom, a.mid + side * uTo)));
        int c1 = Math.min(cols - 1, g.column(Math.max(a.mid + side * uFrom, a.mid + side * uTo)));
        double inner = 0.6;
        for (int c = c0; c <= c1; c++) {
            double x = g.x(c);
            double u = side * (x - a.mid);
            if (u < uFrom || u > uTo) {
                continue;
            }
            double taper = Math.min(1.0, Math.min(u - uFrom, uTo - u) / (6 * a.scale)); // ends fade in
            double yc = centre.applyAsDouble(u);
            int r0 = Math.max(0, g.row(yc - halfHeight));
            int r1 = Math.min(g.rows() - 1, g.row(yc + halfHeight));
            for (int r = r0; r <= r1; r++) {
                double d = (g.y(r) - yc) / halfHeight;
                if (d * d >= 1) {
                    continue;
                }
                double outerChord = 2 * halfDepth * StrictMath.sqrt(1 - d * d);
                double di = d / inner;
                double innerChord = di * di < 1 ? 2 * halfDepth * inner * StrictMath.sqrt(1 - di * di) : 0;
                double bone = MU_CORTICAL * (outerChord - innerChord) + MU_TRABECULAR * innerChord;
                int i = r * cols + c;
                if (att[i] > 0) {
                    att[i] += (float) (bone * strength * taper);
                }
            }
        }
    }

    /** A vessel or bronchus: adds delta × chord, limited to the lung air available at each pixel. */
    private static void drawCapsule(Anatomy.Segment s, ImageGeometry g, float[] att, float[] air) {
        double rad = s.radius();
        int c0 = Math.max(0, g.column(Math.min(s.x0(), s.x1()) - rad));
        int c1 = Math.min(g.columns() - 1, g.column(Math.max(s.x0(), s.x1()) + rad));
        int r0 = Math.max(0, g.row(Math.min(s.y0(), s.y1()) - rad));
        int r1 = Math.min(g.rows() - 1, g.row(Math.max(s.y0(), s.y1()) + rad));
        double vx = s.x1() - s.x0();
        double vy = s.y1() - s.y0();
        double len2 = vx * vx + vy * vy;
        for (int r = r0; r <= r1; r++) {
            double y = g.y(r);
            for (int c = c0; c <= c1; c++) {
                int i = r * g.columns() + c;
                if (air[i] <= 0) {
                    continue;
                }
                double x = g.x(c);
                double t = len2 > 0 ? Math.max(0, Math.min(1, ((x - s.x0()) * vx + (y - s.y0()) * vy) / len2)) : 0;
                double ex = x - (s.x0() + t * vx);
                double ey = y - (s.y0() + t * vy);
                double d2 = ex * ex + ey * ey;
                if (d2 >= rad * rad) {
                    continue;
                }
                double chord = Math.min(2 * StrictMath.sqrt(rad * rad - d2), air[i]);
                att[i] += (float) (s.delta() * chord);
                if (s.delta() > 0) {
                    air[i] -= (float) chord;
                }
            }
        }
    }

    private static byte[] drawEffusions(Anatomy a, Lesions lesions, ImageGeometry g, float[] att, float[] air, byte[] lungs) {
        byte[] mask = new byte[g.pixels()];
        for (Lesions.Effusion e : lesions.effusions) {
            double top = e.levelY(a, 1.0) - 10;
            int r0 = Math.max(0, g.row(top));
            int r1 = Math.min(g.rows() - 1, g.row(a.yCp(e.side()) + 2));
            for (int r = r0; r <= r1; r++) {
                double y = g.y(r);
                for (int c = 0; c < g.columns(); c++) {
                    int i = r * g.columns() + c;
                    double x = g.x(c);
                    if (a.side(x) != e.side()) {
                        continue;
                    }
                    double w = a.lungWidthFractionIgnoringHeart(x, y);
                    if (Double.isNaN(w)) {
                        continue;
                    }
                    double level = e.levelY(a, w);
                    double o = smoothstep(level - 4 * a.scale, level + 10 * a.scale, y);
                    if (o > 0 && air[i] > 0) {
                        double filled = o * air[i];
                        att[i] += (float) (DELTA * filled);
                        air[i] -= (float) filled;
                    }
                    if (y >= level && lungs[i] == 1) {
                        mask[i] = 1;
                    }
                }
            }
        }
        return mask;
    }

    private static byte[] drawConsolidation(Lesions.Consolidation k, ImageGeometry g, float[] att, float[] air, byte[] lungs) {
        byte[] mask = new byte[g.pixels()];
        double x0 = Double.MAX_VALUE;
        double x1 = -Double.MAX_VALUE;
        double y0 = Double.MAX_VALUE;
        double y1 = -Double.MAX_VALUE;
        for (Lesions.Blob b : k.blobs()) {
            x0 = Math.min(x0, b.x() - 3 * b.sigma());
            x1 = Math.max(x1, b.x() + 3 * b.sigma());
            y0 = Math.min(y0, b.y() - 3 * b.sigma());
            y1 = Math.max(y1, b.y() + 3 * b.sigma());
        }
        for (int r = Math.max(0, g.row(y0)); r <= Math.min(g.rows() - 1, g.row(y1)); r++) {
            double y = g.y(r);
            for (int c = Math.max(0, g.column(x0)); c <= Math.min(g.columns() - 1, g.column(x1)); c++) {
                int i = r * g.columns() + c;
                double f = k.field(g.x(c), y);
                double o = smoothstep(0.35, 0.65, f);
                if (o > 0 && air[i] > 0) {
                    double filled = o * k.fill() * air[i];
                    att[i] += (float) (DELTA * filled);
                    air[i] -= (float) filled;
                }
                if (f >= 0.5 && lungs[i] == 1) {
                    mask[i] = 1;
                }
            }
        }
        return mask;
    }

    private static byte[] drawNodule(Lesions.Nodule n, ImageGeometry g, float[] att, float[] air, byte[] lungs) {
        byte[] mask = new byte[g.pixels()];
        double rad = n.radius();
        for (int r = Math.max(0, g.row(n.y() - rad)); r <= Math.min(g.rows() - 1, g.row(n.y() + rad)); r++) {
            double dy = g.y(r) - n.y();
            for (int c = Math.max(0, g.column(n.x() - rad)); c <= Math.min(g.columns() - 1, g.column(n.x() + rad)); c++) {
                double dx = g.x(c) - n.x();
                double d2 = dx * dx + dy * dy;
                if (d2 >= rad * rad) {
                    continue;
                }
                int i = r * g.columns() + c;
                double chord = Math.min(2 * StrictMath.sqrt(rad * rad - d2), air[i]);
                att[i] += (float) (DELTA * chord);
                air[i] -= (float) chord;
                if (lungs[i] == 1) {
                    mask[i] = 1;
                }
            }
        }
        return mask;
    }

    /** A lead ring, 8 mm outer and 3 mm inner radius, edges anti-aliased over one pixel. */
    /** Adds the ring to {@code att}; returns the mask of the pixels it touches (its disc, hole included). */
    private static byte[] drawMarker(double mx, double my, ImageGeometry g, float[] att) {
        double outer = 8.0;
        double inner = 3.0;
        double px = g.spacingMm();
        byte[] mask = new byte[g.rows() * g.columns()];
        for (int r = Math.max(0, g.row(my - outer - px)); r <= Math.min(g.rows() - 1, g.row(my + outer + px)); r++) {
            for (int c = Math.max(0, g.column(mx - outer - px)); c <= Math.min(g.columns() - 1, g.column(mx + outer + px)); c++) {
                double d = StrictMath.hypot(g.x(c) - mx, g.y(r) - my);
                double cover = clamp01((outer - d) / px + 0.5) * clamp01((d - inner) / px + 0.5);
                att[r * g.columns() + c] += (float) (MARKER_ATTENUATION * cover);
                if (d < outer + px / 2) {
                    mask[r * g.columns() + c] = 1;
                }
            }
        }
        return mask;
    }

    static double smoothstep(double e0, double e1, double x) {
        double t = clamp01((x - e0) / (e1 - e0));
        return t * t * (3 - 2 * t);
    }

    private static double clamp01(double v) {
        return v < 0 ? 0 : v > 1 ? 1 : v;
    }
}
