package org.glassbox.app.fairness;

import java.util.Locale;

/** Escaping and number formatting shared by the HTML report and the SVG builder. */
final class Markup {
    private Markup() {
    }

    /**
     * Text or attribute value made safe for XML and HTML: {@code & < > " '} become entities, and
     * characters XML 1.0 forbids (controls other than tab/line breaks, lone surrogates, U+FFFE/FFFF)
     * become U+FFFD, so any attribute value — even hostile — leaves the document well-formed.
     */
    static String escape(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> {
                    if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                        b.append(c).append(s.charAt(++i));
                    } else if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || Character.isSurrogate(c) || c == 0xFFFE || c == 0xFFFF) {
                        b.append('\uFFFD');
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }

    /** A coordinate: at most 2 decimals, no exponent, "." as decimal point. */
    static String coord(double v) {
        if (!Double.isFinite(v)) {
            return "0";
        }
        String s = String.format(Locale.ROOT, "%.2f", v);
        s = s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
        return s.equals("-0") ? "0" : s;
    }

    /** A statistic with 3 decimals, "–" for NaN. */
    static String num(double v) {
        return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%.3f", v);
    }

    /** A p-value: 3 significant digits, "&lt;0.001" as text "<0.001" (escape before output). */
    static String p(double v) {
        if (Double.isNaN(v)) {
            return "–";
        }
        if (v < 0.001) {
            return "<0.001";
        }
        return String.format(Locale.ROOT, "%.3f", v);
    }
}
