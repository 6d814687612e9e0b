package io.director.config.keepalived;

import com.typesafe.config.ConfigUtil;
import io.director.config.core.AddressText;
import io.director.config.model.Addresses;
import io.director.config.model.Schedulers;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Translates keepalived.conf (VRRP instances and LVS virtual servers) to a Director configuration. The first
 * vrrp_instance gives the cluster settings; every instance's addresses become VIPs. What Director has no
 * equivalent for is reported as a warning with its FILE:LINE, never dropped silently.
 */
public final class KeepalivedImporter {
    private final List<String> warnings = new ArrayList<>();
    private final Map<String, KeepalivedNode> groups = new LinkedHashMap<>();

    private String nodeId;
    private String iface;
    private String clusterName;
    private Integer priority;
    private Boolean preempt;
    private String preemptDelay;
    private String heartbeatInterval;
    private String heartbeatTimeout;
    private String bind;
    private final List<String> members = new ArrayList<>();
    private final Map<InetAddress, String> vips = new LinkedHashMap<>();
    private String syncInterface;
    private Integer syncId;
    private final Map<String, String> notify = new LinkedHashMap<>();
    private final Map<String, String> announce = new LinkedHashMap<>();
    private final List<String> services = new ArrayList<>();
    private final Set<String> serviceKeys = new LinkedHashSet<>();
    private boolean sawInstance;

    private final String mainFile;

    private KeepalivedImporter(String mainFile) {
        this.mainFile = mainFile;
    }

    public static ImportResult importFile(Path file) {
        KeepalivedImporter i = new KeepalivedImporter(file.toString());
        try {
            List<KeepalivedNode> nodes = new KeepalivedParser(i.warnings::add).parseFile(file);
            return new ImportResult(Optional.of(i.translate(nodes)), i.warnings, Optional.empty());
        } catch (IOException | RuntimeException e) {
            String reason = e instanceof java.nio.file.NoSuchFileException ? "no such file" : e.getMessage();
            return new ImportResult(Optional.empty(), i.warnings, Optional.of(file + ": " + reason));
        }
    }

    public static ImportResult importText(String text, String name) {
        KeepalivedImporter i = new KeepalivedImporter(name);
        try {
            List<KeepalivedNode> nodes = new KeepalivedParser(i.warnings::add).parseText(text, name, Path.of(""));
            return new ImportResult(Optional.of(i.translate(nodes)), i.warnings, Optional.empty());
        } catch (RuntimeException e) {
            return new ImportResult(Optional.empty(), i.warnings, Optional.of(name + ": " + e.getMessage()));
        }
    }

    private void warn(KeepalivedNode n, String message) {
        warnings.add(n.where() + ": " + message);
    }

    private void noEquivalent(KeepalivedNode n) {
        warn(n, n.keyword() + " has no equivalent in Director; ignored");
    }

    private String translate(List<KeepalivedNode> nodes) {
        for (KeepalivedNode n : nodes) {
            if (n.keyword().equals("virtual_server_group") && n.block().isPresent()) {
                groups.put(n.arg(0), n);
            }
        }
        for (KeepalivedNode n : nodes) {
            switch (n.keyword()) {
                case "global_defs" -> globalDefs(n);
                case "vrrp_instance" -> vrrpInstance(n);
                case "virtual_server" -> virtualServer(n);
                case "virtual_server_group" -> { } // expanded where used
                case "vrrp_sync_group" -> warn(n, "vrrp_sync_group: Director runs one cluster, so all VIPs already fail over together; group ignored");
                case "vrrp_script", "vrrp_track_process", "vrrp_track_file" ->
                        warn(n, n.keyword() + " " + n.arg(0) + " has no equivalent (Director tracks members, not scripts); ignored");
                default -> noEquivalent(n);
            }
        }
        return write();
    }

