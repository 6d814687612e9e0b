package io.director.net.realserver;

import io.director.net.IpLiteral;
import java.net.InetAddress;

/** One change that puts a real server into (or out of) the DR/TUN shape; data, executed by the command. */
public sealed interface RealServerStep {

    /** What {@code check} says while this step is still to do. */
    String missing();

    /** What {@code up}/{@code down} prints once it is done. */
    String done();

    record AddVip(InetAddress vip, int prefixLength, String interfaceName) implements RealServerStep {
        @Override
        public String missing() {
            return "VIP " + IpLiteral.format(vip) + "/" + prefixLength + " is not on " + interfaceName;
        }

        @Override
        public String done() {
            return "added " + IpLiteral.format(vip) + "/" + prefixLength + " on " + interfaceName;
        }
    }

    record RemoveVip(InetAddress vip, int prefixLength, String interfaceName) implements RealServerStep {
        @Override
        public String missing() {
            return "VIP " + IpLiteral.format(vip) + "/" + prefixLength + " is still on " + interfaceName;
        }

        @Override
        public String done() {
            return "removed " + IpLiteral.format(vip) + "/" + prefixLength + " from " + interfaceName;
        }
    }

    /** {@code from} is the value seen before, {@code why} the reason in a few words. */
    record SetSysctl(String path, String from, String to, String why) implements RealServerStep {
        @Override
        public String missing() {
            return Sysctls.displayName(path) + " is " + from + ", needs " + to + " (" + why + ")";
        }

        @Override
        public String done() {
            return "set " + Sysctls.displayName(path) + " = " + to + " (was " + from + ")";
        }
    }
}
