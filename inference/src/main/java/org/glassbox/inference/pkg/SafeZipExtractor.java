package org.glassbox.inference.pkg;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Extracts a zipped package into an empty folder, refusing anything that could escape it or blow
 * it up: entry names must be plain file names (optionally all under one top-level folder, as
 * {@code zip -r pkg.zip pkg/} makes), so "../x", "/etc/x" or "a/b/c" are refused before a byte is
 * written (zip slip); duplicate names are refused; file count and sizes are capped by
 * {@link PackageLimits}, counted while inflating.
 */
final class SafeZipExtractor {
    private final PackageLimits limits;

    SafeZipExtractor(PackageLimits limits) {
        this.limits = limits;
    }

    /** @throws ModelPackageException naming the zip and the entry at fault */
    void extract(Path zip, Path into) throws IOException {
        List<ZipEntry> files = new ArrayList<>();
        List<String> names = new ArrayList<>();
        try (ZipFile zf = new ZipFile(zip.toFile())) {
            List<ZipEntry> all = new ArrayList<>();
            for (Enumeration<? extends ZipEntry> en = zf.entries(); en.hasMoreElements(); ) {
                all.add(en.nextElement());
                if (all.size() > limits.maxFiles() * 2 + 1) {
                    throw new ModelPackageException(zip + ": more than " + limits.maxFiles() + " entries");
                }
            }
            String prefix = commonFolder(all);
            Set<String> seen = new HashSet<>();
            for (ZipEntry e : all) {
                String raw = e.getName();
                if (e.isDirectory()) {
                    if (prefix != null && raw.equals(prefix)) {
                        continue;
                    }
                    throw new ModelPackageException(zip + ": entry '" + PackageFileNames.printable(raw) + "' is a folder (packages are flat)");
                }
                String name = prefix != null && raw.startsWith(prefix) ? raw.substring(prefix.length()) : raw;
                String problem = PackageFileNames.problem(name);
                if (problem != null) {
                    throw new ModelPackageException(zip + ": unsafe entry '" + PackageFileNames.printable(raw) + "': name " + problem);
                }
                if (!seen.add(name)) {
                    throw new ModelPackageException(zip + ": entry " + name + " appears twice");
                }
                files.add(e);
                names.add(name);
            }
            if (files.size() > limits.maxFiles()) {
                throw new ModelPackageException(zip + ": " + files.size() + " files, more than the limit of " + limits.maxFiles());
            }
            long total = 0;
            byte[] buf = new byte[1 << 16];
            for (int i = 0; i < files.size(); i++) {
                Path out = into.resolve(names.get(i));
                long size = 0;
                try (InputStream in = zf.getInputStream(files.get(i));
                     OutputStream os = Files.newOutputStream(out, StandardOpenOption.CREATE_NEW)) {
                    for (int n; (n = in.read(buf)) > 0; ) {
                        size += n;
                        total += n;
                        if (size > limits.maxFileBytes()) {
                            throw new ModelPackageException(zip + ": entry " + names.get(i) + " expands beyond " + limits.maxFileBytes() + " bytes");
                        }
                        if (total > limits.maxTotalBytes()) {
                            throw new ModelPackageException(zip + ": contents expand beyond " + limits.maxTotalBytes() + " bytes");
                        }
                        os.write(buf, 0, n);
                    }
                }
            }
        } catch (ZipException e) {
            throw new ModelPackageException(zip + ": not a readable zip file (" + e.getMessage() + ")", e);
        }
    }

    /** "pkg/" when every entry sits under that one folder, else null. */
    private static String commonFolder(List<ZipEntry> entries) {
        String prefix = null;
        for (ZipEntry e : entries) {
            String name = e.getName();
            int slash = name.indexOf('/');
            if (slash <= 0) {
                return null;
            }
            String first = name.substring(0, slash + 1);
            if (prefix == null) {
                prefix = first;
            } else if (!prefix.equals(first)) {
                return null;
            }
        }
        return prefix == null || prefix.equals("../") || prefix.equals("./") ? null : prefix;
    }
}
