package io.director.net.realserver;

import io.director.net.NetException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/** {@link Sysctls} through the files under {@code /proc/sys} (or another root, for tests). */
public final class ProcSysctls implements Sysctls {
    private final Path root;

    public ProcSysctls(Path root) {
        this.root = root;
    }

    public static ProcSysctls system() {
        return new ProcSysctls(Path.of("/proc/sys"));
    }

    @Override
    public Optional<String> read(String path) throws NetException {
        try {
            return Optional.of(Files.readString(root.resolve(path)).trim());
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new NetException("read " + Sysctls.displayName(path) + ": " + reason(e));
        }
    }

    @Override
    public void write(String path, String value) throws NetException {
        Path file = root.resolve(path);
        try {
            if (!Files.exists(file)) {
                throw new NetException("set " + Sysctls.displayName(path) + ": no such parameter");
            }
            Files.writeString(file, value + "\n");
        } catch (IOException e) {
            throw new NetException("set " + Sysctls.displayName(path) + " = " + value + ": " + reason(e));
        }
    }

    private static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied (needs root)";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