    private void globalDefs(KeepalivedNode g) {
        for (KeepalivedNode n : g.children()) {
            switch (n.keyword()) {
                case "router_id" -> nodeId = n.arg(0);
                case "lvs_sync_daemon" -> {
                    syncInterface = interfaceName(n, n.arg(0));
                    for (int i = 1; i + 1 < n.args().size(); i++) {
                        if (n.args().get(i).equals("id")) {
                            syncId = within(n, "sync id", integer(n, n.args().get(i + 1)), 0, 255);
                        }
                    }
                }
                case "vrrp_garp_master_repeat" -> putIfPresent(announce, "burst-count", within(n, n.keyword(), integer(n, n.arg(0)), 0, 100));
                case "vrrp_garp_master_delay" -> announce.put("refresh-delay", seconds(n, n.arg(0)));
                case "vrrp_garp_master_refresh_repeat" -> putIfPresent(announce, "refresh-count", within(n, n.keyword(), integer(n, n.arg(0)), 0, 100));
                default -> warn(n, "global_defs " + n.keyword() + " has no equivalent in Director; ignored");
            }
        }
    }

    private void vrrpInstance(KeepalivedNode v) {
        boolean first = !sawInstance;
        sawInstance = true;
        String instanceIface = null;
        for (KeepalivedNode n : v.children()) {
            if (n.keyword().equals("interface")) {
                instanceIface = interfaceName(n, n.arg(0));
            }
        }
        if (first) {
            iface = instanceIface;
        } else {
            warn(v, "vrrp_instance " + v.arg(0) + ": Director has one cluster; only the first instance's election settings are used, this one's addresses become VIPs");
        }
        String vipIface = first || instanceIface == null || instanceIface.equals(iface) ? null : instanceIface;
        for (KeepalivedNode n : v.children()) {
            switch (n.keyword()) {
                case "interface" -> { }
                case "virtual_ipaddress", "virtual_ipaddress_excluded" -> {
                    for (KeepalivedNode a : n.children()) {
                        vipEntry(a, vipIface);
                    }
                }
                case "state" -> warn(n, "state " + n.arg(0) + " has no equivalent: the election follows priority; ignored");
                case "virtual_router_id" -> {
                    if (first) {
                        clusterName = "vrrp-" + n.arg(0);
                    }
                }
                case "priority" -> {
                    if (first) {
                        priority = Math.max(1, Math.min(255, integer(n, n.arg(0))));
                    }
                }
                case "nopreempt" -> {
                    if (first) {
                        preempt = false;
                    }
                }
                case "preempt_delay" -> {
                    if (first) {
                        preemptDelay = seconds(n, n.arg(0));
                    }
                }
                case "advert_int" -> {
                    if (first) {
                        BigDecimal s = decimal(n, n.arg(0));
                        heartbeatInterval = millis(s);
                        heartbeatTimeout = millis(s.multiply(BigDecimal.valueOf(3)));
                    }
                }
                case "unicast_src_ip" -> {
                    if (first) {
                        bind = endpoint(n, n.arg(0));
                    }
                }
                case "unicast_peer" -> {
                    for (KeepalivedNode p : n.children()) {
                        String e = endpoint(p, p.keyword());
                        if (e != null && !members.contains(e)) {
                            members.add(e);
                        }
                        if (!p.args().isEmpty()) {
                            warn(p, "unicast_peer options " + String.join(" ", p.args()) + " have no equivalent; ignored");
                        }
                    }
                }
                case "lvs_sync_daemon_interface" -> syncInterface = interfaceName(n, n.arg(0));
                case "notify_master" -> notify.put("master", String.join(" ", n.args()));
                case "notify_backup" -> notify.put("backup", String.join(" ", n.args()));
                case "notify_fault" -> notify.put("fault", String.join(" ", n.args()));
                case "notify" -> notify.put("any", String.join(" ", n.args()));
                case "garp_master_repeat" -> putIfPresent(announce, "burst-count", within(n, n.keyword(), integer(n, n.arg(0)), 0, 100));
                case "garp_master_delay" -> announce.put("refresh-delay", seconds(n, n.arg(0)));
                case "garp_master_refresh_repeat" -> putIfPresent(announce, "refresh-count", within(n, n.keyword(), integer(n, n.arg(0)), 0, 100));
                case "authentication" -> warn(n, "authentication has no equivalent: use cluster.key-file to authenticate members; ignored");
                default -> warn(n, "vrrp_instance " + n.keyword() + " has no equivalent in Director; ignored");
            }
        }
    }

