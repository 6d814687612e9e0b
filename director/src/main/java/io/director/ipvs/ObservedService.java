package io.director.ipvs;

/** A service as read from the kernel: the comparable spec and its statistics. */
public record ObservedService(ServiceSpec spec, Stats stats) {
    public ServiceKey key() {
        return spec.key();
    }
}
