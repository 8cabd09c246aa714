package dev.gradestream.executor.grading.policy;

import dev.gradestream.executor.grading.ProcessResult;
import dev.gradestream.executor.grading.ProcessRunner;
import dev.gradestream.executor.grading.ProcessSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Locates offsets with binutils' addr2line, one launch per section for all its offsets. The object must
 * carry DWARF 4 line tables: addr2line 2.40 misnames the file of DWARF 5 ones (it reports the primary
 * source, not the {@code #line} name), and the file is how the user's code is told from headers.
 */
final class Addr2Line implements LineLocator {
    private static final Duration WALL_CLOCK = Duration.ofSeconds(10);
    private static final long OUTPUT_CAP = 8L << 20;

    private final ProcessRunner runner;
    private final String tool;
    private final Path workDir;
    private final String object;

    Addr2Line(ProcessRunner runner, String tool, Path workDir, String object) {
        this.runner = runner;
        this.tool = tool;
        this.workDir = workDir;
        this.object = object;
    }

    @Override
    public List<Location> locate(String section, List<Long> offsets) throws IOException, InterruptedException {
        // The offsets go through stdin, which addr2line reads when given none: no argument-length limit.
        StringBuilder input = new StringBuilder();
        offsets.forEach(offset -> input.append("0x").append(Long.toHexString(offset)).append('\n'));
        ProcessResult result = runner.run(new ProcessSpec(List.of(tool, "-e", object, "-j", section), workDir,
                WALL_CLOCK, OUTPUT_CAP, input.toString().getBytes(StandardCharsets.US_ASCII), null));
        List<Location> locations = new ArrayList<>();
        if (result.succeeded()) {
            result.stdout().lines().forEach(line -> locations.add(parse(line)));
        }
        // Whatever addr2line could not answer stays unknown: the caller then places it by name.
        while (locations.size() < offsets.size()) {
            locations.add(Location.UNKNOWN);
        }
        return locations.subList(0, offsets.size());
    }

    /** {@code /job/policy/code:7 (discriminator 2)}, {@code ??:0}, {@code ??:?}. */
    static Location parse(String line) {
        String text = line.strip();
        int discriminator = text.indexOf(" (discriminator");
        if (discriminator >= 0) {
            text = text.substring(0, discriminator);
        }
        int colon = text.lastIndexOf(':');
        if (colon < 0) {
            return Location.UNKNOWN;
        }
        String file = text.substring(0, colon);
        Integer number = null;
        try {
            int parsed = Integer.parseInt(text.substring(colon + 1));
            number = parsed > 0 ? parsed : null;
        } catch (NumberFormatException unknown) {
            // "?" is addr2line's "no line": the file may still be known.
        }
        return new Location(file.equals("??") ? null : file, number);
    }
}