    private void vipEntry(KeepalivedNode a, String instanceIface) {
        String text = a.keyword();
        int slash = text.indexOf('/');
        InetAddress address;
        int prefix;
        try {
            address = AddressText.address(slash < 0 ? text : text.substring(0, slash));
            prefix = slash < 0 ? AddressText.maxPrefix(address) : Integer.parseInt(text.substring(slash + 1));
            if (prefix < 0 || prefix > AddressText.maxPrefix(address)) {
                throw new IllegalArgumentException("prefix length out of range in " + text);
            }
        } catch (IllegalArgumentException e) {
            warn(a, "virtual address " + text + " skipped: " + e.getMessage());
            return;
        }
        String dev = instanceIface;
        List<String> rest = a.args();
        for (int i = 0; i < rest.size(); i++) {
            if (rest.get(i).equals("dev") && i + 1 < rest.size()) {
                dev = interfaceName(a, rest.get(++i));
            } else {
                warn(a, "virtual address option " + rest.get(i) + " has no equivalent; ignored");
                if (i + 1 < rest.size() && !rest.get(i + 1).equals("dev")) {
                    i++;
                }
            }
        }
        if (vips.containsKey(address)) {
            warn(a, "virtual address " + text + " listed twice; kept once");
            return;
        }
        String value = Addresses.text(address) + "/" + prefix;
        vips.put(address, dev == null ? q(value) : "{ address = " + q(value) + ", interface = " + q(dev) + " }");
    }

    private void virtualServer(KeepalivedNode vs) {
        if (vs.arg(0).equals("group")) {
            KeepalivedNode group = groups.get(vs.arg(1));
            if (group == null) {
                warn(vs, "virtual_server group " + vs.arg(1) + " is not defined; skipped");
                return;
            }
            warn(vs, "virtual_server group " + vs.arg(1) + " expanded into one service per group entry");
            for (KeepalivedNode e : group.children()) {
                List<String> ids = groupEntry(e);
                for (String id : ids) {
                    String[] parts = id.split(" ");
                    service(vs, parts[0], parts[1]);
                }
            }
            return;
        }
        if (vs.args().size() < 2) {
            warn(vs, "virtual_server needs an address and a port, or fwmark N; skipped");
            return;
        }
        service(vs, vs.arg(0), vs.arg(1));
    }

    /** "ADDR PORT", "fwmark N", or a range "A.B.C.D-E PORT" expanded (at most 256 entries). */
    private List<String> groupEntry(KeepalivedNode e) {
        if (e.keyword().equals("fwmark")) {
            return List.of("fwmark " + e.arg(0));
        }
        String addr = e.keyword();
        int dash = addr.lastIndexOf('-');
        if (dash < 0) {
            return List.of(addr + " " + e.arg(0));
        }
        String base = addr.substring(0, dash);
        String sep = base.contains(":") ? ":" : ".";
        int last = base.lastIndexOf(sep);
        int radix = sep.equals(":") ? 16 : 10;
        try {
            int from = Integer.parseInt(base.substring(last + 1), radix);
            int to = Integer.parseInt(addr.substring(dash + 1), radix);
            if (to < from || to - from > 255) {
                throw new NumberFormatException();
            }
            List<String> out = new ArrayList<>();
            for (int i = from; i <= to; i++) {
                out.add(base.substring(0, last + 1) + Integer.toString(i, radix) + " " + e.arg(0));
            }
            return out;
        } catch (NumberFormatException | StringIndexOutOfBoundsException x) {
            warn(e, "virtual_server_group range " + addr + " not understood; skipped");
            return List.of();
        }
    }

