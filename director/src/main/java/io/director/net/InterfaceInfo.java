package io.director.net;

import java.util.Arrays;

/** What the kernel says about one network interface: enough to address frames and report state. */
public record InterfaceInfo(String name, int index, byte[] mac, int mtu, boolean up) {

    public InterfaceInfo {
        mac = mac.clone();
    }

    @Override
    public byte[] mac() {
        return mac.clone();
    }

    /** The MAC in the usual colon form, e.g. {@code 02:00:00:00:00:01}. */
    public String macText() {
        return Mac.format(mac);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof InterfaceInfo other && name.equals(other.name) && index == other.index
                && Arrays.equals(mac, other.mac) && mtu == other.mtu && up == other.up;
    }

    @Override
    public int hashCode() {
        return 31 * name.hashCode() + index;
    }

    @Override
    public String toString() {
        return "InterfaceInfo[" + name + " index=" + index + " mac=" + macText() + " mtu=" + mtu + (up ? " up" : " down") + "]";
    }
}
