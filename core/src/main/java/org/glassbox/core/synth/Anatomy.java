package org.glassbox.core.synth;

import java.util.ArrayList;
import java.util.List;
import org.glassbox.core.model.Sex;

/**
 * The sampled geometry of one patient's chest in a PA projection, in millimetres (coordinates as in
 * {@link ImageGeometry}: origin at the detector centre, x to the image's right = patient's left, y
 * down). Sex and age act modestly: men are ~8 % larger, women have breast shadows and a slightly
 * higher cardiothoracic ratio, the ratio rises ~0.01 per decade after 40.
 *
 * <p>The lung test {@link #lungWidthFraction(double, double)} is analytic, so lesions can be placed
 * inside a lung before any image exists and at any resolution.
 */
public final class Anatomy {
    /** Linear attenuation of soft tissue at the effective energy of a chest beam (~60 keV), per mm. */
    static final double MU_SOFT = 0.020;
    /** Inflated lung (density ~0.26), per mm. */
    static final double MU_LUNG = 0.005;
    /** Excess over soft tissue of cortical and of trabecular bone, per mm. */
    static final double MU_CORTICAL = 0.050;
    static final double MU_TRABECULAR = 0.015;

    final double scale;
    final double mid;
    final double yApex;
    final double yCpRight;
    final double yCpLeft;
    final double yDomeRight;
    final double yDomeLeft;
    final double thoraxHalf;
    final double mediastinumHalf;
    final double bodyHalf;
    final double shoulderHalf;
    final double neckHalf;
    final double bodyDepth;
    final double lungDepth;
    final double ctr;
    final double heartX;
    final double heartY;
    final double heartHalfW;
    final double heartHalfH;
    final double heartAngle;
    final double knobX;
    final double knobY;
    final double knobR;
    final boolean breasts;
    final double breastRx;
    final double breastRy;
    final double breastDepth;
    final double breastY;
    final boolean gastricBubble;
    final double ribSpacing;
    final List<Segment> vessels;

    /** A capsule (line segment with radius) of tissue; {@code delta} is the attenuation it adds per mm of chord. */
    record Segment(double x0, double y0, double x1, double y1, double radius, double delta) {
    }

    private Anatomy(CaseSpec spec, SynthRandom rng, double ctr) {
        boolean female = spec.sex() == Sex.FEMALE;
        double ageFactor = (Math.min(spec.ageYears(), 80) - 50) / 10.0;
        scale = (female ? 0.92 : 1.0) * rng.normal(1.0, 0.045, 0.85, 1.15);
        double s = scale;
        mid = rng.normal(0, 4, -12, 12);
        double shift = rng.normal(0, 10, -25, 25);
        yApex = -170 * s + shift;
        double height = 255 * s * rng.normal(1.0, 0.04, 0.9, 1.1) + 3 * ageFactor; // mild hyperinflation with age
        yCpRight = yApex + height;
        yCpLeft = yCpRight + rng.normal(12, 4, 4, 22);
        yDomeRight = yCpRight - rng.normal(55, 7, 40, 70) * s;
        yDomeLeft = yDomeRight + (yCpLeft - yCpRight) + rng.normal(5, 3, 0, 12);
        thoraxHalf = 143 * s * rng.normal(1.0, 0.035, 0.9, 1.1);
        mediastinumHalf = 29 * s * rng.normal(1.0, 0.08, 0.8, 1.25);
        double fat = rng.normal(female ? 22 : 18, 7, 6, 45) * s;
        bodyHalf = thoraxHalf + 14 * s + fat;
        shoulderHalf = bodyHalf * 1.10;
        neckHalf = 52 * s;
        bodyDepth = rng.normal(215, 15, 170, 270) * s + 0.4 * fat;
        lungDepth = 0.62 * bodyDepth;

        this.ctr = ctr;
        heartAngle = Math.toRadians(rng.normal(28, 5, 15, 40));
        double k = rng.normal(0.80, 0.05, 0.68, 0.92); // half-height / half-width
        double cos = StrictMath.cos(heartAngle);
        double sin = StrictMath.sin(heartAngle);
        // horizontal extent of the rotated ellipse = 2·sqrt(w²cos² + h²sin²) = ctr · 2·thoraxHalf
        heartHalfW = ctr * thoraxHalf / StrictMath.sqrt(cos * cos + k * k * sin * sin);
        heartHalfH = k * heartHalfW;
        double verticalExtent = StrictMath.sqrt(heartHalfW * heartHalfW * sin * sin + heartHalfH * heartHalfH * cos * cos);
        heartX = mid + ctr * thoraxHalf / 3.0; // two thirds of the heart lie left of the midline
        heartY = yDomeLeft + 8 * s - verticalExtent;
        knobR = rng.normal(14, 2, 10, 18) * s;
        knobX = mid + mediastinumHalf - 0.3 * knobR;
        knobY = yApex + 0.30 * height;

        breasts = female;
        double cup = rng.uniform(0.8, 1.25);
        breastRx = 62 * s * cup;
        breastRy = 50 * s * cup;
        breastDepth = rng.uniform(15, 40) * cup;
        breastY = yDomeRight - rng.uniform(5, 30) * s;
        gastricBubble = rng.bernoulli(0.8);
        ribSpacing = height * 0.95 / 10.0;
        vessels = growVessels(rng);
    }

