package org.glassbox.inference.pkg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.glassbox.inference.pkg.PackageVerification.Status;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelPackageLoaderTest {
    @TempDir
    Path tmp;
    Path scratch;
    ModelPackageLoader loader;
    Path weights;

    @BeforeEach
    void setUp() throws IOException {
        scratch = tmp.resolve("scratch");
        loader = new ModelPackageLoader(PackageLimits.DEFAULT, scratch);
        weights = tmp.resolve("w.bin");
        Files.write(weights, "pretend these are ONNX weights".getBytes(StandardCharsets.UTF_8));
    }

    private Path folder() throws IOException {
        Path dir = tmp.resolve("pkg");
        ModelPackageWriter.forManifest(TestManifests.valid()).weights(weights).file("README.md", "card".getBytes(StandardCharsets.UTF_8))
                .writeFolder(dir);
        return dir;
    }

    @Test
    void validFolderOpensWithTheIdentityOfItsSums() throws Exception {
        Path dir = folder();
        try (ModelPackage pkg = loader.open(dir)) {
            assertThat(pkg.manifest()).isEqualTo(TestManifests.valid());
            assertThat(pkg.identity()).isEqualTo(Sha256.hex(Files.readAllBytes(dir.resolve("SHA256SUMS"))));
            assertThat(pkg.descriptor().sha256()).isEqualTo(pkg.identity());
            assertThat(Files.readAllBytes(pkg.weightsFile())).isEqualTo(Files.readAllBytes(weights));
            assertThat(pkg.synthesised()).isFalse();
        }
        assertThat(dir).isDirectory();
    }

    @Test
    void sumsFileIsAcceptedByCoreutilsSha256sum() throws Exception {
        Path dir = folder();
        Process p = new ProcessBuilder("sha256sum", "--check", "--strict", "SHA256SUMS").directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(output).isZero();
        assertThat(output).contains("weights.onnx: OK", "model.json: OK", "README.md: OK");
        // And the hash of SHA256SUMS is what sha256sum says it is.
        Process q = new ProcessBuilder("sha256sum", "SHA256SUMS").directory(dir.toFile()).start();
        String line = new String(q.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        q.waitFor();
        try (ModelPackage pkg = loader.open(dir)) {
            assertThat(line).startsWith(pkg.identity() + "  ");
        }
    }

    @Test
    void writerIsDeterministicAndReplacesAnOldPackage() throws Exception {
        Path dir = folder();
        String first = Sha256.hex(Files.readAllBytes(dir.resolve("SHA256SUMS")));
        String again = ModelPackageWriter.forManifest(TestManifests.valid()).weights(weights)
                .file("README.md", "card".getBytes(StandardCharsets.UTF_8)).writeFolder(dir);
        assertThat(again).isEqualTo(first);
        String zipA = ModelPackageWriter.forManifest(TestManifests.valid()).weights(weights).writeZip(tmp.resolve("a.zip"));
        String zipB = ModelPackageWriter.forManifest(TestManifests.valid()).weights(weights).writeZip(tmp.resolve("b.zip"));
        assertThat(zipA).isEqualTo(zipB);
        assertThat(Files.readAllBytes(tmp.resolve("a.zip"))).isEqualTo(Files.readAllBytes(tmp.resolve("b.zip")));
        try (Stream<Path> s = Files.list(tmp)) {
            assertThat(s.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains(".tmp-") || n.contains(".old-"));
        }
    }

    @Test
    void weightsHashMismatchIsRefusedNamingTheFile() throws Exception {
        Path dir = folder();
        byte[] w = Files.readAllBytes(dir.resolve("weights.onnx"));
        w[3] ^= 1;
        Files.write(dir.resolve("weights.onnx"), w);
        assertThatThrownBy(() -> loader.open(dir)).isInstanceOf(ModelPackageException.class)
                .hasMessageStartingWith(dir + ": weights.onnx: SHA-256 does not match SHA256SUMS (listed ");
        PackageVerification v = loader.verify(dir, BareOnnxOptions.DEFAULTS);
        assertThat(v.ok()).isFalse();
        assertThat(v.files()).filteredOn(f -> f.file().equals("weights.onnx")).singleElement()
                .satisfies(f -> assertThat(f.status()).isEqualTo(Status.MISMATCH));
    }

    @Test
    void manifestHashMismatchIsRefusedBeforeTheManifestIsRead() throws Exception {
        Path dir = folder();
        String json = Files.readString(dir.resolve("model.json")).replace("\"sigmoid\"", "\"softmax\"");
        Files.writeString(dir.resolve("model.json"), json);
        assertThatThrownBy(() -> loader.open(dir)).hasMessageStartingWith(dir + ": model.json: SHA-256 does not match SHA256SUMS");
    }

    @Test
    void missingFileIsRefused() throws Exception {
        Path dir = folder();
        Files.delete(dir.resolve("README.md"));
        assertThatThrownBy(() -> loader.open(dir)).hasMessage(dir + ": README.md is listed in SHA256SUMS but missing");
    }

    @Test
    void unlistedFileIsRefused() throws Exception {
        Path dir = folder();
        Files.writeString(dir.resolve("notes.txt"), "sneaked in");
        assertThatThrownBy(() -> loader.open(dir)).hasMessage(dir + ": notes.txt is present but not listed in SHA256SUMS");
        PackageVerification v = loader.verify(dir, BareOnnxOptions.DEFAULTS);
        assertThat(v.files()).extracting(PackageVerification.FileCheck::file, PackageVerification.FileCheck::status)
                .contains(org.assertj.core.groups.Tuple.tuple("notes.txt", Status.UNLISTED), org.assertj.core.groups.Tuple.tuple("weights.onnx", Status.OK));
    }

    @Test
    void subfolderAndMissingSumsAreRefused() throws Exception {
        Path dir = folder();
        Files.createDirectory(dir.resolve("extra"));
        assertThatThrownBy(() -> loader.open(dir)).hasMessage(dir + ": extra is a folder (packages are flat)");
        Files.delete(dir.resolve("extra"));
        Files.delete(dir.resolve("SHA256SUMS"));
        assertThatThrownBy(() -> loader.open(dir)).hasMessageStartingWith(dir + ": SHA256SUMS is missing");
    }

    @Test
    void severalProblemsAreCountedInTheMessageAndAllListedByVerify() throws Exception {
        Path dir = folder();
        Files.delete(dir.resolve("README.md"));
        Files.writeString(dir.resolve("notes.txt"), "x");
        assertThatThrownBy(() -> loader.open(dir)).hasMessageEndingWith("(and 1 more problems)");
        assertThat(loader.verify(dir, BareOnnxOptions.DEFAULTS).problems()).hasSize(2);
    }

    @Test
    void malformedManifestWithMatchingHashesIsRefusedNamingTheField() throws Exception {
        String json = new String(new ManifestJson().write(TestManifests.valid()), StandardCharsets.UTF_8)
                .replace("\"size\" : 32", "\"size\" : -4");
        assertThat(json).contains("-4");
        Path dir = tmp.resolve("bad");
        ModelPackageWriter.forRawManifest(json.getBytes(StandardCharsets.UTF_8)).file("weights.onnx", weights).writeFolder(dir);
        assertThatThrownBy(() -> loader.open(dir))
                .hasMessage(dir + "/model.json: preprocessing.resize.size must be > 0 and ≤ 8192");
    }

    @Test
    void weightsFileNamedInManifestMustBeInThePackage() throws Exception {
        Path dir = tmp.resolve("noweights");
        ModelPackageWriter.forRawManifest(new ManifestJson().write(TestManifests.valid())).file("other.onnx", weights).writeFolder(dir);
        assertThatThrownBy(() -> loader.open(dir)).hasMessage(dir + ": weights file weights.onnx named in model.json is not in the package");
    }

    @Test
    void zipOpensAndItsExtractedCopyIsDeletedOnClose() throws Exception {
        Path zip = tmp.resolve("pkg.zip");
        String identity = ModelPackageWriter.forManifest(TestManifests.valid()).weights(weights).writeZip(zip);
        Path folderIdentityDir = tmp.resolve("same");
        String folderIdentity = ModelPackageWriter.forManifest(TestManifests.valid()).weights(weights).writeFolder(folderIdentityDir);
        assertThat(identity).isEqualTo(folderIdentity);
        try (ModelPackage pkg = loader.open(zip)) {
            assertThat(pkg.identity()).isEqualTo(identity);
            assertThat(pkg.weightsFile()).startsWith(scratch).exists();
        }
        assertThat(listing(scratch)).isEmpty();
    }

    @Test
    void zipWithEverythingUnderOneFolderOpens() throws Exception {
        Path dir = folder();
        Path zip = tmp.resolve("nested.zip");
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(zip))) {
            z.putNextEntry(new ZipEntry("pkg/"));
            z.closeEntry();
            for (String name : List.of("model.json", "weights.onnx", "README.md", "SHA256SUMS")) {
                z.putNextEntry(new ZipEntry("pkg/" + name));
                z.write(Files.readAllBytes(dir.resolve(name)));
                z.closeEntry();
            }
        }
        try (ModelPackage pkg = loader.open(zip)) {
            assertThat(pkg.manifest().id()).isEqualTo("test-model");
        }
    }

    @Test
    void zipSlipIsRefusedBeforeAnythingIsWritten() throws Exception {
        for (String evil : List.of("../evil.txt", "/tmp/glassbox-evil.txt", "a/../../evil.txt", "..")) {
            Path zip = tmp.resolve("slip.zip");
            Path dir = folder();
            try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(zip))) {
                for (String name : List.of("model.json", "weights.onnx", "README.md", "SHA256SUMS")) {
                    z.putNextEntry(new ZipEntry(name));
                    z.write(Files.readAllBytes(dir.resolve(name)));
                    z.closeEntry();
                }
                z.putNextEntry(new ZipEntry(evil));
                z.write("owned".getBytes(StandardCharsets.UTF_8));
                z.closeEntry();
            }
            org.glassbox.core.io.FileTrees.deleteTree(dir);
            assertThatThrownBy(() -> loader.open(zip)).as(evil).isInstanceOf(ModelPackageException.class)
                    .hasMessageContaining(zip + ": unsafe entry '" + evil + "'");
            assertThat(loader.verify(zip, BareOnnxOptions.DEFAULTS).ok()).isFalse();
            assertThat(tmp.resolve("evil.txt")).doesNotExist();
            assertThat(tmp.getParent().resolve("evil.txt")).doesNotExist();
            assertThat(Path.of("/tmp/glassbox-evil.txt")).doesNotExist();
            assertThat(listing(scratch)).isEmpty();
        }
    }

    @Test
    void zipBombIsStoppedAtTheSizeCap() throws Exception {
        Path big = tmp.resolve("big.bin");
        try (OutputStream out = Files.newOutputStream(big)) {
            out.write(new byte[1 << 20]);
        }
        Path zip = tmp.resolve("bomb.zip");
        ModelPackageWriter.forManifest(TestManifests.valid()).weights(big).writeZip(zip);
        assertThat(Files.size(zip)).isLessThan(1 << 14);
        ModelPackageLoader strict = new ModelPackageLoader(new PackageLimits(8, 64 * 1024, 1 << 20), scratch);
        assertThatThrownBy(() -> strict.open(zip)).hasMessage(zip + ": entry weights.onnx expands beyond 65536 bytes");
        assertThat(listing(scratch)).isEmpty();
    }

    @Test
    void zipWithTamperedWeightsIsRefusedAndCleanedUp() throws Exception {
        Path dir = folder();
        Files.write(dir.resolve("weights.onnx"), "tampered".getBytes(StandardCharsets.UTF_8));
        Path zip = tmp.resolve("tampered.zip");
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(zip))) {
            for (String name : List.of("model.json", "weights.onnx", "README.md", "SHA256SUMS")) {
                z.putNextEntry(new ZipEntry(name));
                z.write(Files.readAllBytes(dir.resolve(name)));
                z.closeEntry();
            }
        }
        assertThatThrownBy(() -> loader.open(zip)).hasMessageStartingWith(zip + ": weights.onnx: SHA-256 does not match");
        assertThat(listing(scratch)).isEmpty();
    }

    @Test
    void notAPackageIsRefused() throws Exception {
        Path txt = tmp.resolve("model.txt");
        Files.writeString(txt, "hello");
        assertThatThrownBy(() -> loader.open(txt)).hasMessage(txt + ": not a model package (expected a package folder, a .zip or an .onnx file)");
        assertThatThrownBy(() -> loader.open(tmp.resolve("absent"))).hasMessage(tmp.resolve("absent") + ": no such file or folder");
        Path corrupt = tmp.resolve("corrupt.zip");
        Files.writeString(corrupt, "PK\u0003\u0004 not really");
        assertThatThrownBy(() -> loader.open(corrupt)).hasMessageStartingWith(corrupt + ": not a readable zip file");
    }

    private static List<Path> listing(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.toList();
        }
    }
}
