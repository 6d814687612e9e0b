package io.director.daemon.watch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class EditSettlerTest {
    static final long MS = 1_000_000L;
    static final FileState V1 = new FileState(true, "8:1", 100, 1_000, 1_000);
    static final FileState V1_WRITTEN = new FileState(true, "8:1", 120, 2_000, 2_000);
    static final FileState V1_WRITTEN_AGAIN = new FileState(true, "8:1", 130, 3_000, 3_000);
    static final FileState V2_RENAMED = new FileState(true, "8:2", 100, 1_000, 4_000);

    final EditSettler settler = new EditSettler(V1, Duration.ofMillis(300), Duration.ofSeconds(1));

    @Test
    void anUnchangedFileIsLookedAtOncePerPollPeriod() {
        assertThat(settler.look(0, V1, false)).isEqualTo(new EditSettler.Decision(false, false, 1000 * MS));
        assertThat(settler.look(1000 * MS, V1, true)).as("an event about another file").isEqualTo(new EditSettler.Decision(false, false, 2000 * MS));
    }

    @Test
    void anEditIsHandedOnOnceItHasSettledForTheDebounceTime() {
        EditSettler.Decision first = settler.look(10 * MS, V1_WRITTEN, true);
        assertThat(first.reload()).isFalse();
        assertThat(first.nextLookNanos()).isEqualTo(310 * MS);
        assertThat(settler.look(200 * MS, V1_WRITTEN_AGAIN, true).nextLookNanos()).as("a further write restarts the wait").isEqualTo(500 * MS);
        assertThat(settler.look(499 * MS, V1_WRITTEN_AGAIN, false).reload()).isFalse();
        assertThat(settler.look(500 * MS, V1_WRITTEN_AGAIN, false)).isEqualTo(new EditSettler.Decision(true, false, 1500 * MS));
        assertThat(settler.look(900 * MS, V1_WRITTEN_AGAIN, true).reload()).as("late events of the same edit").isFalse();
        assertThat(settler.look(1500 * MS, V1_WRITTEN_AGAIN, false).reload()).isFalse();
    }

    @Test
    void aSaveByRenameIsAChangeEvenWithTheOldSizeAndModificationTime() {
        settler.look(0, V2_RENAMED, true);
        assertThat(settler.look(300 * MS, V2_RENAMED, false).reload()).isTrue();
    }

    @Test
    void anEditSeenOnlyByPollingIsMarkedUnreported() {
        settler.look(1000 * MS, V1_WRITTEN, false);
        assertThat(settler.look(1300 * MS, V1_WRITTEN, false)).isEqualTo(new EditSettler.Decision(true, true, 2300 * MS));
    }

    @Test
    void anEventArrivingAfterThePollNoticedTheEditCountsAsReported() {
        settler.look(1000 * MS, V1_WRITTEN, false);
        settler.look(1001 * MS, V1_WRITTEN, true);
        assertThat(settler.look(1300 * MS, V1_WRITTEN, false)).isEqualTo(new EditSettler.Decision(true, false, 2300 * MS));
    }

    @Test
    void aDeletedFileIsNotHandedOnAndItsReturnIsAnEdit() {
        settler.look(0, FileState.ABSENT, true);
        assertThat(settler.look(300 * MS, FileState.ABSENT, false).reload()).isFalse();
        assertThat(settler.look(1300 * MS, FileState.ABSENT, false).reload()).isFalse();
        settler.look(1400 * MS, V2_RENAMED, true);
        assertThat(settler.look(1700 * MS, V2_RENAMED, false).reload()).isTrue();
    }

    @Test
    void aFileChangedAndBackAsItWasIsNotReloaded() {
        settler.look(0, V1_WRITTEN, true);
        settler.look(100 * MS, V1, true);
        assertThat(settler.look(400 * MS, V1, false).reload()).isFalse();
    }

    @Test
    void aLookAfterALongPauseSeesTheEditSettled() {
        // The watcher's thread may be late (a loaded machine): the edit is handed on at the next look after the wait.
        settler.look(0, V1_WRITTEN, true);
        assertThat(settler.look(5000 * MS, V1_WRITTEN, false).reload()).isTrue();
    }
}
