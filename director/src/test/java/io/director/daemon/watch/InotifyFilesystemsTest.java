package io.director.daemon.watch;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class InotifyFilesystemsTest {
    @Test
    void localFilesystemsUseInotify() {
        for (String fs : new String[] {"ext4", "xfs", "btrfs", "tmpfs", "zfs", "overlay"}) {
            assertThat(InotifyFilesystems.whyNot(fs)).as(fs).isEmpty();
        }
    }

    @Test
    void hostSharedAndNetworkFilesystemsArePolled() {
        for (String fs : new String[] {"hostfs", "nfs", "nfs4", "cifs", "9p", "fuse.sshfs", "virtiofs"}) {
            assertThat(InotifyFilesystems.whyNot(fs)).as(fs).hasValueSatisfying(r -> assertThat(r).contains(fs));
        }
    }
}
