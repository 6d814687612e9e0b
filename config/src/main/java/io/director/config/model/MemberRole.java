package io.director.config.model;

/** A director can hold VIPs; a witness only votes (no VIPs, no kernel access). */
public enum MemberRole { DIRECTOR, WITNESS }
