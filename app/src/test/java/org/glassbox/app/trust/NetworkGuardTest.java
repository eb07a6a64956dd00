package org.glassbox.app.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The guard must see each kind of attempt it claims to see, or "no attempts" would prove nothing. */
class NetworkGuardTest {
    private final NetworkGuard guard = NetworkGuard.installed();
    // Loopback, a port nobody listens on: nothing leaves the machine even if the guard failed.
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    @Test
    void plainSocketConnectIsRecordedAndRefused() throws Exception {
        List<NetworkGuard.Attempt> seen = guard.attemptsDuring(() -> {
            try (Socket s = new Socket(LOOPBACK, 9)) {
                throw new AssertionError("connected through the guard: " + s);
            } catch (SocketException expected) {
                assertThat(expected).hasMessageContaining("NetworkGuard");
            }
        });
        assertThat(seen).singleElement().satisfies(a -> {
            assertThat(a.kind()).isEqualTo("socket-connect");
            assertThat(a.target()).endsWith(":9");
            assertThat(a.caller()).contains(NetworkGuardTest.class.getName());
        });
    }

    @Test
    void serverAndDatagramSocketsAreRecorded() throws Exception {
        List<NetworkGuard.Attempt> seen = guard.attemptsDuring(() -> {
            assertThatThrownBy(() -> new ServerSocket(0).close()).isInstanceOf(SocketException.class);
            assertThatThrownBy(() -> new DatagramSocket().close()).isInstanceOf(SocketException.class);
        });
        assertThat(seen).extracting(NetworkGuard.Attempt::kind).containsExactly("server-socket-bind", "datagram-bind");
    }

    @Test
    void urlConnectionIsRecorded() throws Exception {
        List<NetworkGuard.Attempt> seen = guard.attemptsDuring(() ->
                assertThatThrownBy(() -> URI.create("http://127.0.0.1:9/phone-home").toURL().openConnection().connect())
                        .isInstanceOf(java.io.IOException.class));
        assertThat(seen).extracting(NetworkGuard.Attempt::target).contains("http://127.0.0.1:9/phone-home");
        assertThat(seen).extracting(NetworkGuard.Attempt::kind).contains("url", "socket-connect");
    }

    @Test
    void httpClientIsRecordedThroughTheProxySelector() throws Exception {
        List<NetworkGuard.Attempt> seen = guard.attemptsDuring(() -> {
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            assertThatThrownBy(() -> client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:9/telemetry")).build(),
                    HttpResponse.BodyHandlers.discarding())).isInstanceOf(java.io.IOException.class);
        });
        assertThat(seen).extracting(NetworkGuard.Attempt::kind).contains("url");
        assertThat(seen).extracting(NetworkGuard.Attempt::target).anyMatch(t -> t.contains("127.0.0.1:9"));
    }

    @Test
    void quietWorkRecordsNothing() throws Exception {
        assertThat(guard.attemptsDuring(() -> Math.addExact(1, 2))).isEmpty();
    }
}
