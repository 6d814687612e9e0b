package io.director.ipvs;

import java.util.Objects;

/**
 * One change to the kernel's IPVS table. {@link #toString()} is a one-line, ipvsadm-like notation,
 * e.g. "add service tcp 198.51.100.100:80 wrr" or
 * "edit dest tcp 198.51.100.100:80 -> 198.51.100.11:80 weight 3".
 */
public sealed interface IpvsOp permits IpvsOp.AddService, IpvsOp.EditService, IpvsOp.DeleteService,
        IpvsOp.AddDest, IpvsOp.EditDest, IpvsOp.DeleteDest {

    /** The service this op concerns. */
    ServiceKey service();

    record AddService(ServiceSpec spec) implements IpvsOp {
        public AddService {
            Objects.requireNonNull(spec);
        }

        @Override
        public ServiceKey service() {
            return spec.key();
        }

        @Override
        public String toString() {
            return text(this, true);
        }
    }

    record EditService(ServiceSpec spec) implements IpvsOp {
        public EditService {
            Objects.requireNonNull(spec);
        }

        @Override
        public ServiceKey service() {
            return spec.key();
        }

        @Override
        public String toString() {
            return text(this, true);
        }
    }

    record DeleteService(ServiceKey service) implements IpvsOp {
        public DeleteService {
            Objects.requireNonNull(service);
        }

        @Override
        public String toString() {
            return text(this, true);
        }
    }

    record AddDest(ServiceKey service, DestSpec dest) implements IpvsOp {
        public AddDest {
            Objects.requireNonNull(service);
            Objects.requireNonNull(dest);
        }

        @Override
        public String toString() {
            return text(this, true);
        }
    }

    record EditDest(ServiceKey service, DestSpec dest) implements IpvsOp {
        public EditDest {
            Objects.requireNonNull(service);
            Objects.requireNonNull(dest);
        }

        @Override
        public String toString() {
            return text(this, true);
        }
    }

    record DeleteDest(ServiceKey service, DestKey dest) implements IpvsOp {
        public DeleteDest {
            Objects.requireNonNull(service);
            Objects.requireNonNull(dest);
        }

        @Override
        public String toString() {
            return text(this, true);
        }
    }

    /** The op's verb and object without settings: "add dest tcp 198.51.100.100:80 -> 198.51.100.11:80". */
    static String subject(IpvsOp op) {
        return text(op, false);
    }

    /** The one place the notation is spelled: verb, object, and (when asked) the settings. */
    private static String text(IpvsOp op, boolean settings) {
        if (op instanceof AddService a) {
            return "add service " + (settings ? a.spec() : a.service());
        } else if (op instanceof EditService e) {
            return "edit service " + (settings ? e.spec() : e.service());
        } else if (op instanceof DeleteService d) {
            return "delete service " + d.service();
        } else if (op instanceof AddDest a) {
            return "add dest " + a.service() + " -> " + (settings ? a.dest() : a.dest().key());
        } else if (op instanceof EditDest e) {
            return "edit dest " + e.service() + " -> " + (settings ? e.dest() : e.dest().key());
        } else {
            DeleteDest d = (DeleteDest) op;
            return "delete dest " + d.service() + " -> " + d.dest();
        }
    }
}
