package io.director.ipvs.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.director.ipvs.DestKey;
import io.director.ipvs.DestSpec;
import io.director.ipvs.Forwarding;
import io.director.ipvs.IpvsOp;
import io.director.ipvs.Protocol;
import io.director.ipvs.ServiceFlag;
import io.director.ipvs.ServiceKey;
import io.director.ipvs.ServiceSpec;
import io.director.ipvs.SyncDaemon;
import io.director.ipvs.SyncState;
import io.director.ipvs.Timeouts;
import io.director.ipvs.TunnelType;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class IpvsadmRulesTest {
    static InetAddress ip(String s) throws Exception {
        return InetAddress.getByName(s);
    }

    @Test
    void parsesWhatIpvsadmSaveWrites() throws Exception {
        List<Rule> rules = IpvsadmRules.parse("""
                # a comment
                -A -t 198.51.100.100:80 -s wrr
                -a -t 198.51.100.100:80 -r 198.51.100.11:80 -g -w 2 -x 100 -y 10
                -A -u [2001:db8::100]:53 -s sh -b sh-fallback,sh-port -p 600 -M 64
                -a -u [2001:db8::100]:53 -r [2001:db8::11] -m -w 1
                -A -f 5 -6 -s rr -o
                -a -f 5 -6 -r [2001:db8::12]:0 -i -w 1 --tun-type gue --tun-port 6080 --tun-csum
                -A --sctp-service 198.51.100.100:9 -p -M 255.255.255.0
                """);
        ServiceKey web = ServiceKey.of(Protocol.TCP, ip("198.51.100.100"), 80);
        ServiceKey dns = ServiceKey.of(Protocol.UDP, ip("2001:db8::100"), 53);
        ServiceKey fw = ServiceKey.fwmark(5, ServiceKey.AF_INET6);
        ServiceKey sctp = ServiceKey.of(Protocol.SCTP, ip("198.51.100.100"), 9);
        assertThat(IpvsadmRules.ops(rules)).containsExactly(
                new IpvsOp.AddService(ServiceSpec.of(web, "wrr")),
                new IpvsOp.AddDest(web, DestSpec.of(DestKey.of(ip("198.51.100.11"), 80), Forwarding.DR, 2).withThresholds(100, 10)),
                new IpvsOp.AddService(ServiceSpec.of(dns, "sh").persistent(600, 64).withFlags(ServiceFlag.SH_FALLBACK, ServiceFlag.SH_PORT)),
                new IpvsOp.AddDest(dns, DestSpec.of(DestKey.of(ip("2001:db8::11"), 53), Forwarding.NAT, 1)),
                new IpvsOp.AddService(ServiceSpec.of(fw, "rr").withFlags(ServiceFlag.ONE_PACKET)),
                new IpvsOp.AddDest(fw, DestSpec.of(DestKey.of(ip("2001:db8::12"), 0), Forwarding.TUN, 1).withTunnel(TunnelType.GUE, 6080, 1)),
                new IpvsOp.AddService(ServiceSpec.of(sctp, "wlc").persistent(300, 24)));
    }

    @Test
    void editsDeletesAndOtherCommands() throws Exception {
        List<Rule> rules = IpvsadmRules.parse("""
                -E -t 198.51.100.100:80 -s rr
                -e -t 198.51.100.100:80 -r 198.51.100.11:80 -w 3
                -d -t 198.51.100.100:80 -r 198.51.100.11:80
                -D -t 198.51.100.100:80
                -C
                --set 900 120 300
                --start-daemon backup --mcast-interface eth0 --syncid 3 --mcast-group 239.1.1.1 --mcast-port 8850 --mcast-ttl 2 --sync-maxlen 1400
                --stop-daemon master
                """);
        ServiceKey web = ServiceKey.of(Protocol.TCP, ip("198.51.100.100"), 80);
        assertThat(rules).containsExactly(
                new Rule.Op(new IpvsOp.EditService(ServiceSpec.of(web, "rr"))),
                new Rule.Op(new IpvsOp.EditDest(web, DestSpec.of(DestKey.of(ip("198.51.100.11"), 80), Forwarding.DR, 3))),
                new Rule.Op(new IpvsOp.DeleteDest(web, DestKey.of(ip("198.51.100.11"), 80))),
                new Rule.Op(new IpvsOp.DeleteService(web)),
                new Rule.Flush(),
                new Rule.SetTimeouts(new Timeouts(900, 120, 300)),
                new Rule.StartDaemon(new SyncDaemon(SyncState.BACKUP, "eth0", 3, Optional.of(ip("239.1.1.1")),
                        OptionalInt.of(8850), OptionalInt.of(2), 1400)),
                new Rule.StopDaemon(SyncState.MASTER));
    }

    @Test
    void badLinesAreNamed() {
        assertThatThrownBy(() -> IpvsadmRules.parse("-A -t 198.51.100.100:80\n-A -z 1"))
                .hasMessage("line 2: unknown option -z");
        assertThatThrownBy(() -> IpvsadmRules.parse("-a -t 198.51.100.100:80"))
                .hasMessage("line 1: -a needs -r ADDRESS[:PORT]");
        assertThatThrownBy(() -> IpvsadmRules.parse("-A -t www.example.com:80")).hasMessageContaining("not a numeric address");
        assertThatThrownBy(() -> IpvsadmRules.parse("-A -t 198.51.100.100")).hasMessageContaining("needs a port");
        assertThatThrownBy(() -> IpvsadmRules.parse("-A -t 198.51.100.100:80 -w x")).hasMessageContaining("-w needs a number");
        assertThatThrownBy(() -> IpvsadmRules.parse("-A -t 198.51.100.100:80 -M 255.0.255.0")).hasMessageContaining("not contiguous");
    }
}
