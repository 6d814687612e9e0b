package io.director.lab.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The project's own README.md and docs/*.md against the documentation convention (no lab needed). */
class DocumentationTest {
    private final Documentation docs = Documentation.read(Documentation.projectRoot());

    @Test
    void everyCodeBlockIsLabelledShHoconOrText() {
        assertThat(docs.labelProblems()).isEmpty();
    }

    @Test
    void everyDocumentedCommandHasAPlaceToRunOrAReasonWhyNot() {
        List<String> homeless = docs.commands().stream().filter(c -> CommandPlaces.ruleOf(c).isEmpty())
                .map(DocCommand::toString).toList();
        assertThat(homeless).as("commands no rule of CommandPlaces places").isEmpty();
    }

    @Test
    void theCommandsIncludeTheGettingStartedWalkThrough() {
        assertThat(docs.commands()).filteredOn(c -> c.file().equals("docs/getting-started.md"))
                .extracting(DocCommand::text)
                .contains("bin/demo", "install -d -m 0700 /etc/director", "director check -c /etc/director/director.conf",
                        "director apply -c /etc/director/director.conf --once", "director status --json")
                .anyMatch(t -> t.startsWith("cat > \"$LAB_OUT/d1.conf\" <<'EOF'\ndirector {") && t.endsWith("\nEOF"));
    }

    @Test
    void aNotRunRuleSaysWhyAndWhatChecksItInstead() {
        assertThat(CommandPlaces.RULES).filteredOn(r -> r.place() == Place.NOT_RUN)
                .allSatisfy(r -> assertThat(r.reason()).isNotBlank())
                .allSatisfy(r -> assertThat(r.substitute()).isNotBlank());
    }
}
