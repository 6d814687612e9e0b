package io.director.config.model;

/** A health check of a real server. */
public sealed interface CheckConfig permits HttpCheck, TcpCheck, ScriptCheck {
    CheckTiming timing();
}
