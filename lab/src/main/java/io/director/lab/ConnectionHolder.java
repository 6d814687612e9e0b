package io.director.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** N long-lived connections from {@code client} through the VIP (see {@link io.director.lab.tools.HolderMain}). */
public final class ConnectionHolder {
    private final Spawned process;
    private final Path log;
    private HolderReport last;

    ConnectionHolder(Spawned process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** What it saw so far. */
    public HolderReport snapshot() {
        return HolderReport.parse(lines());
    }

    /** Stops holding; returns how many connections were reset (details: {@link #report()}). */
    public int stop() {
        process.stop();
        last = HolderReport.parse(lines());
        return last.resets();
    }

    /** The report after {@link #stop()}, else the one so far. */
    public HolderReport report() {
        return last != null ? last : snapshot();
    }

    public Path log() {
        return log;
    }

    private List<String> lines() {
        try {
            return Files.exists(log) ? Files.readAllLines(log) : List.of();
        } catch (IOException e) {
            throw new LabException("cannot read the holder log " + log + ": " + e.getMessage(), e);
        }
    }
}
