package io.director.config.core;

import io.director.config.model.CheckConfig;
import io.director.config.model.ClusterConfig;
import io.director.config.model.RealServerConfig;
import io.director.config.model.RealServerId;
import io.director.config.model.ServiceConfig;
import io.director.config.model.ServiceId;
import io.director.config.model.Vip;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** One difference between two configurations, as {@link ConfigDiff} finds it; {@link #summary()} is a log line. */
public sealed interface ConfigChange {

    String summary();

    private static String join(List<FieldChange> fields) {
        return fields.stream().map(FieldChange::toString).collect(Collectors.joining(", "));
    }

    record ServiceAdded(ServiceConfig service) implements ConfigChange {
        public String summary() {
            return "service " + service.id() + " added (" + service.realServers().size() + " real servers)";
        }
    }

    record ServiceRemoved(ServiceConfig service) implements ConfigChange {
        public String summary() {
            return "service " + service.id() + " removed";
        }
    }

    /** Settings of a service other than its check and real servers; {@code after} holds the new values. */
    record ServiceChanged(ServiceId id, ServiceConfig after, List<FieldChange> fields) implements ConfigChange {
        public ServiceChanged {
            fields = List.copyOf(fields);
        }

        public String summary() {
            return "service " + id + ": " + join(fields);
        }
    }

    /** The service's default check when {@code realServer} is empty, else that real server's own check. */
    record CheckChanged(ServiceId service, Optional<RealServerId> realServer, Optional<CheckConfig> before,
                        Optional<CheckConfig> after) implements ConfigChange {
        public String summary() {
            String who = "service " + service + realServer.map(r -> " real server " + r).orElse("");
            if (before.isEmpty()) {
                return who + ": check added (" + CheckText.of(after.orElseThrow()) + ")";
            }
            if (after.isEmpty()) {
                return who + ": check removed";
            }
            if (before.get().getClass() != after.get().getClass()) {
                return who + ": check " + CheckText.of(before.get()) + " -> " + CheckText.of(after.get());
            }
            return who + ": check " + join(CheckText.changes(before.get(), after.get()));
        }
    }

    record RealServerAdded(ServiceId service, RealServerConfig realServer) implements ConfigChange {
        public String summary() {
            return "service " + service + ": real server " + realServer.id() + " added (weight " + realServer.weight() + ")";
        }
    }

    record RealServerRemoved(ServiceId service, RealServerConfig realServer) implements ConfigChange {
        public String summary() {
            return "service " + service + ": real server " + realServer.id() + " removed";
        }
    }

    /** Weight or thresholds of a real server (its own check is a {@link CheckChanged}). */
    record RealServerChanged(ServiceId service, RealServerConfig after, List<FieldChange> fields) implements ConfigChange {
        public RealServerChanged {
            fields = List.copyOf(fields);
        }

        public String summary() {
            return "service " + service + ": real server " + after.id() + ": " + join(fields);
        }
    }

    /** The services, or a service's real servers, are the same but listed in another order. */
    record OrderChanged(Optional<ServiceId> service, List<Object> order) implements ConfigChange {
        public OrderChanged {
            order = List.copyOf(order);
        }

        public String summary() {
            return service.map(s -> "service " + s + ": real servers reordered").orElse("services reordered");
        }
    }

    record VipsChanged(List<Vip> before, List<Vip> after) implements ConfigChange {
        public VipsChanged {
            before = List.copyOf(before);
            after = List.copyOf(after);
        }

        public List<Vip> added() {
            return after.stream().filter(v -> !before.contains(v)).toList();
        }

        public List<Vip> removed() {
            return before.stream().filter(v -> !after.contains(v)).toList();
        }

        public String summary() {
            List<Vip> added = added();
            List<Vip> removed = removed();
            if (added.isEmpty() && removed.isEmpty()) {
                return "vips reordered";
            }
            return "vips:" + (added.isEmpty() ? "" : " added " + added) + (removed.isEmpty() ? "" : " removed " + removed);
        }
    }

    record ClusterChanged(ClusterConfig before, ClusterConfig after, List<FieldChange> fields) implements ConfigChange {
        public ClusterChanged {
            fields = List.copyOf(fields);
        }

        public String summary() {
            return "cluster: " + join(fields);
        }
    }

    /**
     * Any other top-level setting: {@code section} is node-id, interface, sync, admin, announce, ipvs or
     * notify; {@code after} is its new value (a String or a section record).
     */
    record SectionChanged(String section, Object after, List<FieldChange> fields) implements ConfigChange {
        public SectionChanged {
            fields = List.copyOf(fields);
        }

        public String summary() {
            return section + ": " + join(fields);
        }
    }
}
