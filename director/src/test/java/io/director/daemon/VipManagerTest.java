package io.director.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import io.director.net.RecordingAddresses;
import io.director.net.RecordingAnnouncer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class VipManagerTest {
    private final ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final RecordingAddresses addresses = new RecordingAddresses().withInterface("eth0");
    private final RecordingAnnouncer announcer = new RecordingAnnouncer();
    private final VipManager vips = new VipManager(addresses, announcer, loop,
            () -> TestConfigs.load(TestConfigs.text(1, "")), new EventLog(new PrintStream(out, true, StandardCharsets.UTF_8), Clock.systemUTC()));

    @AfterEach
    void tearDown() {
        loop.shutdownNow();
    }

    private String log() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void acquiringWhatItHoldsAddsNothingAndSaysItAnnouncesAgain() throws Exception {
        vips.acquire();
        assertThat(log()).contains("event=vip-added vip=198.51.100.100/24").doesNotContain("vips-announced");
        assertThat(vips.held()).isTrue();

        vips.acquire(); // a rival master stopped claiming: point the neighbours back here
        assertThat(log()).containsOnlyOnce("event=vip-added").contains("event=vips-announced");
        assertThat(vips.held()).isTrue();
    }

    @Test
    void acquiringAfterAReleaseIsATakeoverNotOnlyAnAnnouncement() throws Exception {
        vips.acquire();
        vips.release();
        vips.acquire();
        assertThat(log()).doesNotContain("vips-announced");
    }

    @Test
    void eachVipIsAnnouncedOnTheTakeoverItselfNotLaterOnTheLoop() throws Exception {
        CountDownLatch busy = new CountDownLatch(1);
        loop.execute(() -> {
            try {
                busy.await(); // the loop is busy (the rest of a takeover): nothing scheduled on it runs
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        vips.acquire();
        assertThat(announcer.announcements()).hasSize(1);
        busy.countDown();
    }
}
