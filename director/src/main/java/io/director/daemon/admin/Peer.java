package io.director.daemon.admin;

/** The process at the other end of an admin connection, as the kernel reports it (SO_PEERCRED). */
public record Peer(int uid, int gid, long pid) {

    @Override
    public String toString() {
        return "uid=" + uid + " gid=" + gid + " pid=" + pid;
    }
}
