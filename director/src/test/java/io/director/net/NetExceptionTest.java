package io.director.net;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NetExceptionTest {

    @Test
    void namesTheObjectTheErrnoAndTheKernelsText() {
        NetException e = NetException.fromErrno("add 198.51.100.100/32 on lo", 22, "Invalid prefix length");

        assertThat(e).hasMessage("add 198.51.100.100/32 on lo: EINVAL (Invalid argument: Invalid prefix length)");
        assertThat(e.errnoName()).isEqualTo("EINVAL");
    }

    @Test
    void permissionErrorsSayWhichCapabilityIsNeeded() {
        assertThat(NetException.fromErrno("open packet socket for announcements", 1, ""))
                .hasMessage("open packet socket for announcements: EPERM (Operation not permitted);"
                        + " this needs root or CAP_NET_ADMIN (addresses) and CAP_NET_RAW (announcements)");
    }

    @Test
    void anUnknownErrnoIsStillNamedByNumber() {
        assertThat(NetException.fromErrno("look up interface eth0", 4095, null))
                .hasMessage("look up interface eth0: errno 4095 (unknown error)");
    }
}
