package io.director.healthcheck.probe;

import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Shell commands in a session of their own ({@code setsid sh -c}), so that a timeout can kill the whole
 * process group, children included. Both calls block briefly (fork/exec): never call them on an event loop.
 */
public final class ProcessGroups {

    private static final File DEV_NULL = new File("/dev/null");

    private ProcessGroups() {}

    /**
     * Starts {@code sh -c COMMAND} with {@code arguments} as {@code $1...}, stdin from /dev/null and output
     * discarded, {@code environment} added to ours.
     */
    public static Process start(String command, List<String> arguments, Map<String, String> environment) throws IOException {
        List<String> argv = new ArrayList<>(List.of("setsid", "sh", "-c", command, "director"));
        argv.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(argv)
                .redirectInput(DEV_NULL)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().putAll(environment);
        return builder.start();
    }

    /** setsid made the shell a session and group leader (pgid = pid): signal the whole group, then the shell. */
    public static void killGroup(Process process) {
        if (process.isAlive()) {
            try {
                new ProcessBuilder("kill", "-KILL", "--", "-" + process.pid())
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .redirectError(ProcessBuilder.Redirect.DISCARD)
                        .start()
                        .waitFor();
            } catch (IOException e) {
                // fall through to killing the shell itself
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        process.destroyForcibly();
    }
}
