package io.director.lab.drill;

import static org.assertj.core.api.Assertions.assertThat;

import io.director.lab.ProbeReport;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class SvgChartTest {
    static Document parse(String svg) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void drawsTheRunAndACloseUpPerEventAsWellFormedSvg() throws Exception {
        List<String> log = new ArrayList<>(List.of("# probe started-epoch-ms=1000"));
        for (int ms = 0; ms < 10_000; ms += 20) {
            boolean down = ms >= 3000 && ms < 3300;
            log.add(ms + (down ? " FAIL 500000 timeout" : " OK 900 rs1"));
        }
        ProbeTimeline t = ProbeTimeline.of(ProbeReport.parse(log));
        String svg = SvgChart.render("Director & co: <kill>", t, List.of(
                new SvgChart.Event("#1 kill: gap 320 ms", true, 3010, 2980, 3300),
                new SvgChart.Event("#1 back: gap 40 ms", false, 6000, 6020, 6060)));

        Document doc = parse(svg);
        Element root = doc.getDocumentElement();
        assertThat(root.getLocalName()).isEqualTo("svg");
        assertThat(root.getNamespaceURI()).isEqualTo("http://www.w3.org/2000/svg");
        assertThat(svg).contains("Director &amp; co: &lt;kill&gt;").contains("#1 kill: gap 320 ms").contains("#1 back: gap 40 ms");
        NodeList paths = doc.getElementsByTagNameNS("http://www.w3.org/2000/svg", "path");
        // overview: answers and failures; each close-up: answers and failures
        assertThat(paths.getLength()).isEqualTo(5);
        NodeList lines = doc.getElementsByTagNameNS("http://www.w3.org/2000/svg", "line");
        long eventLines = 0;
        for (int i = 0; i < lines.getLength(); i++) {
            String stroke = ((Element) lines.item(i)).getAttribute("stroke");
            if (stroke.equals("#e07b00") || stroke.equals("#2956b2")) {
                eventLines++;
            }
        }
        assertThat(eventLines).as("each event marked in the overview and in its close-up").isEqualTo(4);
    }

    @Test
    void anEmptyRunIsStillAPicture() throws Exception {
        ProbeTimeline t = ProbeTimeline.of(ProbeReport.parse(List.of("# probe started-epoch-ms=0")));
        assertThat(parse(SvgChart.render("nothing", t, List.of())).getDocumentElement().getLocalName()).isEqualTo("svg");
    }

    @Test
    void escapesMarkupAndDropsControlCharacters() {
        assertThat(SvgChart.escape("a<b>&\"c\"\u0001")).isEqualTo("a&lt;b&gt;&amp;&quot;c&quot;");
    }
}
