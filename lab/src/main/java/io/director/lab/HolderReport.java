package io.director.lab;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a connection holder saw, read from its log: {@code HOLDING N} once all N connections
 * answered, {@code SERVER I NAME} for the real server behind connection I, {@code RESET I MILLIS REASON}
 * when connection I broke (reset, closed, or stalled), {@code ROUND K MILLIS N} each time all N open
 * connections answered again, {@code REQUESTS N} at the end.
 *
 * @param rounds how many times every open connection has answered again: a round that ends after some
 *               instant began after it once the count has grown by two, so it proves every connection
 *               still carries traffic then
 */
public record HolderReport(int connections, int resets, long requests, int rounds, Map<Integer, String> servers,
                           List<String> lines) {

    public HolderReport {
        servers = Map.copyOf(servers);
        lines = List.copyOf(lines);
    }

    public static HolderReport parse(List<String> logLines) {
        int connections = 0;
        int resets = 0;
        long requests = 0;
        int rounds = 0;
        Map<Integer, String> servers = new TreeMap<>();
        List<String> kept = new ArrayList<>();
        for (String line : logLines) {
            String[] f = line.trim().split(" ", 4);
            try {
                switch (f[0]) {
                    case "HOLDING" -> connections = Integer.parseInt(f[1]);
                    case "SERVER" -> servers.put(Integer.parseInt(f[1]), f[2]);
                    case "RESET" -> resets++;
                    case "REQUESTS" -> requests = Long.parseLong(f[1]);
                    case "ROUND" -> rounds = Math.max(rounds, Integer.parseInt(f[1]));
                    default -> {
                        continue;
                    }
                }
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("not a connection holder log line: '" + line + "'");
            }
            kept.add(line);
        }
        return new HolderReport(connections, resets, requests, rounds, servers, kept);
    }
}