    private void service(KeepalivedNode vs, String first, String second) {
        StringBuilder b = new StringBuilder();
        InetAddress vip = null;
        String key;
        boolean fwmark = first.equals("fwmark");
        int port = 0;
        if (fwmark) {
            Integer mark = integer(vs, second);
            if (mark == null || mark <= 0) {
                warn(vs, "virtual_server fwmark " + second + " is not a positive number; skipped");
                return;
            }
            key = "fwmark " + mark;
            b.append("fwmark = ").append(mark);
        } else {
            try {
                vip = AddressText.address(first);
            } catch (IllegalArgumentException e) {
                warn(vs, "virtual_server " + first + " skipped: " + e.getMessage());
                return;
            }
            Integer p = integer(vs, second);
            if (p == null || p < 1 || p > 65535) {
                warn(vs, "virtual_server port " + second + " is not within 1..65535; skipped");
                return;
            }
            port = p;
            key = Addresses.withPort(vip, port);
            b.append("vip = ").append(q(Addresses.text(vip))).append(", port = ").append(port);
        }
        String protocol = "tcp";
        String delayLoop = "60s";
        boolean alpha = false;
        String virtualHost = null;
        List<String> settings = new ArrayList<>();
        List<KeepalivedNode> realServers = new ArrayList<>();
        Integer quorum = null;
        KeepalivedNode quorumNode = null;
        for (KeepalivedNode n : vs.children()) {
            switch (n.keyword()) {
                case "protocol" -> {
                    String p = n.arg(0).toLowerCase();
                    if (p.equals("tcp") || p.equals("udp") || p.equals("sctp")) {
                        protocol = p;
                    } else {
                        warn(n, "protocol " + n.arg(0) + " has no equivalent (tcp, udp, sctp); tcp used");
                    }
                }
                case "delay_loop" -> delayLoop = seconds(n, n.arg(0));
                case "lb_algo", "lvs_sched" -> {
                    if (Schedulers.KNOWN.contains(n.arg(0))) {
                        settings.add("scheduler = " + n.arg(0));
                    } else {
                        warn(n, "scheduler " + n.arg(0) + " is not supported; the default (wrr) is used");
                    }
                }
                case "lb_kind", "lvs_method" -> {
                    String k = n.arg(0).toLowerCase();
                    if (k.equals("dr") || k.equals("nat") || k.equals("tun")) {
                        settings.add("forwarding = " + k);
                    } else {
                        warn(n, "lb_kind " + n.arg(0) + " has no equivalent (dr, nat, tun); the default (dr) is used");
                    }
                }
                case "persistence_timeout" -> settings.add("persistence = " + seconds(n, n.arg(0).isEmpty() ? "360" : n.arg(0)));
                case "persistence_granularity" -> {
                    try {
                        int prefix = AddressText.prefixOfMask(n.arg(0));
                        if (prefix > AddressText.maxPrefix(vip == null ? AddressText.address("0.0.0.0") : vip)
                                || (vip != null && n.arg(0).contains(".") && vip instanceof java.net.Inet6Address)) {
                            throw new IllegalArgumentException("netmask " + n.arg(0) + " does not fit the address family");
                        }
                        settings.add("persistence-netmask = " + q(n.arg(0)));
                    } catch (IllegalArgumentException e) {
                        warn(n, "persistence_granularity ignored: " + e.getMessage());
                    }
                }
                case "quorum" -> {
                    quorum = integer(n, n.arg(0));
                    quorumNode = n;
                }
                case "hysteresis" -> {
                    Integer h = within(n, "hysteresis", integer(n, n.arg(0)), 0, 65535);
                    if (h != null) {
                        settings.add("hysteresis = " + h);
                    }
                }
                case "sorry_server" -> {
                    try {
                        InetAddress a = AddressText.address(n.arg(0));
                        int sorryPort = Integer.parseInt(n.arg(1).isEmpty() ? String.valueOf(port) : n.arg(1));
                        if (sorryPort < 1 || sorryPort > 65535 || (vip != null && !Addresses.sameFamily(a, vip))) {
                            throw new IllegalArgumentException("port or address family");
                        }
                        settings.add("sorry-server = " + q(Addresses.withPort(a, sorryPort)));
                        if (n.args().size() > 2) {
                            warn(n, "sorry_server options " + String.join(" ", n.args().subList(2, n.args().size())) + " ignored");
                        }
                    } catch (RuntimeException e) {
                        warn(n, "sorry_server " + n.text() + " not understood; ignored");
                    }
                }
                case "sorry_server_inhibit", "sorry_server_lvs_method" -> noEquivalent(n);
                case "inhibit_on_failure" -> settings.add("on-failure = inhibit");
                case "virtualhost" -> virtualHost = n.arg(0);
                case "alpha" -> alpha = true;
                case "ops" -> settings.add("one-packet = true");
                case "real_server" -> realServers.add(n);
                default -> warn(n, "virtual_server " + n.keyword() + " has no equivalent in Director; ignored");
            }
        }
        String id = protocol + " " + key;
        if (!serviceKeys.add(id)) {
            warn(vs, "virtual_server " + key + " (" + protocol + ") defined twice; the second is skipped");
            return;
        }
        if (!fwmark) {
            b.append(", protocol = ").append(protocol);
            if (!vips.containsKey(vip)) {
                warn(vs, "virtual_server address " + Addresses.text(vip)
                        + " is not a virtual_ipaddress of any vrrp_instance; added to vips so the master holds it");
                vips.put(vip, q(Addresses.text(vip) + "/" + AddressText.maxPrefix(vip)));
            }
        } else {
            b.append(", protocol = ").append(protocol);
        }
        List<String> rsTexts = new ArrayList<>();
        Set<String> rsKeys = new LinkedHashSet<>();
        InetAddress family = vip; // a fwmark service takes the family of its first real server
        for (KeepalivedNode rs : realServers) {
            if (family == null) {
                try {
                    family = AddressText.address(rs.arg(0));
                } catch (IllegalArgumentException e) {
                    // warned about and skipped below
                }
            }
            String t = realServer(rs, family, port, fwmark, delayLoop, alpha, virtualHost, rsKeys, settings);
            if (t != null) {
                rsTexts.add(t);
            }
        }
        if (rsTexts.isEmpty()) {
            warn(vs, "virtual_server " + key + " has no usable real servers; Director needs at least one, so the service is skipped");
            serviceKeys.remove(id);
            return;
        }
        if (quorum != null) {
            int q = Math.max(1, quorum);
            if (q > rsTexts.size()) {
                warn(vs, "quorum " + quorum + " is larger than the number of real servers (" + rsTexts.size() + "); "
                        + Math.max(1, rsTexts.size()) + " used");
                q = Math.max(1, rsTexts.size());
            }
            settings.add("quorum = " + q);
            boolean weighted = realServers.stream().anyMatch(rs -> rs.children().stream()
                    .anyMatch(c -> c.keyword().equals("weight") && !c.arg(0).equals("1")));
            if (weighted) {
                warn(quorumNode, "quorum " + quorum + " is a sum of healthy weights in keepalived but a count of healthy"
                        + " real servers in Director, and these real servers have weights other than 1: check quorum = " + q);
            }
        }
        StringBuilder s = new StringBuilder("    {\n      ").append(b).append('\n');
        for (String setting : new LinkedHashSet<>(settings)) {
            s.append("      ").append(setting).append('\n');
        }
        s.append("      real-servers = [\n");
        for (String r : rsTexts) {
            s.append("        ").append(r).append('\n');
        }
        s.append("      ]\n    }");
        services.add(s.toString());
    }

