package org.glassbox.core.npy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.StringJoiner;

/**
 * The NumPy {@code .npy} header layout (NEP 1, "A simple file format for NumPy arrays", format
 * versions 1.0–3.0): the magic string {@code \x93NUMPY}, a major and minor version byte, the header
 * length (little-endian uint16 for 1.0, uint32 for 2.0/3.0), then a Python dict literal with
 * {@code descr}, {@code fortran_order} and {@code shape}, padded with spaces and ended by a newline so
 * that the data starts on a 64-byte boundary.
 */
final class NpyFormat {
    static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    /** NumPy pads the preamble + header to a multiple of this (64 since NumPy 1.14; older used 16). */
    static final int ALIGNMENT = 64;
    /** Header text we accept at most (NumPy itself refuses more than 10 000 bytes by default). */
    static final int MAX_HEADER = 65_536;

    private NpyFormat() {
    }

    /** The full version-1.0 preamble and header for {@code dtype} and {@code shape}. */
    static byte[] headerV1(NpyDtype dtype, int[] shape) {
        StringJoiner dims = new StringJoiner(", ", "(", shape.length == 1 ? ",)" : ")");
        for (int d : shape) {
            dims.add(Integer.toString(d));
        }
        String dict = "{'descr': '" + dtype.descr() + "', 'fortran_order': False, 'shape': " + dims + ", }";
        int preamble = MAGIC.length + 2 + 2;
        int unpadded = preamble + dict.length() + 1;
        int total = (unpadded + ALIGNMENT - 1) / ALIGNMENT * ALIGNMENT;
        int headerLength = total - preamble;
        if (headerLength > 0xFFFF) {
            throw new IllegalArgumentException("shape too long for a version 1.0 header: " + Arrays.toString(shape));
        }
        byte[] out = new byte[total];
        System.arraycopy(MAGIC, 0, out, 0, MAGIC.length);
        out[6] = 1;
        out[7] = 0;
        out[8] = (byte) (headerLength & 0xFF);
        out[9] = (byte) (headerLength >>> 8);
        byte[] text = dict.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(text, 0, out, preamble, text.length);
        Arrays.fill(out, preamble + text.length, total - 1, (byte) ' ');
        out[total - 1] = '\n';
        return out;
    }

    /** What a header dict says. */
    record Header(NpyDtype dtype, boolean fortranOrder, int[] shape) {
    }

    /**
     * Parses the header dict (a restricted Python literal: string keys, a string, a boolean, a
     * tuple of non-negative integers).
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    static Header parseHeader(String dict) {
        String d = dict.strip();
        if (!d.startsWith("{") || !d.endsWith("}")) {
            throw new IllegalArgumentException("header is not a dict: " + abbreviate(d));
        }
        String descr = stringValue(d, "descr");
        String fortran = rawValue(d, "fortran_order");
        boolean fortranOrder = switch (fortran) {
            case "True" -> true;
            case "False" -> false;
            default -> throw new IllegalArgumentException("fortran_order is neither True nor False: " + fortran);
        };
        int[] shape = parseShape(d);
        return new Header(NpyDtype.fromDescr(descr), fortranOrder, shape);
    }

    private static int keyIndex(String d, String key) {
        for (String quote : new String[] {"'", "\""}) {
            int i = d.indexOf(quote + key + quote);
            if (i >= 0) {
                int colon = d.indexOf(':', i + key.length() + 2);
                if (colon < 0) {
                    break;
                }
                return colon + 1;
            }
        }
        throw new IllegalArgumentException("header has no '" + key + "' key: " + abbreviate(d));
    }

    private static String stringValue(String d, String key) {
        int i = skipSpaces(d, keyIndex(d, key));
        char q = i < d.length() ? d.charAt(i) : 0;
        if (q != '\'' && q != '"') {
            throw new IllegalArgumentException("'" + key + "' is not a string (structured dtypes are not supported): " + abbreviate(d));
        }
        int end = d.indexOf(q, i + 1);
        if (end < 0) {
            throw new IllegalArgumentException("unterminated string for '" + key + "'");
        }
        return d.substring(i + 1, end);
    }

    private static String rawValue(String d, String key) {
        int i = skipSpaces(d, keyIndex(d, key));
        int end = i;
        while (end < d.length() && Character.isLetter(d.charAt(end))) {
            end++;
        }
        return d.substring(i, end);
    }

    private static int[] parseShape(String d) {
        int i = skipSpaces(d, keyIndex(d, "shape"));
        if (i >= d.length() || d.charAt(i) != '(') {
            throw new IllegalArgumentException("'shape' is not a tuple: " + abbreviate(d));
        }
        int end = d.indexOf(')', i);
        if (end < 0) {
            throw new IllegalArgumentException("unterminated shape tuple");
        }
        String inner = d.substring(i + 1, end).trim();
        if (inner.isEmpty()) {
            return new int[0];
        }
        String[] parts = inner.split(",");
        int n = parts.length;
        if (parts[n - 1].isBlank()) {
            n--;
        }
        if (n > 32) {
            throw new IllegalArgumentException("too many dimensions: " + n);
        }
        int[] shape = new int[n];
        for (int k = 0; k < n; k++) {
            String p = parts[k].trim();
            if (p.endsWith("L")) {
                p = p.substring(0, p.length() - 1); // Python 2 long literal
            }
            try {
                long v = Long.parseLong(p);
                if (v < 0 || v > Integer.MAX_VALUE) {
                    throw new IllegalArgumentException("dimension out of range: " + p);
                }
                shape[k] = (int) v;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("dimension is not an integer: '" + p + "'");
            }
        }
        return shape;
    }

    private static int skipSpaces(String s, int i) {
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }
}
