package io.director.daemon.watch;

import java.util.Optional;
import java.util.Set;

/**
 * Filesystems on which inotify does not report every change of a file. Network and host-shared
 * filesystems only see the changes made through this kernel, if any: User-Mode Linux's hostfs even
 * misses those, since it makes a fresh inode for every path lookup and the watch stays on the old one.
 */
final class InotifyFilesystems {
    private static final Set<String> SILENT = Set.of("hostfs", "nfs", "nfs4", "cifs", "smb3", "smbfs", "9p",
            "virtiofs", "vboxsf", "ceph", "glusterfs", "afs");

    private InotifyFilesystems() {}

    /** Why inotify cannot be trusted on a filesystem of this type (as /proc/mounts names it), or empty. */
    static Optional<String> whyNot(String type) {
        if (SILENT.contains(type) || type.startsWith("fuse")) {
            return Optional.of("inotify on " + type + " does not report every change");
        }
        return Optional.empty();
    }
}
