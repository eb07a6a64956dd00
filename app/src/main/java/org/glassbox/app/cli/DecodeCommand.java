package org.glassbox.app.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.glassbox.core.io.AtomicFiles;
import org.glassbox.core.dicom.Dicom;
import org.glassbox.core.dicom.DicomFile;
import org.glassbox.core.dicom.DicomReadException;
import org.glassbox.core.dicom.DicomReader;
import org.glassbox.core.model.FramePixels;
import org.glassbox.core.model.PixelDescription;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code glassbox decode FILE... --out DIR [--frame K] [--json]}: writes {@code DIR/<file name>.raw},
 * the stored values of frame K after decompression and before any LUT (see {@link RawPixels}).
 * Two different files with the same name would write the same output: the later one is refused
 * (never silently overwritten). Outputs appear atomically with normal permissions (0666 less the
 * umask). Exit 0 when every file decoded, 1 when some were refused, 2 on a usage error.
 */
@Command(name = "decode", description = {"Decode DICOM pixel data to raw little-endian stored values.",
        "Writes DIR/<file name>.raw per file. Of two different files with the same name (a/x.dcm, b/x.dcm), "
                + "the later one is refused rather than overwriting x.dcm.raw: decode it with another --out."})
public final class DecodeCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "DICOM files to decode.")
    List<Path> files;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder for <file name>.raw outputs.")
    Path out;

    @Option(names = "--frame", defaultValue = "0", paramLabel = "K", description = "0-based frame index (default 0).")
    int frame;

    @Option(names = "--json", description = "Print a JSON array describing each file.")
    boolean json;

    @Spec
    CommandSpec spec;

    private final DicomReader reader;

    public DecodeCommand() {
        this(Dicom.reader());
    }

    DecodeCommand(DicomReader reader) {
        this.reader = reader;
    }

    @Override
    public Integer call() {
        if (frame < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--frame must be >= 0, got " + frame);
        }
        PrintWriter err = spec.commandLine().getErr();
        List<Map<String, Object>> report = new ArrayList<>();
        Map<String, Path> written = new HashMap<>();
        boolean allOk = true;
        for (Path file : files) {
            Map<String, Object> entry = decodeOne(file, written);
            report.add(entry);
            if (!(Boolean) entry.get("ok")) {
                allOk = false;
                err.println("glassbox decode: " + entry.get("error"));
            }
        }
        if (json) {
            Json.print(spec.commandLine().getOut(), report);
        }
        err.flush();
        return allOk ? GlassBoxCli.EXIT_OK : GlassBoxCli.EXIT_FAILED;
    }

    /** @param written output names already written in this run, with the file each came from */
    private Map<String, Object> decodeOne(Path file, Map<String, Path> written) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("file", file.toString());
        e.put("ok", false);
        e.put("error", null);
        for (String k : List.of("rows", "columns", "frames", "bitsAllocated", "bitsStored", "pixelRepresentation",
                "photometricInterpretation", "samplesPerPixel", "transferSyntaxUid")) {
            e.put(k, null);
        }
        try {
            DicomFile dicom = reader.open(file);
            e.put("transferSyntaxUid", dicom.transferSyntaxUid());
            PixelDescription d = dicom.pixelDescription();
            e.put("rows", d.rows());
            e.put("columns", d.columns());
            e.put("frames", d.frames());
            e.put("bitsAllocated", d.bitsAllocated());
            e.put("bitsStored", d.bitsStored());
            e.put("pixelRepresentation", d.signed() ? 1 : 0);
            e.put("photometricInterpretation", d.photometricInterpretation());
            e.put("samplesPerPixel", d.samplesPerPixel());
            String name = file.getFileName() + ".raw";
            Path earlier = written.get(name);
            if (earlier != null && !earlier.toAbsolutePath().normalize().equals(file.toAbsolutePath().normalize())) {
                e.put("error", file + ": output " + out.resolve(name) + " was already written for " + earlier
                        + " in this run; not overwritten (decode this file with another --out)");
                return e;
            }
            FramePixels pixels = dicom.frame(frame);
            AtomicFiles.write(out.resolve(name), temp -> {
                try (OutputStream raw = Files.newOutputStream(temp)) {
                    RawPixels.writeLittleEndian(pixels, raw);
                }
            });
            written.put(name, file);
            e.put("ok", true);
        } catch (DicomReadException ex) {
            e.put("error", CliErrors.oneLine(ex));
        } catch (IOException | RuntimeException ex) {
            e.put("error", file + ": " + CliErrors.oneLine(ex));
        }
        return e;
    }
}
