package org.glassbox.inference.pkg;

/**
 * Names of files inside a package. Packages are flat: a name is one path segment, so neither a
 * SHA256SUMS line nor a zip entry can point outside the package (zip slip).
 */
final class PackageFileNames {
    static final int MAX_LENGTH = 255;

    private PackageFileNames() {
    }

    /** Why {@code name} is not a safe package file name, or null when it is. */
    static String problem(String name) {
        if (name == null || name.isEmpty()) {
            return "is empty";
        }
        if (name.length() > MAX_LENGTH) {
            return "is longer than " + MAX_LENGTH + " characters";
        }
        if (name.equals(".") || name.equals("..")) {
            return "'" + name + "' is not a file name";
        }
        for (int i = 0; i < name.length(); i++) {
            char ch = name.charAt(i);
            if (ch == '/' || ch == '\\') {
                return "'" + printable(name) + "' must be a plain file name (no folders)";
            }
            if (ch < 0x20 || ch == 0x7f || ch == ':') {
                return "'" + printable(name) + "' contains a control character or ':'";
            }
        }
        return null;
    }

    static String printable(String name) {
        StringBuilder sb = new StringBuilder();
        for (char ch : name.toCharArray()) {
            sb.append(ch < 0x20 || ch == 0x7f ? '?' : ch);
        }
        return sb.toString();
    }
}
