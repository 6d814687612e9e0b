package io.director.failover.jgroups;

import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * The shared cluster secret from the key file, and the keys derived from it: one for the group's encryption
 * (SYM_ENCRYPT), one for the join token (AUTH), one for the link probe's packet MACs. Leading and trailing
 * whitespace of the file is ignored; at least 16 bytes must remain.
 */
public final class ClusterKey {
    private static final int MIN_LENGTH = 16;
    private final byte[] secret;

    private ClusterKey(byte[] secret) {
        this.secret = secret;
    }

    public static ClusterKey read(Path file) throws IOException {
        byte[] raw = Files.readAllBytes(file);
        String text = new String(raw, StandardCharsets.ISO_8859_1).strip();
        byte[] secret = text.getBytes(StandardCharsets.ISO_8859_1);
        if (secret.length < MIN_LENGTH) {
            throw new IOException(file + ": cluster key too short (" + secret.length + " bytes, at least "
                    + MIN_LENGTH + " needed)");
        }
        return new ClusterKey(secret);
    }

    public static ClusterKey of(byte[] secret) {
        if (secret.length < MIN_LENGTH) {
            throw new IllegalArgumentException("cluster key too short");
        }
        return new ClusterKey(secret.clone());
    }

    /** AES-128 key for the group's symmetric encryption. */
    public SecretKey encryptionKey() {
        return new SecretKeySpec(Arrays.copyOf(derive("director/encrypt"), 16), "AES");
    }

    /** The proof a joining member presents: the same for every holder of the key, useless without it. */
    public byte[] joinToken(String cluster) {
        return mac(derive("director/auth"), cluster.getBytes(StandardCharsets.UTF_8));
    }

    /** HMAC-SHA256 with the probe key. */
    public byte[] probeMac(byte[] data, int offset, int length) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(derive("director/probe"), "HmacSHA256"));
            mac.update(data, offset, length);
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private byte[] derive(String label) {
        return mac(secret, label.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] mac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static boolean sameBytes(byte[] a, byte[] b) {
        return MessageDigest.isEqual(a, b);
    }
}
