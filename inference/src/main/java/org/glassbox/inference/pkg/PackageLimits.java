package org.glassbox.inference.pkg;

/**
 * Caps on what a zipped package may expand to, so a hostile or corrupt zip cannot fill the disk or
 * take forever (sizes are counted while inflating; the sizes a zip declares are not trusted).
 *
 * @param maxFiles      most entries (files) a package may hold
 * @param maxFileBytes  largest single file, in bytes
 * @param maxTotalBytes largest total of all files, in bytes
 */
public record PackageLimits(int maxFiles, long maxFileBytes, long maxTotalBytes) {
    /** 64 files; 4 GiB per file (ViT-L weights are ~1.2 GB); 8 GiB in all. */
    public static final PackageLimits DEFAULT = new PackageLimits(64, 4L << 30, 8L << 30);

    public PackageLimits {
        if (maxFiles < 2 || maxFileBytes <= 0 || maxTotalBytes <= 0) {
            throw new IllegalArgumentException("limits must be positive (and allow at least model.json and SHA256SUMS)");
        }
    }
}
