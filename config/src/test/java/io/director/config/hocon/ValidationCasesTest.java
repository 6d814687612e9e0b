package io.director.config.hocon;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each refusal the issue lists, on a small file: the FILE:LINE and the reason. */
class ValidationCasesTest {

    /** A valid file; line 6 is the first service, line 7 its real servers. */
    static String base(String cluster, String service, String realServers, String extra) {
        return "director {\n"
                + "  node-id = d1\n"
                + "  cluster { bind = \"198.51.100.2:7800\"" + (cluster.isEmpty() ? "" : ", " + cluster) + " }\n"
                + "  vips = [\"198.51.100.100/24\", \"2001:db8::100/64\"]\n"
                + "  services = [\n"
                + "    { vip = 198.51.100.100, port = 80 " + service + "\n"
                + "      real-servers = [ { address = 198.51.100.11 }, { address = 198.51.100.12 } " + realServers + " ] }\n"
                + "  ]\n"
                + "  " + extra + "\n"
                + "}\n";
    }

    static Arguments refused(String name, String text, String expected) {
        return Arguments.of(name, text, expected);
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                refused("duplicate service", base("", "", "", "services += { vip = 198.51.100.100, port = 80, real-servers = [ { address = 198.51.100.11 } ] }"),
                        "t.conf:9: services[1].vip: duplicate service tcp 198.51.100.100:80 (first defined at line 6)"),
                refused("duplicate real server", base("", "", ", { address = 198.51.100.11 }", ""),
                        "t.conf:7: services[0].real-servers[2].address: duplicate real server 198.51.100.11:80"),
                refused("family mismatch", base("", "", ", { address = \"2001:db8::11\" }", ""),
                        "t.conf:7: services[0].real-servers[2].address: real server 2001:db8::11 is not in the address family"),
                refused("weight out of range", base("", "", ", { address = 198.51.100.13, weight = 65536 }", ""),
                        "t.conf:7: services[0].real-servers[2].weight: weight 65536 must be within 0..65535"),
                refused("negative weight", base("", "", ", { address = 198.51.100.13, weight = -1 }", ""),
                        "t.conf:7: services[0].real-servers[2].weight: weight -1 must be within 0..65535"),
                refused("port out of range", base("", ", port = 0", "", ""),
                        "t.conf:6: services[0].port: port 0 must be within 1..65535"),
                refused("real server port out of range", base("", "", ", { address = 198.51.100.13, port = 70000 }", ""),
                        "t.conf:7: services[0].real-servers[2].port: port 70000 must be within 1..65535"),
                refused("invalid address", base("", "", ", { address = 198.51.100.256 }", ""),
                        "t.conf:7: services[0].real-servers[2].address: invalid IP address \"198.51.100.256\""),
                refused("host name instead of address", base("", "", ", { address = www.example.org }", ""),
                        "t.conf:7: services[0].real-servers[2].address: invalid IP address \"www.example.org\""),
                refused("unknown scheduler", base("", ", scheduler = fastest", "", ""),
                        "t.conf:6: services[0].scheduler: unknown scheduler \"fastest\" (valid: rr, wrr, lc, wlc, sh, mh, sed, nq, dh, lblc, lblcr, fo, ovf)"),
                refused("unknown forwarding", base("", ", forwarding = route", "", ""),
                        "t.conf:6: services[0].forwarding: unknown forwarding \"route\" (valid: dr, nat, tun)"),
                refused("unknown protocol", base("", ", protocol = icmp", "", ""),
                        "t.conf:6: services[0].protocol: unknown protocol \"icmp\" (valid: tcp, udp, sctp)"),
                refused("unknown check type", base("", ", check { type = ping }", "", ""),
                        "t.conf:6: services[0].check.type: unknown type \"ping\" (valid: http, https, tcp, script)"),
                refused("unknown key with a suggestion", base("", ", sheduler = rr", "", ""),
                        "t.conf:6: services[0].sheduler: unknown key \"sheduler\" (did you mean scheduler?)"),
                refused("unknown top-level key", base("", "", "", "annouce { burst-count = 3 }"),
                        "t.conf:9: annouce: unknown key \"annouce\" (did you mean announce?)"),
                refused("wrong type", base("priority = high", "", "", ""),
                        "t.conf:3: cluster.priority: expected a whole number, got string \"high\""),
                refused("object where a list belongs", base("", "", "", "vips = { a = 1 }"),
                        "t.conf:9: vips: expected a list [ ... ], got an object"),
                refused("huge number", base("priority = 99999999999999999999", "", "", ""),
                        "t.conf:3: cluster.priority: number 99999999999999999999 is too large"),
                refused("quorum above real servers", base("", ", quorum = 3", "", ""),
                        "t.conf:6: services[0].quorum: quorum 3 is larger than the number of real servers (2)"),
                refused("zero duration", base("", ", check { type = tcp, interval = 0s }", "", ""),
                        "t.conf:6: services[0].check.interval: interval must be a positive duration, got 0s"),
                refused("negative duration", base("", ", check { type = tcp, timeout = -1s }", "", ""),
                        "t.conf:6: services[0].check.timeout: timeout must be a positive duration, got -1s"),
                refused("not a duration", base("", ", persistence = soon", "", ""),
                        "t.conf:6: services[0].persistence: expected a duration such as 500ms or 2s, got string \"soon\""),
                refused("VIP not covered", base("", "", "", "services += { vip = 198.51.100.101, port = 80, real-servers = [ { address = 198.51.100.11 } ] }"),
                        "t.conf:9: services[1].vip: service VIP 198.51.100.101 is not covered by any entry of vips"),
                refused("bad regex", base("", ", check { type = http, body = \"(unclosed\" }", "", ""),
                        "t.conf:6: services[0].check.body: invalid regular expression \"(unclosed\""),
                refused("key for another check type", base("", ", check { type = tcp, path = /x }", "", ""),
                        "t.conf:6: services[0].check.path: key \"path\" does not apply to a tcp check"),
                refused("bad status code", base("", ", check { type = http, expect = [\"2xx\"] }", "", ""),
                        "t.conf:6: services[0].check.expect: expected HTTP status codes such as 200 or \"200-299\", got \"2xx\""),
                refused("null node-id", base("", "", "", "node-id = null"),
                        "t.conf:9: node-id: missing required key node-id"),
                refused("missing node-id", "director {\n  cluster.bind = \"198.51.100.2\"\n}\n",
                        "t.conf:1: node-id: missing required key node-id"),
                refused("missing bind", "director { node-id = d1 }\n",
                        "t.conf:1: cluster.bind: missing required key bind"),
                refused("syntax error", base("", "", "", "cluster { priority = }"),
                        "t.conf:9: syntax error:"),
                refused("unclosed brace", "director {\n  node-id = d1\n",
                        "t.conf:3: syntax error:"),
                refused("unresolved substitution", base("", "", "", "interface = ${NO_SUCH_VARIABLE_FOR_DIRECTOR}"),
                        "t.conf:9: Could not resolve substitution to a value: ${NO_SUCH_VARIABLE_FOR_DIRECTOR}"),
                refused("no director block", "directr { node-id = d1 }\n",
                        "t.conf:1: no director { ... } block (did you mean director?)"),
                refused("scheduler flag without its scheduler", base("", ", scheduler-flags = [sh-port]", "", ""),
                        "t.conf:6: services[0].scheduler-flags: scheduler flag sh-port needs scheduler sh, not wrr"),
                refused("bad persistence netmask", base("", ", persistence-netmask = 255.0.255.0", "", ""),
                        "t.conf:6: services[0].persistence-netmask: netmask 255.0.255.0 is not contiguous"),
                refused("witness with VIPs", base("role = witness", "", "", ""),
                        "t.conf:4: vips: a witness holds no VIPs"),
                refused("bad role", base("role = observer", "", "", ""),
                        "t.conf:3: cluster.role: unknown role \"observer\" (valid: director, witness)"),
                refused("sorry server of another family", base("", ", sorry-server = \"[2001:db8::20]:80\"", "", ""),
                        "t.conf:6: services[0].sorry-server: sorry server [2001:db8::20]:80 is not in the VIP's address family"),
                refused("duplicate VIP", base("", "", "", "vips += \"198.51.100.100/25\""),
                        "t.conf:9: vips[2].address: duplicate VIP 198.51.100.100"),
                refused("bind not among members", base("members = [\"198.51.100.3:7800\"]", "", "", ""),
                        "t.conf:3: cluster.members: members must include this node's bind address 198.51.100.2:7800"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void isRefusedWithFileLineAndReason(String name, String text, String expected) {
        LoadResult r = ConfigLoader.loadText(text, "t.conf");
        assertThat(r.isValid()).isFalse();
        assertThat(r.problemLines()).anyMatch(l -> l.startsWith(expected));
    }

    @Test
    void theBaseIsValid() {
        assertThat(ConfigLoader.loadText(base("", "", "", ""), "t.conf").problemLines()).isEmpty();
    }

    @Test
    void aWitnessNeedsNoVipsNorServices() {
        LoadResult r = ConfigLoader.loadText("director { node-id = w, cluster { bind = \"198.51.100.4\", role = witness } }", "w.conf");
        assertThat(r.problemLines()).isEmpty();
    }

    @Test
    void collectsEveryProblemNotJustTheFirst() {
        LoadResult r = ConfigLoader.loadText(base("priority = 0", ", scheduler = x, forwarding = y",
                ", { address = 198.51.100.13, weight = 99999 }", "ipvs.repair-interval = 0s"), "t.conf");
        assertThat(r.problemLines()).hasSize(5);
    }

    @Test
    void includesAndEnvironmentSubstitutionWork(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("services.conf"),
                "director.services = [ { vip = 198.51.100.100, real-servers = [ { address = 198.51.100.11, weight = 70000 } ] } ]\n");
        Files.writeString(dir.resolve("main.conf"), "director { node-id = d1, cluster.bind = \"198.51.100.2\", vips = [\"198.51.100.100\"]\n"
                + "  admin.socket = ${HOME}\"/director.sock\" }\ninclude \"services.conf\"\n");
        LoadResult r = ConfigLoader.load(dir.resolve("main.conf"));
        assertThat(r.problemLines()).containsExactly(dir.resolve("services.conf")
                + ":1: services[0].real-servers[0].weight: weight 70000 must be within 0..65535");
        Files.writeString(dir.resolve("services.conf"),
                "director.services = [ { vip = 198.51.100.100, real-servers = [ { address = 198.51.100.11 } ] } ]\n");
        LoadResult ok = ConfigLoader.load(dir.resolve("main.conf"));
        assertThat(ok.problemLines()).isEmpty();
        assertThat(ok.config().orElseThrow().admin().socket()).isEqualTo(Path.of(System.getenv("HOME"), "director.sock"));
        assertThat(List.of(ok.config().orElseThrow().services().get(0).realServers().get(0).weight())).containsExactly(1);
    }
}
