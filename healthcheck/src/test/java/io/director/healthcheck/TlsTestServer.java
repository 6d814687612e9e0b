package io.director.healthcheck;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/** An HTTPS server on 127.0.0.1 with a fresh self-signed certificate (made by the JDK's keytool). */
final class TlsTestServer {

    private TlsTestServer() {}

    static SSLContext selfSigned(Path dir) throws Exception {
        Path store = dir.resolve("server.p12");
        Process keytool = new ProcessBuilder("keytool", "-genkeypair", "-alias", "server", "-keyalg", "EC",
                "-groupname", "secp256r1", "-dname", "CN=localhost", "-ext", "san=dns:localhost,ip:127.0.0.1",
                "-validity", "2", "-storetype", "PKCS12", "-keystore", store.toString(),
                "-storepass", "secret", "-keypass", "secret")
                .redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes());
        if (keytool.waitFor() != 0 || !Files.exists(store)) {
            throw new IllegalStateException("keytool failed: " + output);
        }
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keys.load(in, "secret".toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, "secret".toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), null, null);
        return context;
    }

    /** Answers 200 "ok" over TLS and records the SNI names clients asked for. */
    static TestServer start(SSLContext context, List<String> sniNames) throws IOException {
        ServerSocket listener = context.getServerSocketFactory().createServerSocket(0, 50, InetAddress.getLoopbackAddress());
        TestServer.Behaviour ok = TestServer.respond(200, "ok");
        return new TestServer(listener, (socket, server) -> {
            SSLSocket tls = (SSLSocket) socket;
            tls.startHandshake();
            if (tls.getSession() instanceof ExtendedSSLSession session) {
                session.getRequestedServerNames().forEach(n -> sniNames.add(((SNIHostName) n).getAsciiName()));
            }
            ok.serve(socket, server);
        });
    }

    static List<String> names() {
        return new CopyOnWriteArrayList<>();
    }
}
