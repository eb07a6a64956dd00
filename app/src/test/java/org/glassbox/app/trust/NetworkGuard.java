package org.glassbox.app.trust;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.DatagramSocketImpl;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketException;
import java.net.SocketImpl;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * Records, and refuses, every network attempt the JVM makes through the hooks the JDK offers:
 * <ul>
 *   <li>{@link Socket#setSocketImplFactory} — every {@code java.net.Socket} connect (plain TCP, and
 *       what {@code HttpURLConnection} ends in);</li>
 *   <li>{@link ServerSocket#setSocketFactory} — every listening socket;</li>
 *   <li>{@link DatagramSocket#setDatagramSocketImplFactory} — every UDP socket;</li>
 *   <li>{@link ProxySelector#setDefault} — every URL-based connection ({@code URLConnection} for
 *       http/https/ftp and {@code java.net.http.HttpClient} ask the default selector first).</li>
 * </ul>
 * Not seen in-JVM: NIO {@code SocketChannel}s opened directly, native code (libnd4j, JavaCPP,
 * SQLite) and DNS lookups ({@code InetAddress} uses the C resolver; a Java hook,
 * {@code InetAddressResolverProvider}, exists only from JDK 18). {@code LocalOnlyProcessTest}
 * covers those by tracing the child JVM's system calls inside a network namespace.
 *
 * <p>The JDK lets a factory be set once per JVM, so the guard is installed once and stays: from
 * then on no socket can be opened in this test JVM. GlassBox needs none; a future test that does
 * will fail with "blocked by NetworkGuard" pointing here. That process-wide state is the JDK's,
 * not ours: {@link #installed()} returns the one guard.
 */
public final class NetworkGuard {
    /** One network attempt: what kind, to where, and the first caller outside the JDK. */
    public record Attempt(String kind, String target, String caller) {
        @Override
        public String toString() {
            return kind + " " + target + " from " + caller;
        }
    }

    private static NetworkGuard instance;

    private final List<Attempt> attempts = new ArrayList<>();

    private NetworkGuard() {
    }

    /** Installs the guard on first call (process-wide, permanent) and returns it. */
    public static synchronized NetworkGuard installed() {
        if (instance == null) {
            NetworkGuard guard = new NetworkGuard();
            try {
                Socket.setSocketImplFactory(() -> guard.new RefusingSocketImpl("socket"));
                ServerSocket.setSocketFactory(() -> guard.new RefusingSocketImpl("server-socket"));
                DatagramSocket.setDatagramSocketImplFactory(() -> guard.new RefusingDatagramSocketImpl());
            } catch (IOException e) {
                throw new IllegalStateException("a socket factory was already installed in this JVM; NetworkGuard cannot watch it", e);
            }
            ProxySelector.setDefault(guard.new RecordingProxySelector());
            instance = guard;
        }
        return instance;
    }

    /** Work that may throw anything; the guard only watches. */
    @FunctionalInterface
    public interface Work {
        void run() throws Exception;
    }

    /** Runs {@code work} and returns the network attempts made while it ran (by any thread). */
    public List<Attempt> attemptsDuring(Work work) throws Exception {
        int from;
        synchronized (attempts) {
            from = attempts.size();
        }
        work.run();
        synchronized (attempts) {
            return List.copyOf(attempts.subList(from, attempts.size()));
        }
    }

    private SocketException refuse(String kind, String target) {
        Attempt a = new Attempt(kind, target, caller());
        synchronized (attempts) {
            attempts.add(a);
        }
        return new SocketException("network access blocked by NetworkGuard: " + a);
    }

    /** The first stack frame outside the JDK and this class: who asked for the network. */
    private static String caller() {
        for (StackTraceElement e : new Throwable().getStackTrace()) {
            String c = e.getClassName();
            if (!c.startsWith("java.") && !c.startsWith("javax.") && !c.startsWith("sun.") && !c.startsWith("jdk.")
                    && !c.equals(NetworkGuard.class.getName()) && !c.startsWith(NetworkGuard.class.getName() + "$")) {
                return e.toString();
            }
        }
        return "(JDK only)";
    }

    /** Every URL connection asks the default selector which proxy to use: that is the attempt. */
    private final class RecordingProxySelector extends ProxySelector {
        @Override
        public List<Proxy> select(URI uri) {
            Attempt a = new Attempt("url", String.valueOf(uri), caller());
            synchronized (attempts) {
                attempts.add(a);
            }
            return List.of(Proxy.NO_PROXY);
        }

        @Override
        public void connectFailed(URI uri, SocketAddress sa, IOException ioe) {
            // Nothing to do: the attempt was recorded in select().
        }
    }

    /** A socket that refuses to connect, bind or listen, and records the attempt. */
    private final class RefusingSocketImpl extends SocketImpl {
        private final String kind;

        RefusingSocketImpl(String kind) {
            this.kind = kind;
        }

        @Override
        protected void create(boolean stream) {
            // Creating an unconnected socket object is not a network attempt; connecting is.
        }

        @Override
        protected void connect(String host, int port) throws IOException {
            throw refuse(kind + "-connect", host + ":" + port);
        }

        @Override
        protected void connect(InetAddress address, int port) throws IOException {
            throw refuse(kind + "-connect", address + ":" + port);
        }

        @Override
        protected void connect(SocketAddress address, int timeout) throws IOException {
            throw refuse(kind + "-connect", String.valueOf(address));
        }

        @Override
        protected void bind(InetAddress host, int port) throws IOException {
            throw refuse(kind + "-bind", host + ":" + port);
        }

        @Override
        protected void listen(int backlog) throws IOException {
            throw refuse(kind + "-listen", "backlog " + backlog);
        }

        @Override
        protected void accept(SocketImpl s) throws IOException {
            throw refuse(kind + "-accept", "");
        }

        @Override
        protected InputStream getInputStream() throws IOException {
            throw new SocketException("not connected (NetworkGuard)");
        }

        @Override
        protected OutputStream getOutputStream() throws IOException {
            throw new SocketException("not connected (NetworkGuard)");
        }

        @Override
        protected int available() {
            return 0;
        }

        @Override
        protected void close() {
            // Never opened anything.
        }

        @Override
        protected void sendUrgentData(int data) throws IOException {
            throw refuse(kind + "-send", "urgent data");
        }

        @Override
        public void setOption(int optID, Object value) {
            // Options on a socket that never connects change nothing.
        }

        @Override
        public Object getOption(int optID) {
            return null;
        }
    }

    /** A UDP socket that refuses to bind or send, and records the attempt. */
    private final class RefusingDatagramSocketImpl extends DatagramSocketImpl {
        @Override
        protected void create() {
            // Not an attempt until bound or used.
        }

        @Override
        protected void bind(int lport, InetAddress laddr) throws SocketException {
            throw refuse("datagram-bind", laddr + ":" + lport);
        }

        @Override
        protected void send(DatagramPacket p) throws IOException {
            throw refuse("datagram-send", p.getSocketAddress().toString());
        }

        @Override
        protected int peek(InetAddress i) throws IOException {
            throw refuse("datagram-receive", String.valueOf(i));
        }

        @Override
        protected int peekData(DatagramPacket p) throws IOException {
            throw refuse("datagram-receive", "");
        }

        @Override
        protected void receive(DatagramPacket p) throws IOException {
            throw refuse("datagram-receive", "");
        }

        @Override
        @Deprecated
        protected void setTTL(byte ttl) {
        }

        @Override
        @Deprecated
        protected byte getTTL() {
            return 0;
        }

        @Override
        protected void setTimeToLive(int ttl) {
        }

        @Override
        protected int getTimeToLive() {
            return 0;
        }

        @Override
        protected void join(InetAddress inetaddr) throws IOException {
            throw refuse("datagram-join", String.valueOf(inetaddr));
        }

        @Override
        protected void leave(InetAddress inetaddr) {
        }

        @Override
        protected void joinGroup(SocketAddress mcastaddr, NetworkInterface netIf) throws IOException {
            throw refuse("datagram-join", String.valueOf(mcastaddr));
        }

        @Override
        protected void leaveGroup(SocketAddress mcastaddr, NetworkInterface netIf) {
        }

        @Override
        protected void close() {
        }

        @Override
        public void setOption(int optID, Object value) {
        }

        @Override
        public Object getOption(int optID) {
            return null;
        }
    }
}
