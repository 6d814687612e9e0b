package io.director.config.model;

import java.util.List;

/** The whole configuration of one director: the immutable result of loading and validating a file. */
public record DirectorConfig(
        String nodeId,
        String interfaceName,
        ClusterConfig cluster,
        List<Vip> vips,
        SyncConfig sync,
        AdminConfig admin,
        AnnounceConfig announce,
        IpvsConfig ipvs,
        NotifyConfig notifications,
        List<ServiceConfig> services) {

    public DirectorConfig {
        vips = List.copyOf(vips);
        services = List.copyOf(services);
    }

    public DirectorConfig withServices(List<ServiceConfig> other) {
        return new DirectorConfig(nodeId, interfaceName, cluster, vips, sync, admin, announce, ipvs, notifications, other);
    }

    /** The interface a VIP lives on: its own, else the director's. */
    public String interfaceOf(Vip vip) {
        return vip.interfaceName().orElse(interfaceName);
    }
}
