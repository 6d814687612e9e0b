package io.director.config.model;

/** Scheduler flags of the sh and mh schedulers. */
public enum SchedulerFlag { SH_FALLBACK, SH_PORT, MH_FALLBACK, MH_PORT }
