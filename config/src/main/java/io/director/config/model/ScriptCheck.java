package io.director.config.model;

/** A command run with {@code sh -c}; exit 0 means up. Killed with its process group at the timeout. */
public record ScriptCheck(CheckTiming timing, String command) implements CheckConfig {}
