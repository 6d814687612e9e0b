package io.director.net;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A fake {@link Addresses} that keeps interfaces and addresses like the kernel would and records every
 * call, so tests of the logic above can assert exactly which operations were issued. Failures can be
 * injected per operation.
 */
public final class RecordingAddresses implements Addresses {
    /** One call, e.g. {@code add lo 198.51.100.100/32}. */
    public record Call(String op, String ifname, String detail) {
        @Override
        public String toString() {
            return op + " " + ifname + (detail.isEmpty() ? "" : " " + detail);
        }
    }

    private final Map<String, InterfaceInfo> links = new LinkedHashMap<>();
    private final Map<String, List<InterfaceAddress>> addresses = new HashMap<>();
    private final List<Call> calls = new ArrayList<>();
    private final Map<String, NetException> failures = new HashMap<>();
    private boolean closed;

    /** Adds an interface with index = count + 1 and a MAC derived from the index. */
    public RecordingAddresses withInterface(String name) {
        int index = links.size() + 1;
        links.put(name, new InterfaceInfo(name, index, new byte[] {2, 0, 0, 0, 0, (byte) index}, 1500, true));
        addresses.put(name, new ArrayList<>());
        return this;
    }

    /** An address already present before the test acts (not recorded as a call). */
    public RecordingAddresses withAddress(String ifname, InetAddress addr, int prefix) {
        addresses.get(ifname).add(new InterfaceAddress(addr, prefix, ifname));
        return this;
    }

    /** The next call of {@code op} ("add", "remove", "list", "info") fails with {@code e}. */
    public RecordingAddresses failNext(String op, NetException e) {
        failures.put(op, e);
        return this;
    }

    public List<Call> calls() {
        return List.copyOf(calls);
    }

    /** Calls that change state (add, remove), as strings, in order. */
    public List<String> changes() {
        return calls.stream().filter(c -> c.op().equals("add") || c.op().equals("remove")).map(Call::toString).toList();
    }

    public List<InterfaceAddress> current(String ifname) {
        return List.copyOf(addresses.getOrDefault(ifname, List.of()));
    }

    public boolean closed() {
        return closed;
    }

    @Override
    public InterfaceInfo interfaceInfo(String name) throws NetException {
        record("info", name, "");
        return link(name);
    }

    @Override
    public List<InterfaceAddress> list(String ifname) throws NetException {
        record("list", ifname, "");
        link(ifname);
        return current(ifname);
    }

    @Override
    public boolean add(String ifname, InetAddress addr, int prefix) throws NetException {
        record("add", ifname, IpLiteral.format(addr) + "/" + prefix);
        link(ifname);
        List<InterfaceAddress> list = addresses.get(ifname);
        InterfaceAddress a = new InterfaceAddress(addr, prefix, ifname);
        if (list.contains(a)) {
            return false;
        }
        list.add(a);
        return true;
    }

    @Override
    public boolean remove(String ifname, InetAddress addr, int prefix) throws NetException {
        record("remove", ifname, IpLiteral.format(addr) + "/" + prefix);
        link(ifname);
        return addresses.get(ifname).remove(new InterfaceAddress(addr, prefix, ifname));
    }

    @Override
    public void close() {
        closed = true;
    }

    private void record(String op, String ifname, String detail) throws NetException {
        calls.add(new Call(op, ifname, detail));
        NetException failure = failures.remove(op);
        if (failure != null) {
            throw failure;
        }
    }

    private InterfaceInfo link(String name) throws NetException {
        InterfaceInfo info = links.get(name);
        if (info == null) {
            throw NetException.fromErrno("interface " + name, "ENODEV", "No such device");
        }
        return info;
    }
}
