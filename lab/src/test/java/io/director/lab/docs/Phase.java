package io.director.lab.docs;

import java.util.List;
import java.util.regex.Pattern;

/**
 * When DocumentedCommandsLabTest runs the commands of one {@code sh} block: with a single director and
 * no daemon, with the documented director pair up (the block talks to the daemon), or once the daemons
 * stop (the block stops them, or clears what they leave behind).
 */
public enum Phase {
    SINGLE, PAIR, ROLLBACK;

    private static final Pattern DAEMON_COMMAND = Pattern.compile("director (status|failover|reload|drill)\\b");
    private static final Pattern ROLLBACK_COMMAND = Pattern.compile("(systemctl stop director|ipvsadm)\\b");

    public static Phase of(List<DocCommand> block) {
        if (block.stream().anyMatch(c -> ROLLBACK_COMMAND.matcher(c.text()).lookingAt())) {
            return ROLLBACK;
        }
        if (block.stream().anyMatch(c -> DAEMON_COMMAND.matcher(c.text()).lookingAt())) {
            return PAIR;
        }
        return SINGLE;
    }
}
