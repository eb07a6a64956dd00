package org.glassbox.inference.pkg;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code SHA256SUMS} file in GNU coreutils {@code sha256sum} format: one line per file,
 * {@code <64 hex digits><space><space or *><file name>}, which {@code sha256sum -c SHA256SUMS}
 * checks. Names are plain package file names (see {@link PackageFileNames}); escaped names
 * (lines starting with '\') are refused.
 *
 * @param hashes lower-case hex by file name, in file order
 */
public record Sha256Sums(Map<String, String> hashes) {
    /** Larger SUMS files are not a package (a package lists a handful of files). */
    static final int MAX_BYTES = 1 << 20;
    private static final Pattern LINE = Pattern.compile("([0-9a-fA-F]{64}) [ *](.+)");

    public Sha256Sums {
        hashes = Collections.unmodifiableMap(new LinkedHashMap<>(hashes));
    }

    /**
     * @param source names the file in messages
     * @throws ModelPackageException naming the line that is malformed, unsafe or repeated
     */
    public static Sha256Sums parse(byte[] content, String source) throws ModelPackageException {
        if (content.length > MAX_BYTES) {
            throw new ModelPackageException(source + ": larger than " + MAX_BYTES + " bytes");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(content)).toString();
        } catch (CharacterCodingException e) {
            throw new ModelPackageException(source + ": not UTF-8 text");
        }
        Map<String, String> hashes = new LinkedHashMap<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].endsWith("\r") ? lines[i].substring(0, lines[i].length() - 1) : lines[i];
            if (line.isBlank()) {
                continue;
            }
            Matcher m = LINE.matcher(line);
            if (!m.matches()) {
                throw new ModelPackageException(source + ": line " + (i + 1) + " is not '<sha256 hex>  <file>'");
            }
            String name = m.group(2);
            String problem = PackageFileNames.problem(name);
            if (problem != null) {
                throw new ModelPackageException(source + ": line " + (i + 1) + ": file name " + problem);
            }
            if (name.equals(ModelPackageLayout.SUMS)) {
                throw new ModelPackageException(source + ": line " + (i + 1) + ": SHA256SUMS cannot list itself");
            }
            if (hashes.put(name, m.group(1).toLowerCase(Locale.ROOT)) != null) {
                throw new ModelPackageException(source + ": line " + (i + 1) + ": " + name + " is listed twice");
            }
        }
        if (hashes.isEmpty()) {
            throw new ModelPackageException(source + ": lists no files");
        }
        return new Sha256Sums(hashes);
    }

    /** The file's bytes: lines sorted by file name, text-mode marker, '\n' ends (what {@code sha256sum * | sort -k2} prints). */
    public byte[] format() {
        StringBuilder sb = new StringBuilder();
        new TreeMap<>(hashes).forEach((name, hex) -> sb.append(hex).append("  ").append(name).append('\n'));
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }
}
