package io.director.healthcheck;

import io.director.config.model.CheckConfig;
import io.director.config.model.CheckTiming;
import io.director.config.model.Forwarding;
import io.director.config.model.HttpCheck;
import io.director.config.model.OnFailure;
import io.director.config.model.Protocol;
import io.director.config.model.Quorum;
import io.director.config.model.RealServerConfig;
import io.director.config.model.ScriptCheck;
import io.director.config.model.ServiceConfig;
import io.director.config.model.ServiceId;
import io.director.config.model.StatusRange;
import io.director.config.model.TcpCheck;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/** Configuration records for tests: loopback services and real servers with short timings. */
public final class Fixtures {

    private Fixtures() {}

    public static InetAddress ip(String text) {
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    public static final InetAddress LOOPBACK = ip("127.0.0.1");

    public static CheckTiming timing(long intervalMillis, long timeoutMillis, int rise, int fall, boolean initiallyUp) {
        return new CheckTiming(Duration.ofMillis(intervalMillis), Duration.ofMillis(timeoutMillis), rise, fall, initiallyUp);
    }

    public static HttpCheck http(CheckTiming timing, String path, Optional<String> bodyRegex) {
        return new HttpCheck(timing, false, path, Optional.empty(), List.of(new StatusRange(200, 299)), bodyRegex,
                true, Optional.empty(), OptionalInt.empty(), false);
    }

    public static HttpCheck https(CheckTiming timing, boolean verify) {
        return new HttpCheck(timing, true, "/", Optional.empty(), List.of(StatusRange.of(200)), Optional.empty(),
                verify, Optional.empty(), OptionalInt.empty(), false);
    }

    public static HttpCheck keepAlive(HttpCheck check) {
        return new HttpCheck(check.timing(), check.tls(), check.path(), check.host(), check.expect(), check.bodyRegex(),
                check.verifyTls(), check.sni(), check.port(), true);
    }

    public static TcpCheck tcp(CheckTiming timing) {
        return new TcpCheck(timing, OptionalInt.empty(), Optional.empty(), Optional.empty());
    }

    public static ScriptCheck script(CheckTiming timing, String command) {
        return new ScriptCheck(timing, command);
    }

    public static RealServerConfig realServer(int port, CheckConfig check) {
        return new RealServerConfig(LOOPBACK, port, 1, 0, 0, Optional.ofNullable(check));
    }

    public static ServiceId serviceId(int port) {
        return ServiceId.of(Protocol.TCP, ip("198.51.100.100"), port);
    }

    public static ServiceConfig service(int port, Quorum quorum, List<RealServerConfig> realServers) {
        return new ServiceConfig(serviceId(port), "wrr", Set.of(), Forwarding.DR, Duration.ZERO, 0, false, quorum,
                Optional.empty(), OnFailure.REMOVE, Optional.empty(), realServers);
    }

    public static ServiceConfig service(int port, List<RealServerConfig> realServers) {
        return service(port, new Quorum(0, 0), realServers);
    }
}
