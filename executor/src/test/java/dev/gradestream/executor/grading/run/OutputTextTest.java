package dev.gradestream.executor.grading.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputTextTest {
    @TempDir
    Path dir;

    @Test
    void dropsControlCharactersButKeepsLineBreaksAndTabs() {
        assertThat(OutputText.clean("a\u0000b\u0007c\td\r\n")).isEqualTo("abc\td\r\n");
    }

    @Test
    void replacesMalformedBytesAndDropsACharacterCutByTheLimit() throws IOException {
        Path file = Files.write(dir.resolve("out"), new byte[] {'o', 'k', (byte) 0xff, 'x', (byte) 0xc3, (byte) 0xa9});

        assertThat(OutputText.read(file, 6)).isEqualTo("ok\ufffdxé");
        assertThat(OutputText.read(file, 5)).isEqualTo("ok\ufffdx");
        assertThat(OutputText.read(dir.resolve("missing"), 5)).isEmpty();
    }

    @Test
    void combinesUpToTheLimitAndSaysWhenItCut() {
        assertThat(OutputText.combine(List.of("ab", "cd"), 4, false)).isEqualTo("abcd");
        assertThat(OutputText.combine(List.of("ab", "cd"), 3, false))
                .isEqualTo("abc\n[output truncated: more than 3 bytes]");
        assertThat(OutputText.combine(List.of("é", "é"), 3, false))
                .isEqualTo("é\n[output truncated: more than 3 bytes]");
    }
}
