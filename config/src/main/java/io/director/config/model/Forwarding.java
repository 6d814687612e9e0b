package io.director.config.model;

/** LVS forwarding method: direct routing, masquerading (NAT) or IP-in-IP tunnelling. */
public enum Forwarding { DR, NAT, TUN }