    private String realServer(KeepalivedNode rs, InetAddress family, int servicePort, boolean fwmark, String delayLoop,
                              boolean alpha, String virtualHost, Set<String> seen, List<String> serviceSettings) {
        InetAddress address;
        try {
            address = AddressText.address(rs.arg(0));
        } catch (IllegalArgumentException e) {
            warn(rs, "real_server " + rs.arg(0) + " skipped: " + e.getMessage());
            return null;
        }
        if (family != null && !Addresses.sameFamily(address, family)) {
            warn(rs, "real_server " + rs.arg(0) + " is not in the virtual server's address family; skipped");
            return null;
        }
        int port = servicePort;
        if (!rs.arg(1).isEmpty()) {
            Integer p = integer(rs, rs.arg(1));
            if (p == null || p < (fwmark ? 0 : 1) || p > 65535) {
                warn(rs, "real_server port " + rs.arg(1) + " is out of range; skipped");
                return null;
            }
            port = p;
        }
        if (!seen.add(Addresses.withPort(address, port))) {
            warn(rs, "real_server " + Addresses.withPort(address, port) + " listed twice; the second is skipped");
            return null;
        }
        StringBuilder b = new StringBuilder("{ address = ").append(q(Addresses.text(address))).append(", port = ").append(port);
        String check = null;
        Integer upper = null;
        Integer lower = null;
        for (KeepalivedNode n : rs.children()) {
            switch (n.keyword()) {
                case "weight" -> append(b, "weight", within(n, "weight", integer(n, n.arg(0)), 0, 65535));
                case "uthreshold" -> upper = within(n, "uthreshold", integer(n, n.arg(0)), 0, Integer.MAX_VALUE);
                case "lthreshold" -> lower = within(n, "lthreshold", integer(n, n.arg(0)), 0, Integer.MAX_VALUE);
                case "inhibit_on_failure" -> {
                    warn(n, "inhibit_on_failure on a real server applies to its whole service in Director");
                    serviceSettings.add("on-failure = inhibit");
                }
                case "notify_up" -> realServerNotify(n, "up");
                case "notify_down" -> realServerNotify(n, "down");
                case "HTTP_GET", "SSL_GET", "TCP_CHECK", "MISC_CHECK", "SMTP_CHECK" -> {
                    if (check != null) {
                        warn(n, "a second checker on one real server has no equivalent; ignored");
                    } else {
                        check = check(n, delayLoop, alpha, virtualHost);
                    }
                }
                default -> warn(n, "real_server " + n.keyword() + " has no equivalent in Director; ignored");
            }
        }
        if (upper != null && upper > 0 && lower != null && lower > upper) {
            warn(rs, "lthreshold " + lower + " is above uthreshold " + upper + "; lthreshold ignored");
            lower = null;
        }
        append(b, "upper-threshold", upper);
        append(b, "lower-threshold", lower);
        if (check != null) {
            b.append(", check ").append(check);
        }
        return b.append(" }").toString();
    }

