package org.glassbox.app.trust;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.glassbox.core.testing.ExternalTools;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 7 §4, at the system-call level: the CLI runs in child JVMs under {@code strace}, which logs
 * every {@code connect}/{@code sendto}/{@code sendmsg}/{@code bind} of the JVM and of every native
 * library it loads (libnd4j, JavaCPP, SQLite), DNS lookups included (the C resolver connects to the
 * name server over UDP). Any such call on an IPv4/IPv6 socket is a network attempt; local
 * {@code AF_UNIX}/{@code AF_NETLINK} sockets are not. Where the kernel allows unprivileged user
 * namespaces, the child also runs inside {@code unshare -rn}: a network namespace with no interface
 * up, so even an attempt the trace missed could not leave the machine, and the commands are seen to
 * succeed without a network at all.
 */
@Tag("heavy")
class LocalOnlyProcessTest {
    @TempDir
    Path dir;

    @Test
    void theWholeWorkflowMakesNoNetworkSystemCall() throws Exception {
        Path strace = ExternalTools.require("strace", "strace");
        boolean namespace = networkNamespaceAvailable();
        if (!namespace) {
            System.err.println("LocalOnlyProcessTest: unprivileged network namespaces are not available here (unshare -rn failed); "
                    + "running under strace only");
        }
        Path ws = dir.resolve("ws");
        Path dicom = TrustFixtures.cohort(dir.resolve("cohort"), 4, 64, 5);
        Path tiny = TrustFixtures.tinyPackage(dir.resolve("tiny"));
        List<String[]> steps = LocalOnlyTest.workflow(ws, dicom, tiny);
        List<String> attempts = new ArrayList<>();
        int n = 0;
        for (String[] args : steps) {
            Path trace = dir.resolve("trace-" + (n++) + ".txt");
            List<String> wrapper = new ArrayList<>();
            if (namespace) {
                wrapper.addAll(List.of("unshare", "-rn"));
            }
            wrapper.addAll(List.of(strace.toString(), "-f", "-qq", "--seccomp-bpf", "-e", "trace=connect,bind,sendto,sendmsg,sendmmsg",
                    "-o", trace.toString()));
            Path log = dir.resolve("child-" + n + ".log");
            Process p = ChildJvm.cli(wrapper, args).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            assertThat(p.waitFor(5, TimeUnit.MINUTES)).as("child finished: " + String.join(" ", args)).isTrue();
            assertThat(p.exitValue()).as(String.join(" ", args) + "\n" + Files.readString(log)).isZero();
            List<String> lines = Files.readAllLines(trace, StandardCharsets.UTF_8);
            assertThat(lines).as("strace wrote its log").isNotNull();
            for (String line : lines) {
                if (line.contains("AF_INET")) {
                    attempts.add(args[0] + ": " + line);
                }
            }
        }
        assertThat(attempts).as("IPv4/IPv6 system calls").isEmpty();
    }

    @Test
    void theTraceSeesAnAttemptWhenThereIsOne() throws Exception {
        // The same wrapper around a JVM that does try the network: the check must be able to fail.
        Path strace = ExternalTools.require("strace", "strace");
        Path trace = dir.resolve("trace.txt");
        Path src = dir.resolve("Dial.java");
        Files.writeString(src, "public class Dial { public static void main(String[] a) { try (var s = new java.net.Socket()) {"
                + " s.connect(new java.net.InetSocketAddress(\"127.0.0.1\", 9), 500); } catch (Exception e) { } } }");
        Process p = new ProcessBuilder(strace.toString(), "-f", "-qq", "--seccomp-bpf", "-e", "trace=connect,bind,sendto,sendmsg,sendmmsg", "-o",
                trace.toString(), Path.of(System.getProperty("java.home"), "bin", "java").toString(), src.toString())
                .redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(Files.readAllLines(trace)).anyMatch(l -> l.contains("connect(") && l.contains("AF_INET") && l.contains("127.0.0.1"));
    }

    private static boolean networkNamespaceAvailable() {
        try {
            Process p = new ProcessBuilder("unshare", "-rn", "true").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (java.io.IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
