package io.director.config.model;

/** Transport protocol of a virtual service. */
public enum Protocol { TCP, UDP, SCTP }