    private void realServerNotify(KeepalivedNode n, String key) {
        String cmd = String.join(" ", n.args());
        String old = notify.putIfAbsent(key, cmd);
        if (old != null && !old.equals(cmd)) {
            warn(n, "notify_" + key + " differs between real servers; Director has one notify." + key + " (the first is kept)");
        }
    }

    private String check(KeepalivedNode c, String delayLoop, boolean alpha, String virtualHost) {
        List<String> parts = new ArrayList<>();
        String type = switch (c.keyword()) {
            case "HTTP_GET" -> "http";
            case "SSL_GET" -> "https";
            case "MISC_CHECK" -> "script";
            default -> "tcp";
        };
        if (c.keyword().equals("SMTP_CHECK")) {
            warn(c, "SMTP_CHECK is approximated by a TCP connect check (no SMTP dialogue)");
        }
        parts.add("type = " + type);
        String interval = delayLoop;
        String timeout = "5s";
        int fall = 1;
        String port = null;
        String host = virtualHost;
        boolean sawUrl = false;
        for (KeepalivedNode n : c.children()) {
            switch (n.keyword()) {
                case "connect_timeout", "misc_timeout" -> timeout = seconds(n, n.arg(0));
                case "retry", "nb_get_retry" -> fall = Math.max(1, Math.min(1000, integer(n, n.arg(0))));
                case "delay_loop" -> interval = seconds(n, n.arg(0));
                case "connect_port" -> {
                    Integer p = within(n, "connect_port", integer(n, n.arg(0)), 1, 65535);
                    port = p == null ? null : String.valueOf(p);
                }
                case "virtualhost" -> host = n.arg(0);
                case "misc_path" -> {
                    if (String.join(" ", n.args()).isBlank()) {
                        warn(n, "misc_path without a command ignored");
                    } else {
                        parts.add("command = " + q(String.join(" ", n.args())));
                    }
                }
                case "url" -> {
                    if (sawUrl) {
                        warn(n, "only the first url of a checker is checked in Director; this one is ignored");
                        continue;
                    }
                    sawUrl = true;
                    for (KeepalivedNode u : n.children()) {
                        switch (u.keyword()) {
                            case "path" -> parts.add("path = " + q(u.arg(0).startsWith("/") ? u.arg(0) : "/" + u.arg(0)));
                            case "status_code" -> {
                                List<String> codes = new ArrayList<>();
                                for (String code : u.args()) {
                                    if (code.matches("[1-5]\\d\\d(-[1-5]\\d\\d)?")
                                            && (code.length() == 3 || code.substring(0, 3).compareTo(code.substring(4)) <= 0)) {
                                        codes.add(q(code));
                                    } else {
                                        warn(u, "status_code " + code + " is not a status or range within 100..599; ignored");
                                    }
                                }
                                if (!codes.isEmpty()) {
                                    parts.add("expect = [" + String.join(", ", codes) + "]");
                                }
                            }
                            case "regex" -> {
                                try {
                                    java.util.regex.Pattern.compile(u.arg(0));
                                    parts.add("body = " + q(u.arg(0)));
                                } catch (java.util.regex.PatternSyntaxException e) {
                                    warn(u, "regex " + u.arg(0) + " is not a valid regular expression; ignored");
                                }
                            }
                            case "virtualhost" -> host = u.arg(0);
                            default -> warn(u, "url " + u.keyword() + " has no equivalent (Director checks the status code and an optional body regex); ignored");
                        }
                    }
                }
                case "enable_sni" -> {
                    if (host != null) {
                        parts.add("sni = " + q(host));
                    } else {
                        warn(n, "enable_sni without a virtualhost has no equivalent; ignored");
                    }
                }
                default -> warn(n, c.keyword() + " " + n.keyword() + " has no equivalent in Director; ignored");
            }
        }
        if (type.equals("script") && parts.stream().noneMatch(p -> p.startsWith("command"))) {
            warn(c, "MISC_CHECK without misc_path; check dropped");
            return null;
        }
        if (!type.equals("script") && port != null) {
            parts.add("port = " + port);
        }
        if ((type.equals("http") || type.equals("https")) && host != null) {
            parts.add("host = " + q(host));
        }
        parts.add("interval = " + interval);
        parts.add("timeout = " + timeout);
        parts.add("rise = 1");
        parts.add("fall = " + fall);
        parts.add("initial-state = " + (alpha ? "down" : "up"));
        return "{ " + String.join(", ", parts) + " }";
    }

