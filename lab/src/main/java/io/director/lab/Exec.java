package io.director.lab;

/** The result of a command that ran to its end in the guest. */
public final class Exec {
    private final String command;
    private final String where;
    private final int exitCode;
    private final String stdout;
    private final String stderr;

    Exec(String where, String command, int exitCode, String stdout, String stderr) {
        this.where = where;
        this.command = command;
        this.exitCode = exitCode;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    public int exitCode() {
        return exitCode;
    }

    public String stdout() {
        return stdout;
    }

    public String stderr() {
        return stderr;
    }

    public boolean succeeded() {
        return exitCode == 0;
    }

    /** Returns this when the exit code is 0; else fails with the command, code and output. */
    public Exec assertSuccess() {
        if (exitCode != 0) {
            throw new AssertionError(this.toString());
        }
        return this;
    }

    @Override
    public String toString() {
        return "[" + where + "] " + command + " -> exit " + exitCode
                + (stdout.isEmpty() ? "" : "\n--- stdout ---\n" + stdout)
                + (stderr.isEmpty() ? "" : "\n--- stderr ---\n" + stderr);
    }
}
