package io.director.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A running traffic probe in {@code client} (see {@link io.director.lab.tools.ProbeMain}). */
public final class Probe {
    private final Spawned process;
    private final Path log;

    Probe(Spawned process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** The log so far (the probe flushes it every 100 ms). */
    public ProbeReport snapshot() {
        return ProbeReport.parse(lines());
    }

    /** A place in the log: what the probe sees from now on is {@link #since} it. */
    public int mark() {
        return lines().size();
    }

    /** What the probe saw since {@code mark}. */
    public ProbeReport since(int mark) {
        List<String> lines = lines();
        return ProbeReport.parse(lines.subList(Math.min(mark, lines.size()), lines.size()));
    }

    /** Stops the probe (it finishes the requests in flight) and reports what it saw. */
    public ProbeReport stop() {
        process.stop();
        return ProbeReport.parse(lines());
    }

    public Path log() {
        return log;
    }

    List<String> lines() {
        try {
            return Files.exists(log) ? Files.readAllLines(log) : List.of();
        } catch (IOException e) {
            throw new LabException("cannot read the probe log " + log + ": " + e.getMessage(), e);
        }
    }
}
