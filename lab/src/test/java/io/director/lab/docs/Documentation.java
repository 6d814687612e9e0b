package io.director.lab.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The project's documentation as the documented-commands tests read it: README.md and docs/*.md, their
 * fenced blocks, and the commands of their {@code sh} blocks. The convention: commands go in
 * {@code sh} blocks, configuration in {@code hocon}, program output and diagrams in {@code text}.
 */
public final class Documentation {
    /** Block labels the documentation may use. Unlabelled blocks are refused: they could hide commands. */
    public static final Set<String> LABELS = Set.of("sh", "hocon", "text", "json");

    private final List<FencedBlock> blocks;

    private Documentation(List<FencedBlock> blocks) {
        this.blocks = List.copyOf(blocks);
    }

    /** Reads README.md and docs/*.md under the checkout {@code root}; files are named relative to it. */
    public static Documentation read(Path root) {
        List<FencedBlock> blocks = new ArrayList<>();
        for (Path file : files(root)) {
            try {
                blocks.addAll(MarkdownBlocks.parse(root.relativize(file).toString(), Files.readString(file)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new Documentation(blocks);
    }

    /** The checkout this test runs in: {@code lab.root}, else the first folder upwards with README.md and docs/. */
    public static Path projectRoot() {
        String configured = System.getProperty("lab.root");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("README.md")) && Files.isDirectory(p.resolve("docs"))) {
                return p;
            }
        }
        throw new IllegalStateException("no checkout (README.md and docs/) above " + Path.of("").toAbsolutePath());
    }

    static List<Path> files(Path root) {
        List<Path> files = new ArrayList<>();
        files.add(root.resolve("README.md"));
        try (Stream<Path> docs = Files.list(root.resolve("docs"))) {
            docs.filter(p -> p.getFileName().toString().endsWith(".md")).sorted().forEach(files::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    public List<FencedBlock> blocks() {
        return blocks;
    }

    /** Every command of every {@code sh} block, in file order. */
    public List<DocCommand> commands() {
        return blocks.stream().filter(b -> b.label().equals("sh")).flatMap(b -> ShellCommands.of(b).stream()).toList();
    }

    /** The commands of each {@code sh} block, block by block. */
    public List<List<DocCommand>> commandsByBlock() {
        return shBlocks().stream().map(ShellCommands::of).toList();
    }

    private List<FencedBlock> shBlocks() {
        return blocks.stream().filter(b -> b.label().equals("sh")).toList();
    }

    /** The block that follows the {@code sh} block holding {@code command} in its file (its shown output, say). */
    public Optional<FencedBlock> nextBlock(DocCommand command) {
        FencedBlock holder = null;
        for (FencedBlock b : blocks) {
            if (holder != null && b.file().equals(holder.file())) {
                return Optional.of(b);
            }
            if (b.file().equals(command.file()) && b.label().equals("sh") && command.line() > b.line()
                    && command.line() <= b.line() + b.lines().size()) {
                holder = b;
            }
        }
        return Optional.empty();
    }

    public FencedBlock blockAfter(DocCommand command) {
        return nextBlock(command).orElseThrow(() -> new AssertionError(command + ": no block follows it in " + command.file()));
    }

    /** Blocks whose label is not one of {@link #LABELS}, as "FILE:LINE: ..." problems. */
    public List<String> labelProblems() {
        return blocks.stream().filter(b -> !LABELS.contains(b.label()))
                .map(b -> b.where() + ": a code block labelled '" + b.label() + "'; label it sh (commands, run by"
                        + " DocumentedCommandsLabTest), hocon (configuration) or text (output, diagrams)")
                .toList();
    }
}
