package org.glassbox.app.workflow;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.imageio.ImageIO;
import org.glassbox.core.audit.AuditAction;
import org.glassbox.core.audit.AuditLog;
import org.glassbox.core.audit.AuditObjects;
import org.glassbox.core.dicom.DicomDataset;
import org.glassbox.core.imaging.ModelInputSpec;
import org.glassbox.core.io.AtomicFiles;
import org.glassbox.core.workspace.Workspace;
import org.glassbox.explain.Explanation;

/**
 * Exports from the workstation's viewer: the view as a PNG and an explanation map as a DICOM
 * Parametric Map. Both are written atomically (nothing half-written on failure) and recorded in the
 * audit log as an EXPORT of the file's content hash (never its path) and the case.
 */
public final class CaseExports {
    private final Path workspaceRoot;

    public CaseExports(Path workspaceRoot) {
        this.workspaceRoot = Objects.requireNonNull(workspaceRoot, "workspaceRoot");
    }

    /**
     * Writes a rendered view as an opaque 8-bit RGB PNG.
     *
     * @param argb   width × height ARGB, row-major (alpha ignored)
     * @return the file's SHA-256 (hex)
     * @throws IOException when the file cannot be written (the target is then untouched)
     */
    public String exportViewPng(String sopInstanceUid, int[] argb, int width, int height, Path out) throws IOException {
        writePng(argb, width, height, out);
        String sha = sha256(out);
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("kind", "view-png");
        parameters.put("width", width);
        parameters.put("height", height);
        parameters.put("client", "workstation");
        AuditLog.record(Workspace.open(workspaceRoot), AuditAction.EXPORT,
                List.of(AuditObjects.exportFile(sha), AuditObjects.sop(sopInstanceUid)), parameters);
        return sha;
    }

    /**
     * Writes the map as a DICOM Parametric Map referencing its source (see {@link MapExports}).
     *
     * @return the file's SHA-256 (hex)
     * @throws IllegalArgumentException when the model centre-crops its input (see {@link MapExports#requireWholeFrame}); nothing is written
     */
    public String exportParametricMap(String sopInstanceUid, DicomDataset source, Explanation e, ModelSession session, Path out)
            throws IOException {
        String label = session.labels().get(e.target());
        ModelInputSpec spec = session.preprocessor().spec();
        // Refused before any file is touched (a centre-cropping model's map cannot be placed yet).
        MapExports.requireWholeFrame(source, spec, session.registered().id(), session.registered().version());
        AtomicFiles.write(out, temp -> MapExports.writeParametricMap(source, e, spec, session.registered().id(), session.registered().version(),
                label, temp));
        String sha = sha256(out);
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("kind", "parametric-map");
        parameters.put("method", e.method().cliName());
        parameters.put("target", label);
        parameters.put("client", "workstation");
        AuditLog.record(Workspace.open(workspaceRoot), AuditAction.EXPORT,
                List.of(AuditObjects.exportFile(sha), AuditObjects.model(session.sha256()), AuditObjects.sop(sopInstanceUid)), parameters);
        return sha;
    }

    /** An ARGB buffer as an RGB PNG, atomically. */
    public static void writePng(int[] argb, int width, int height, Path out) throws IOException {
        if (width < 1 || height < 1 || (long) width * height != argb.length) {
            throw new IllegalArgumentException("a " + width + "×" + height + " view needs " + (long) width * height + " pixels, got " + argb.length);
        }
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        image.setRGB(0, 0, width, height, argb, 0, width);
        AtomicFiles.write(out, temp -> {
            if (!ImageIO.write(image, "png", temp.toFile())) {
                throw new IOException("no PNG writer available");
            }
        });
    }

    static String sha256(Path file) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
