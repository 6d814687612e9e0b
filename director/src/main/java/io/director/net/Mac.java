package io.director.net;

import java.util.HexFormat;

/** Parses and formats 6-byte Ethernet addresses. */
public final class Mac {
    public static final int LENGTH = 6;
    private static final HexFormat COLONS = HexFormat.ofDelimiter(":");

    private Mac() {}

    public static String format(byte[] mac) {
        return COLONS.formatHex(mac);
    }

    /** Parses {@code aa:bb:cc:dd:ee:ff}; throws IllegalArgumentException with the text otherwise. */
    public static byte[] parse(String text) {
        try {
            byte[] mac = COLONS.parseHex(text.trim());
            if (mac.length == LENGTH) {
                return mac;
            }
        } catch (IllegalArgumentException e) {
            // fall through to the uniform message
        }
        throw new IllegalArgumentException("not a MAC address (aa:bb:cc:dd:ee:ff): " + text);
    }

    static void requireEthernet(byte[] mac) {
        if (mac.length != LENGTH) {
            throw new IllegalArgumentException("an Ethernet MAC has 6 bytes, got " + mac.length);
        }
    }
}
