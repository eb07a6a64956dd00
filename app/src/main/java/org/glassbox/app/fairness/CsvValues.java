package org.glassbox.app.fairness;

import java.math.BigDecimal;

/** Strict parsing of score and truth cells, with messages naming the file, line and column. */
final class CsvValues {
    private CsvValues() {
    }

    /**
     * A score: a plain decimal number (no NaN, infinity, hex or type suffix) in [0, 1].
     *
     * @throws CohortInputException for a blank, non-numeric or out-of-range value
     */
    static double score(CsvTable t, int row, int column) throws CohortInputException {
        String v = t.rows().get(row).get(column);
        if (v.isEmpty()) {
            throw new CohortInputException(t.where(row, column) + ": missing score");
        }
        double d;
        try {
            d = new BigDecimal(v).doubleValue();
        } catch (NumberFormatException e) {
            throw new CohortInputException(t.where(row, column) + ": '" + v + "' is not a number");
        }
        if (!(d >= 0 && d <= 1)) {
            throw new CohortInputException(t.where(row, column) + ": score " + v + " is outside [0, 1]");
        }
        return d;
    }

    /** A truth cell: 1, 0, or blank (unknown: null). */
    static Byte truth(CsvTable t, int row, int column) throws CohortInputException {
        String v = t.rows().get(row).get(column);
        return switch (v) {
            case "" -> null;
            case "0" -> (byte) 0;
            case "1" -> (byte) 1;
            default -> throw new CohortInputException(t.where(row, column) + ": truth '" + v + "' is not 0, 1 or blank (unknown)");
        };
    }
}
