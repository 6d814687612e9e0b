package io.director.lab.docs;

import java.util.regex.Pattern;

/**
 * Where documented commands of one shape run: {@code pattern} is matched at the command's start.
 * A {@link Place#NOT_RUN} rule says why such a command cannot run in the lab and what checks it instead.
 */
public record CommandRule(String name, Pattern pattern, Place place, String reason, String substitute) {
    public static CommandRule run(String regex, Place place) {
        return new CommandRule(place.name(), Pattern.compile(regex), place, "", "");
    }

    /** {@code name} keys the substitute check the lab test runs for it. */
    public static CommandRule notRun(String name, String regex, String reason, String substitute) {
        return new CommandRule(name, Pattern.compile(regex), Place.NOT_RUN, reason, substitute);
    }

    public boolean matches(DocCommand command) {
        return pattern.matcher(command.text()).lookingAt();
    }
}
