package io.director.failover.jgroups;

import org.jgroups.Message;
import org.jgroups.auth.AuthToken;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/** JGroups AUTH token: a joining member must present the token derived from the shared cluster key. */
public final class SharedKeyToken extends AuthToken {
    private static final Logger LOG = LoggerFactory.getLogger(SharedKeyToken.class);
    private static final int MAX_LENGTH = 64;
    private byte[] token = new byte[0];

    /** For JGroups, which creates tokens read off the wire by reflection. */
    public SharedKeyToken() {
    }

    public SharedKeyToken(byte[] token) {
        this.token = token.clone();
    }

    @Override
    public String getName() {
        return SharedKeyToken.class.getName();
    }

    @Override
    public int size() {
        return Short.BYTES + token.length;
    }

    @Override
    public boolean authenticate(AuthToken other, Message msg) {
        boolean ok = other instanceof SharedKeyToken t && ClusterKey.sameBytes(token, t.token);
        if (!ok) {
            LOG.warn("rejected cluster member {}: it does not hold the cluster key", msg.getSrc());
        }
        return ok;
    }

    @Override
    public void writeTo(DataOutput out) throws IOException {
        out.writeShort(token.length);
        out.write(token);
    }

    @Override
    public void readFrom(DataInput in) throws IOException {
        int length = in.readUnsignedShort();
        if (length > MAX_LENGTH) {
            throw new IOException("auth token too long: " + length);
        }
        token = new byte[length];
        in.readFully(token);
    }
}