    /**
     * Draws the anatomy of {@code spec}. The cardiothoracic ratio is 0.56–0.68 with cardiomegaly,
     * otherwise about 0.44 (+0.01 per decade over 40, +0.01 for women), capped at 0.50.
     */
    static Anatomy sample(CaseSpec spec, SynthRandom rng) {
        double ctr;
        if (spec.has(Finding.CARDIOMEGALY)) {
            ctr = rng.uniform(0.56, 0.68);
        } else {
            double mean = 0.43 + 0.01 * Math.max(0, (spec.ageYears() - 40) / 10.0) + (spec.sex() == Sex.FEMALE ? 0.01 : 0);
            ctr = rng.normal(mean, 0.025, 0.36, 0.50);
        }
        return new Anatomy(spec, rng, ctr);
    }

    /** The cardiothoracic ratio (heart width / inner thoracic width). */
    public double cardiothoracicRatio() {
        return ctr;
    }

    /** Costophrenic angle level of a lung: side −1 = right lung (image left), +1 = left lung. */
    double yCp(int side) {
        return side < 0 ? yCpRight : yCpLeft;
    }

    private double yDome(int side) {
        return side < 0 ? yDomeRight : yDomeLeft;
    }

    /** Lateral extent of the lungs from the midline at depth fraction t (0 apex .. 1 costophrenic angle). */
    private double lateral(double t) {
        return thoraxHalf * (0.30 + 0.70 * StrictMath.sin(0.5 * StrictMath.PI * Math.min(1.0, Math.max(0.0, t) * 1.55)));
    }

    /** Diaphragm height under a lung at width fraction w (0 medial .. 1 lateral). */
    double diaphragmY(int side, double w) {
        double top = yDome(side);
        double cp = yCp(side);
        if (w >= 0.5) {
            double q = (w - 0.5) / 0.5;
            return top + (cp - top) * q * q;
        }
        double q = (0.5 - w) / 0.5;
        return top + 0.45 * (cp - top) * q * q; // cardiophrenic angle, shallower
    }

    /**
     * Where (x, y) lies across a lung: the width fraction w in [0, 1] (0 medial, 1 lateral) when the
     * point is inside a lung field (between apex and diaphragm, beside the mediastinum, outside the
     * heart and aortic knob), otherwise NaN.
     */
    double lungWidthFraction(double x, double y) {
        double w = lungWidthFractionIgnoringHeart(x, y);
        if (Double.isNaN(w) || inHeart(x, y) || inKnob(x, y)) {
            return Double.NaN;
        }
        return w;
    }

    /** As {@link #lungWidthFraction} but the heart and knob do not cut the lung (lung behind them). */
    double lungWidthFractionIgnoringHeart(double x, double y) {
        int side = x < mid ? -1 : 1;
        double u = side * (x - mid);
        double cp = yCp(side);
        double t = (y - yApex) / (cp - yApex);
        if (t < 0 || t > 1.0) {
            return Double.NaN;
        }
        double lat = lateral(t);
        if (u <= mediastinumHalf || u >= lat) {
            return Double.NaN;
        }
        double w = (u - mediastinumHalf) / (lat - mediastinumHalf);
        double apexCurve = yApex + 18 * scale * (2 * w - 1) * (2 * w - 1);
        if (y < apexCurve || y > diaphragmY(side, w)) {
            return Double.NaN;
        }
        return w;
    }

