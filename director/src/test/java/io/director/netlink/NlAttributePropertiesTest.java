package io.director.netlink;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

class NlAttributePropertiesTest {

    @Property(tries = 200)
    void integersRoundTrip(@ForAll int a, @ForAll long b, @ForAll short c, @ForAll byte d) {
        NlWriter w = new NlWriter(16);
        int m = w.beginMessage(20, 0, 1);
        w.putU32(1, a).putU64(2, b).putU16(3, c).putU8(4, d).putBe16(5, c).putBe32(6, a);
        w.endMessage(m);
        NlAttributes at = NlMessage.parseAll(w.messages()).get(0).attributes(0);
        assertThat(at.u32(1)).isEqualTo(a);
        assertThat(at.u64(2)).isEqualTo(b);
        assertThat(at.u16(3)).isEqualTo(c & 0xffff);
        assertThat(at.u8(4)).isEqualTo(d & 0xff);
        assertThat(at.be16(5)).isEqualTo(c & 0xffff);
        assertThat(at.be32(6)).isEqualTo(a);
    }

}
