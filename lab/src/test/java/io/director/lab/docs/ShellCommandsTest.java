package io.director.lab.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ShellCommandsTest {
    private static List<DocCommand> commands(String... lines) {
        return ShellCommands.of(new FencedBlock("doc.md", 10, "sh", List.of(lines)));
    }

    @Test
    void oneCommandPerLineWithTheFileLineItStartsOn() {
        assertThat(commands("director status", "", "director list --stats"))
                .containsExactly(new DocCommand("doc.md", 11, "director status"),
                        new DocCommand("doc.md", 13, "director list --stats"));
    }

    @Test
    void commentsAtTheEndOfALineAndCommentLinesAreDropped() {
        assertThat(commands("# first the status", "director status   # role, master", "ip addr#not-a-comment"))
                .extracting(DocCommand::text)
                .containsExactly("director status", "ip addr#not-a-comment");
    }

    @Test
    void aHashInQuotesOrInAParameterExpansionIsNoComment() {
        assertThat(commands("tcpdump 'icmp # x' \"# y\" ${v#p} $# \\# z  # comment"))
                .extracting(DocCommand::text)
                .containsExactly("tcpdump 'icmp # x' \"# y\" ${v#p} $# \\# z");
    }

    @Test
    void continuationLinesPipesAndAndListsGoOn() {
        assertThat(commands("ipvsadm -A -t 198.51.100.100:80 \\", "  -s rr   # scheduler", "head -c 32 /dev/urandom |",
                "  base64 &&", "  echo done", "true ||", "  false"))
                .containsExactly(
                        new DocCommand("doc.md", 11, "ipvsadm -A -t 198.51.100.100:80 \\\n  -s rr"),
                        new DocCommand("doc.md", 13, "head -c 32 /dev/urandom |\n  base64 &&\n  echo done"),
                        new DocCommand("doc.md", 16, "true ||\n  false"));
    }

    @Test
    void aHereDocumentIsPartOfItsCommandVerbatim() {
        assertThat(commands("cat > \"$LAB_OUT/d1.conf\" <<'EOF'", "director {", "  # kept: HOCON comment", "}", "EOF",
                "\"$D\" check -c \"$LAB_OUT/d1.conf\""))
                .containsExactly(
                        new DocCommand("doc.md", 11, "cat > \"$LAB_OUT/d1.conf\" <<'EOF'\ndirector {\n  # kept: HOCON comment\n}\nEOF"),
                        new DocCommand("doc.md", 16, "\"$D\" check -c \"$LAB_OUT/d1.conf\""));
    }

    @Test
    void hereDocumentsWithUnquotedAndTabStrippedDelimiters() {
        assertThat(commands("cat <<END >a  # a comment", "x", "END", "cat <<-\"X\" >b", "\t1", "\tX"))
                .extracting(DocCommand::text)
                .containsExactly("cat <<END >a\nx\nEND", "cat <<-\"X\" >b\n\t1\n\tX");
    }

    @Test
    void aQuoteLeftOpenGoesOnToTheNextLine() {
        assertThat(commands("sh -c 'echo a", "# not a comment: inside the quote", "echo b'", "true"))
                .extracting(DocCommand::text)
                .containsExactly("sh -c 'echo a\n# not a comment: inside the quote\necho b'", "true");
    }

    @Test
    void aCommandThatDoesNotEndInItsBlockIsAnError() {
        assertThatThrownBy(() -> commands("cat <<EOF", "x")).hasMessage("doc.md:11: here-document EOF is never closed");
        assertThatThrownBy(() -> commands("echo a \\")).hasMessage("doc.md:11: the command goes on past the end of the block");
    }
}
