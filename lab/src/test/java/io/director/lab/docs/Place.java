package io.director.lab.docs;

/** Where a documented command runs in DocumentedCommandsLabTest, or that it cannot run there. */
public enum Place {
    /** io.director.lab.Demo's scenario, in the test's guest (what {@code bin/demo} runs after building). */
    DEMO,
    /** On the build host, once the test's guest is powered off (the lab launcher, generators). */
    HOST,
    /** The guest's root namespace, as in {@code lab/bin/lab shell} ({@code ip netns exec HOST ...}). */
    GUEST,
    /** Director host d1, with {@code director} on PATH and {@code /etc} paths in a scratch folder. */
    D1,
    /** Real server rs1. */
    RS1,
    /** The client: a host on the segment that watches announcements. */
    CLIENT,
    /** Not run: the rule gives the reason and what checks it instead. */
    NOT_RUN
}
