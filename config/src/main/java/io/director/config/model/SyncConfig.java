package io.director.config.model;

import java.net.InetAddress;
import java.util.Optional;
import java.util.OptionalInt;

/** The kernel's IPVS connection-sync daemon; its role (master or backup) follows the election. */
public record SyncConfig(
        boolean enabled,
        Optional<String> interfaceName,
        int syncId,
        Optional<InetAddress> multicastGroup,
        OptionalInt multicastPort) {}