    private Integer within(KeepalivedNode n, String what, Integer value, int min, int max) {
        if (value == null || value < min || value > max) {
            warn(n, what + " " + value + " is out of range " + min + ".." + max + "; ignored");
            return null;
        }
        return value;
    }

    private static void append(StringBuilder b, String key, Integer value) {
        if (value != null) {
            b.append(", ").append(key).append(" = ").append(value);
        }
    }

    private static void putIfPresent(Map<String, String> m, String key, Integer value) {
        if (value != null) {
            m.put(key, String.valueOf(value));
        }
    }

    private String interfaceName(KeepalivedNode n, String name) {
        if (name.matches("[^\\s/:]{1,15}")) {
            return name;
        }
        warn(n, "interface name \"" + name + "\" is not usable (1-15 characters, no '/' or ':'); ignored");
        return null;
    }

    private Integer integer(KeepalivedNode n, String text) {
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            warn(n, n.keyword() + ": \"" + text + "\" is not a whole number; 1 used");
            return 1;
        }
    }

    private BigDecimal decimal(KeepalivedNode n, String text) {
        try {
            BigDecimal d = new BigDecimal(text.trim());
            if (d.signum() <= 0 || d.compareTo(BigDecimal.valueOf(86400)) > 0) {
                throw new NumberFormatException();
            }
            return d;
        } catch (NumberFormatException e) {
            warn(n, n.keyword() + ": \"" + text + "\" is not a positive number of seconds; 1 used");
            return BigDecimal.ONE;
        }
    }

    private String seconds(KeepalivedNode n, String text) {
        return millis(decimal(n, text));
    }

    private static String millis(BigDecimal seconds) {
        BigDecimal ms = seconds.multiply(BigDecimal.valueOf(1000));
        return ms.remainder(BigDecimal.valueOf(1000)).signum() == 0
                ? ms.divide(BigDecimal.valueOf(1000)).toBigInteger() + "s"
                : ms.toBigInteger().max(java.math.BigInteger.ONE) + "ms";
    }

    private String endpoint(KeepalivedNode n, String text) {
        try {
            InetAddress a = AddressText.address(text);
            return Addresses.withPort(a, 7800);
        } catch (IllegalArgumentException e) {
            warn(n, text + ": " + e.getMessage() + "; ignored");
            return null;
        }
    }

    static String q(String s) {
        return ConfigUtil.quoteString(s);
    }

    private String write() {
        StringBuilder o = new StringBuilder();
        o.append("# Imported from keepalived.conf by `director import-keepalived`; review the warnings it printed.\n");
        o.append("director {\n");
        String node = nodeId != null && nodeId.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}") ? nodeId : null;
        if (node == null) {
            warnings.add(mainFile + ": " + (nodeId == null ? "no global_defs router_id" : "router_id " + nodeId + " is not a valid node-id")
                    + "; node-id set to director1: give each director its own");
            node = "director1";
        }
        o.append("  node-id = ").append(q(node)).append('\n');
        if (iface != null) {
            o.append("  interface = ").append(q(iface)).append('\n');
        }
        o.append("  cluster {\n");
        if (clusterName != null) {
            o.append("    name = ").append(q(clusterName)).append('\n');
        }
        if (bind == null) {
            warnings.add(mainFile + ": no unicast_src_ip: cluster.bind set to 127.0.0.1:7800, set it to this director's address");
            bind = "127.0.0.1:7800";
        }
        o.append("    bind = ").append(q(bind)).append('\n');
        if (!members.isEmpty()) {
            List<String> all = new ArrayList<>();
            all.add(bind);
            members.stream().filter(m -> !m.equals(bind)).forEach(all::add);
            o.append("    members = [").append(String.join(", ", all.stream().map(KeepalivedImporter::q).toList())).append("]\n");
        }
        if (priority != null) {
            o.append("    priority = ").append(priority).append('\n');
        }
        if (preempt != null) {
            o.append("    preempt = ").append(preempt).append('\n');
        }
        if (preemptDelay != null) {
            o.append("    preempt-delay = ").append(preemptDelay).append('\n');
        }
        if (heartbeatInterval != null) {
            o.append("    heartbeat-interval = ").append(heartbeatInterval).append('\n');
            o.append("    heartbeat-timeout = ").append(heartbeatTimeout).append('\n');
        }
        o.append("  }\n");
        o.append("  vips = [\n");
        for (String v : vips.values()) {
            o.append("    ").append(v).append('\n');
        }
        o.append("  ]\n");
        if (syncInterface != null || syncId != null) {
            o.append("  sync {");
            if (syncInterface != null) {
                o.append(" interface = ").append(q(syncInterface));
            }
            if (syncId != null) {
                o.append(syncInterface != null ? "," : "").append(" sync-id = ").append(syncId);
            }
            o.append(" }\n");
        }
        if (!announce.isEmpty()) {
            o.append("  announce {\n");
            announce.forEach((k, v) -> o.append("    ").append(k).append(" = ").append(v).append('\n'));
            o.append("  }\n");
        }
        if (!notify.isEmpty()) {
            o.append("  notify {\n");
            notify.forEach((k, v) -> o.append("    ").append(k).append(" = ").append(q(v)).append('\n'));
            o.append("  }\n");
        }
        o.append("  services = [\n");
        services.forEach(s -> o.append(s).append('\n'));
        o.append("  ]\n");
        o.append("}\n");
        if (vips.isEmpty()) {
            warnings.add(mainFile + ": no virtual addresses found; Director needs at least one VIP (add it to vips)");
        }
        return o.toString();
    }
}
