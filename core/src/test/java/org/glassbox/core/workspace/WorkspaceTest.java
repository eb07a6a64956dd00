package org.glassbox.core.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkspaceTest {
    @TempDir
    Path tmp;

    @Test
    void createsLayoutAndOwnerOnlyKeyOnFirstOpen() throws IOException {
        Workspace ws = Workspace.open(tmp.resolve("w"));
        assertThat(ws.cacheDir()).isDirectory();
        assertThat(ws.quarantineDir()).isDirectory();
        assertThat(ws.exportsDir()).isDirectory();
        assertThat(ws.deidentifiedDir()).isDirectory();
        assertThat(ws.catalogFile().getParent()).isEqualTo(ws.root());
        assertThat(Files.readAllBytes(ws.keyFile())).hasSize(32);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(ws.keyFile()))).isEqualTo("rw-------");
    }

    @Test
    void keyIsKeptAcrossOpensAndDiffersBetweenWorkspaces() throws IOException {
        Workspace a = Workspace.open(tmp.resolve("a"));
        byte[] key = Files.readAllBytes(a.keyFile());
        Workspace again = Workspace.open(tmp.resolve("a"));
        Workspace b = Workspace.open(tmp.resolve("b"));
        assertThat(Files.readAllBytes(again.keyFile())).isEqualTo(key);
        assertThat(again.keyedHash().hex("site", "General Hospital", 16)).isEqualTo(a.keyedHash().hex("site", "General Hospital", 16));
        assertThat(b.keyedHash().hex("site", "General Hospital", 16)).isNotEqualTo(a.keyedHash().hex("site", "General Hospital", 16));
    }

    @Test
    void refusesAKeyOfTheWrongLength() throws IOException {
        Path root = tmp.resolve("bad");
        Files.createDirectories(root);
        Files.write(root.resolve("secret.key"), new byte[5]);
        assertThatThrownBy(() -> Workspace.open(root)).isInstanceOf(IOException.class).hasMessageContaining("32 bytes");
    }
}