    /** Which lung x lies over: −1 right (image left), +1 left. */
    int side(double x) {
        return x < mid ? -1 : 1;
    }

    /** Air path length in mm through the lung at (x, y), 0 outside; behind the heart a fifth remains. */
    double airThickness(double x, double y) {
        double w = lungWidthFractionIgnoringHeart(x, y);
        if (Double.isNaN(w)) {
            return 0;
        }
        int side = side(x);
        double c = 2 * w - 1;
        double across = StrictMath.sqrt(StrictMath.sqrt(Math.max(0, 1 - c * c)));
        double toDome = Math.min(1.0, (diaphragmY(side, w) - y) / (35 * scale));
        double toApex = Math.min(1.0, (y - yApex) / (40 * scale));
        double air = lungDepth * across * StrictMath.sqrt(Math.max(0, toDome)) * StrictMath.sqrt(Math.max(0, toApex));
        if (inHeart(x, y) || inKnob(x, y)) {
            air *= 0.2;
        }
        return air;
    }

    boolean inHeart(double x, double y) {
        double dx = x - heartX;
        double dy = y - heartY;
        double c = StrictMath.cos(heartAngle);
        double s = StrictMath.sin(heartAngle);
        double u = (dx * c + dy * s) / heartHalfW;
        double v = (-dx * s + dy * c) / heartHalfH;
        return u * u + v * v < 1.0;
    }

    boolean inKnob(double x, double y) {
        double dx = x - knobX;
        double dy = y - knobY;
        return dx * dx + dy * dy < knobR * knobR;
    }

    /** Half-width of the body outline at height y (neck, shoulders, trunk). */
    double bodyHalfWidth(double y) {
        double neckY = yApex - 40 * scale;
        double shoulderY = yApex + 15 * scale;
        if (y <= neckY) {
            return neckHalf;
        }
        if (y <= shoulderY) {
            double t = (y - neckY) / (shoulderY - neckY);
            return neckHalf + (shoulderHalf - neckHalf) * t * t * (3 - 2 * t);
        }
        double t = Math.min(1.0, (y - shoulderY) / (80 * scale));
        return shoulderHalf + (bodyHalf - shoulderHalf) * t;
    }

    /** Antero-posterior body thickness at height y at the body's centre line. */
    double bodyDepthAt(double y) {
        double neckY = yApex - 40 * scale;
        if (y <= neckY) {
            return 0.55 * bodyDepth;
        }
        double t = Math.min(1.0, (y - neckY) / (60 * scale));
        return (0.55 + 0.45 * t) * bodyDepth;
    }

    private List<Segment> growVessels(SynthRandom rng) {
        List<Segment> out = new ArrayList<>();
        double height = yCpRight - yApex;
        for (int side = -1; side <= 1; side += 2) {
            double hx = mid + side * (mediastinumHalf + 14 * scale);
            double hy = yApex + (side < 0 ? 0.47 : 0.43) * height;
            double[] angles = {-70, -25, 20, 60};
            for (double a : angles) {
                double angle = Math.toRadians(a + rng.normal(0, 8, -20, 20));
                branch(out, rng, side, hx, hy, angle, 40 * scale, 5.5 * scale, 0);
            }
            // main bronchus: an air-filled tube from the carina towards the hilum
            double carinaY = yApex + 0.33 * height;
            out.add(new Segment(mid - 3, carinaY, hx, hy - 8 * scale, 6 * scale, -(MU_SOFT - MU_LUNG) * 0.8));
        }
        return List.copyOf(out);
    }

    private void branch(List<Segment> out, SynthRandom rng, int side, double x, double y, double angle,
                        double length, double radius, int depth) {
        double x1 = x + side * length * StrictMath.cos(angle);
        double y1 = y + length * StrictMath.sin(angle);
        out.add(new Segment(x, y, x1, y1, radius, MU_SOFT - MU_LUNG));
        if (depth >= 6) {
            return;
        }
        for (int k = -1; k <= 1; k += 2) {
            double spread = Math.toRadians(rng.uniform(14, 34));
            branch(out, rng, side, x1, y1, angle + k * spread, length * rng.uniform(0.66, 0.86), radius * 0.70, depth + 1);
        }
    }
}
