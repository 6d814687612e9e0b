package io.director.daemon.admin;

/**
 * What the daemon does with an admin request from an authorised peer. Called on an admin thread;
 * it may block (a failover waits for the handover) without holding up other clients. A thrown
 * exception becomes exit 1 with its message.
 */
@FunctionalInterface
public interface AdminHandler {
    AdminResponse handle(AdminRequest request, Peer peer);
}
