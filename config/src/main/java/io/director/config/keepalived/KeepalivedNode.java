package io.director.config.keepalived;

import java.util.List;
import java.util.Optional;

/**
 * One statement of keepalived.conf: a keyword, its arguments, and its block if it has one
 * ({@code virtual_server 198.51.100.100 80 { ... }}), with where it was written.
 */
public record KeepalivedNode(String keyword, List<String> args, Optional<List<KeepalivedNode>> block, String file, int line) {

    public KeepalivedNode {
        args = List.copyOf(args);
        block = block.map(List::copyOf);
    }

    public String where() {
        return file + ":" + line;
    }

    public List<KeepalivedNode> children() {
        return block.orElse(List.of());
    }

    public String arg(int i) {
        return i < args.size() ? args.get(i) : "";
    }

    /** The keyword and its arguments, as written. */
    public String text() {
        return args.isEmpty() ? keyword : keyword + " " + String.join(" ", args);
    }
}
