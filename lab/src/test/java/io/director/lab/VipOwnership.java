package io.director.lab;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Who holds the VIPs, read in one guest command (few process starts: the guest has one CPU): {@code ip addr}
 * of eth0 in d1, d2 and w, and the client's neighbour entry for the IPv4 VIP.
 *
 * @param vips        per host, which of the two VIPs its eth0 carries
 * @param neighbourMac the client's neighbour entry (MAC) for the IPv4 VIP, or "" when it has none
 */
record VipOwnership(Map<String, Set<String>> vips, String neighbourMac) {
    static final List<String> HOSTS = List.of("d1", "d2", "w");
    private static final Pattern LLADDR = Pattern.compile("lladdr (\\S+)");

    static VipOwnership read(Lab lab) {
        StringBuilder cmd = new StringBuilder();
        for (String h : HOSTS) {
            cmd.append("echo '@ ").append(h).append("'; ip -n ").append(h).append(" -o addr show dev eth0; ");
        }
        cmd.append("echo '@ neigh'; ip -n client neigh show ").append(lab.vip());
        String out = lab.guest(cmd.toString()).assertSuccess().stdout();
        Map<String, Set<String>> vips = new HashMap<>();
        String section = "";
        String mac = "";
        for (String line : out.split("\n")) {
            if (line.startsWith("@ ")) {
                section = line.substring(2).trim();
                vips.putIfAbsent(section, new TreeSet<>());
            } else if (section.equals("neigh")) {
                Matcher m = LLADDR.matcher(line);
                if (m.find()) {
                    mac = m.group(1);
                }
            } else if (line.contains(" " + lab.vip() + "/")) {
                vips.get(section).add(lab.vip());
            } else if (line.contains(" " + lab.vip6() + "/")) {
                vips.get(section).add(lab.vip6());
            }
        }
        vips.remove("neigh");
        return new VipOwnership(Map.copyOf(vips), mac);
    }

    /** The hosts that carry either VIP. */
    Set<String> owners() {
        Set<String> owners = new TreeSet<>();
        vips.forEach((h, held) -> {
            if (!held.isEmpty()) {
                owners.add(h);
            }
        });
        return owners;
    }

    /** Whether {@code host} carries both VIPs. */
    boolean holdsBoth(String host) {
        return vips.getOrDefault(host, Set.of()).size() == 2;
    }

    @Override
    public String toString() {
        List<String> parts = new ArrayList<>();
        for (String h : HOSTS) {
            parts.add(h + "=" + vips.getOrDefault(h, Set.of()));
        }
        return String.join(" ", parts) + " client-neighbour=" + (neighbourMac.isEmpty() ? "none" : neighbourMac);
    }
}
