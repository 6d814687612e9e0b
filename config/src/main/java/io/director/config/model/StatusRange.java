package io.director.config.model;

/** An inclusive range of HTTP status codes, such as 200 or 200-299. */
public record StatusRange(int from, int to) {

    public static StatusRange of(int status) {
        return new StatusRange(status, status);
    }

    public boolean contains(int status) {
        return status >= from && status <= to;
    }

    @Override
    public String toString() {
        return from == to ? Integer.toString(from) : from + "-" + to;
    }
}
