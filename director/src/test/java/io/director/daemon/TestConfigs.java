package io.director.daemon;

import io.director.config.hocon.ConfigLoader;
import io.director.config.hocon.LoadResult;
import io.director.config.model.DirectorConfig;

/** Configurations for daemon tests, written as an operator would write them. */
final class TestConfigs {
    private TestConfigs() {}

    /** A director d1 on eth0 with the VIP 198.51.100.100/24 and one DR service over {@code realServers} (.11 onwards). */
    static String text(int realServers, String extra) {
        StringBuilder rs = new StringBuilder();
        for (int i = 0; i < realServers; i++) {
            rs.append("        { address = 198.51.100.").append(11 + i).append(", port = 80, weight = ").append(1 + i).append(" }\n");
        }
        return """
                director {
                  node-id = d1
                  interface = eth0
                  cluster {
                    name = test
                    bind = "127.0.0.1:7800"
                    members = ["127.0.0.1:7800"]
                    priority = 150
                  }
                  vips = ["198.51.100.100/24"]
                  %s
                  services = [
                    {
                      vip = 198.51.100.100, port = 80, protocol = tcp
                      scheduler = wrr
                      forwarding = dr
                      real-servers = [
                %s      ]
                    }
                  ]
                }
                """.formatted(extra, rs);
    }

    static DirectorConfig load(String text) {
        LoadResult r = ConfigLoader.loadText(text, "test.conf");
        if (!r.isValid()) {
            throw new IllegalArgumentException(String.join("\n", r.problemLines()));
        }
        return r.config().orElseThrow();
    }
}
