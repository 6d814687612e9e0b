package io.director.healthcheck;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The same adversarial real servers, checked over Netty socket channels instead of epoll links (the way back
 * an operator has with {@code -Ddirector.healthcheck.links=false}, and the path HTTPS always takes).
 */
class AdversarialServersOverChannelsTest extends AdversarialServersTest {

    private static final String LINKS = "director.healthcheck.links";

    @BeforeAll
    static void overChannels() {
        System.setProperty(LINKS, "false");
    }

    @AfterAll
    static void backToLinks() {
        System.clearProperty(LINKS);
    }
}
