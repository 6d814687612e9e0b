package io.director.daemon;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.concurrent.TimeUnit;

/**
 * Watches the configuration file and calls back once an edit has settled. It watches the folder, not
 * the file, because editors that save by writing a new file and renaming it over the old one replace
 * the inode a file watch would follow; a burst of events within the debounce window is one reload.
 */
public final class ConfigWatcher implements AutoCloseable {
    private final Path file;
    private final Runnable onChange;
    private final long debounceMillis;
    private final WatchService watch;
    private final Thread thread;

    public ConfigWatcher(Path file, long debounceMillis, Runnable onChange) throws IOException {
        this.file = file.toAbsolutePath().normalize();
        this.onChange = onChange;
        this.debounceMillis = debounceMillis;
        this.watch = FileSystems.getDefault().newWatchService();
        this.file.getParent().register(watch, StandardWatchEventKinds.ENTRY_CREATE,
                StandardWatchEventKinds.ENTRY_MODIFY, StandardWatchEventKinds.ENTRY_DELETE);
        this.thread = new Thread(this::run, "config-watcher");
        this.thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    private void run() {
        try {
            while (true) {
                WatchKey key = watch.take();
                boolean ours = concernsFile(key);
                key.reset();
                if (!ours) {
                    continue;
                }
                // Debounce: wait until no event about the file arrives for a while.
                while (true) {
                    WatchKey more = watch.poll(debounceMillis, TimeUnit.MILLISECONDS);
                    if (more == null) {
                        break;
                    }
                    more.reset();
                }
                onChange.run();
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            // closed
        }
    }

    private boolean concernsFile(WatchKey key) {
        for (WatchEvent<?> e : key.pollEvents()) {
            if (e.kind() == StandardWatchEventKinds.OVERFLOW) {
                return true;
            }
            if (e.context() instanceof Path p && p.equals(file.getFileName())) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() {
        try {
            watch.close();
        } catch (IOException e) {
            // nothing left to release
        }
        thread.interrupt();
    }
}
