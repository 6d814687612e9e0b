package io.director.daemon.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class AdminProtocolTest {

    @Test
    void requestIsOneTabSeparatedLine() {
        byte[] line = AdminProtocol.encodeRequest(new AdminRequest("failover", List.of("--to", "d2"), false));
        assertThat(new String(line, StandardCharsets.UTF_8)).isEqualTo("director-admin/1\tfailover\ttext\t--to\td2\n");
    }

    @Property
    void requestsRoundTrip(@ForAll @AlphaChars @StringLength(min = 1, max = 10) String command,
                           @ForAll @Size(max = 5) List<@AlphaChars String> args, @ForAll boolean json) throws Exception {
        AdminRequest r = new AdminRequest(command.toLowerCase(java.util.Locale.ROOT), args, json);
        byte[] line = AdminProtocol.encodeRequest(r);
        assertThat(AdminProtocol.decodeRequest(Arrays.copyOf(line, line.length - 1))).isEqualTo(r);
    }

    @Test
    void responseCarriesExitCodeAndBodyLengthInBytes() throws Exception {
        byte[] out = AdminProtocol.encodeResponse(new AdminResponse(1, "état\n"));
        String s = new String(out, StandardCharsets.UTF_8);
        assertThat(s).isEqualTo("director-admin/1\t1\t6\nétat\n");
        assertThat(AdminProtocol.decodeHeader("director-admin/1\t1\t6")).isEqualTo(new AdminProtocol.Header(1, 6));
    }

    @Test
    void malformedRequestsAreNamed() {
        assertMalformed("", "empty request");
        assertMalformed("{\"command\":\"status\"}", "not a director admin request");
        assertMalformed("director-admin/1", "needs a command");
        assertMalformed("director-admin/1\tStatus\ttext", "bad command name 'Status'");
        assertMalformed("director-admin/1\tstatus\txml", "bad format 'xml'");
        assertMalformed("director-admin/1\tstatus\ttext\t\u0001", "control character 0x1");
        assertThatThrownBy(() -> AdminProtocol.decodeRequest(new byte[] {(byte) 0xff, (byte) 0xfe, 0}))
                .hasMessage("request is not UTF-8 text");
    }

    @Test
    void argumentsWithLineBreaksCannotBeSent() {
        assertThatThrownBy(() -> AdminProtocol.encodeRequest(AdminRequest.of("failover", "--to", "d2\nreload")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("line break");
    }

    @Test
    void badHeadersAreRefused() {
        assertThatThrownBy(() -> AdminProtocol.decodeHeader("HTTP/1.1 200 OK")).hasMessageContaining("not a director admin response");
        assertThatThrownBy(() -> AdminProtocol.decodeHeader("director-admin/1\t300\t0")).hasMessageContaining("out of range");
        assertThatThrownBy(() -> AdminProtocol.decodeHeader("director-admin/1\tx\t0")).hasMessageContaining("bad response header");
    }

    private static void assertMalformed(String line, String message) {
        assertThatThrownBy(() -> AdminProtocol.decodeRequest(line.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(AdminProtocol.MalformedException.class).hasMessageContaining(message);
    }
}
