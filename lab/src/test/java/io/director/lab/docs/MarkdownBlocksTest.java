package io.director.lab.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class MarkdownBlocksTest {
    @Test
    void blocksWithTheirLabelLineAndContent() {
        String md = """
                # Title
                ```sh
                director status
                ```
                text
                ```
                output
                ```
                """;
        assertThat(MarkdownBlocks.parse("a.md", md)).containsExactly(
                new FencedBlock("a.md", 2, "sh", List.of("director status")),
                new FencedBlock("a.md", 6, "", List.of("output")));
    }

    @Test
    void aBlockIndentedInAListItemLosesItsIndentation() {
        String md = "1. Check:\n   ```sh\n   director status\n     indented more\n   ```\n";
        FencedBlock block = MarkdownBlocks.parse("a.md", md).get(0);
        assertThat(block.lines()).containsExactly("director status", "  indented more");
        assertThat(block.lineOf(0)).isEqualTo(3);
    }

    @Test
    void aLongerFenceHoldsAShorterOne() {
        String md = "````text\n```sh\nnot a block\n```\n````\n";
        assertThat(MarkdownBlocks.parse("a.md", md)).containsExactly(
                new FencedBlock("a.md", 1, "text", List.of("```sh", "not a block", "```")));
    }

    @Test
    void anUnclosedFenceIsAnError() {
        assertThatThrownBy(() -> MarkdownBlocks.parse("a.md", "x\n```sh\nls\n")).hasMessage("a.md:2: code fence ``` is never closed");
    }
}
