package io.director.daemon.watch;

/**
 * What the watcher compares between two looks at the configuration file: its identity (device and
 * inode: a save by rename brings a new one), size, modification time and status-change time (which
 * no one can set back), or that it is absent.
 */
record FileState(boolean exists, Object identity, long size, long modifiedNanos, long changedNanos) {
    static final FileState ABSENT = new FileState(false, null, -1, -1, -1);
}
