package io.director.failover.runtime;

/** The failover runtime's threads: daemon threads, those on a takeover's path at the highest priority. */
final class Threads {
    private Threads() {
    }

    static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /**
     * A thread a takeover waits on (the link probe, its knocks, the state machine). At the highest priority it
     * runs ahead of the JIT compilers and of other processes when the JVM maps priorities to the operating
     * system's ({@code -XX:ThreadPriorityPolicy=1} as root, as {@code bin/director run} starts it), much like
     * keepalived's {@code vrrp_priority}; elsewhere the priority is a hint the JVM ignores.
     */
    static Thread urgent(Runnable r, String name) {
        Thread t = daemon(r, name);
        t.setPriority(Thread.MAX_PRIORITY);
        return t;
    }
}
