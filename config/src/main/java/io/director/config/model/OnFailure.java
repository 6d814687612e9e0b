package io.director.config.model;

/** What a failed real server becomes: removed from IPVS, or kept with weight 0 so its connections drain. */
public enum OnFailure { REMOVE, INHIBIT }
