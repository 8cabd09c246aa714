package dev.gradestream.executor.grading.valgrind;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gradestream.protocol.model.LeakTotals.Amount;
import dev.gradestream.protocol.model.StackFrame;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValgrindXmlTest {
    private static final String REPORT = """
            <?xml version="1.0"?>
            <valgrindoutput>
            <protocolversion>4</protocolversion>
            <pid>4242</pid>
            <ppid>4241</ppid>
            <error>
              <unique>0x0</unique>
              <kind>Leak_IndirectlyLost</kind>
              <xwhat><text>32 bytes in 2 blocks are indirectly lost</text>
                <leakedbytes>32</leakedbytes><leakedblocks>2</leakedblocks></xwhat>
              <stack><frame><fn>malloc</fn></frame></stack>
            </error>
            <error>
              <unique>0x1</unique>
              <kind>Leak_DefinitelyLost</kind>
              <xwhat><text>48 (16 direct, 32 indirect) bytes in 1 blocks are definitely lost</text>
                <leakedbytes>48</leakedbytes><leakedblocks>1</leakedblocks></xwhat>
              <stack>
                <frame><fn>malloc</fn><obj>/usr/libexec/valgrind/vgpreload_memcheck-amd64-linux.so</obj></frame>
                <frame><fn>push</fn><dir>/job</dir><file>code.c</file><line>6</line></frame>
                <frame><fn>gs_test_3</fn><dir>/job</dir><file>tests</file><line>4</line></frame>
                <frame><fn>main</fn><dir>/cache</dir><file>harness.c</file><line>190</line></frame>
              </stack>
            </error>
            <error>
              <unique>0x2</unique>
              <kind>InvalidFree</kind>
              <what>Invalid free() / delete / delete[] / realloc()</what>
              <stack><frame><fn>twice</fn><file>code.c</file><line>9</line></frame></stack>
              <auxwhat>Address 0x4a4f040 is 0 bytes inside a block of size 8 free'd</auxwhat>
              <stack><frame><fn>first_free</fn><file>code.c</file><line>8</line></frame></stack>
            </error>
            </valgrindoutput>
            """;

    @TempDir
    Path dir;

    @Test
    void readsFindingsWithTheUsersFramesOnly() throws IOException {
        ValgrindXml.Report report = ValgrindXml.parse(write(REPORT));

        assertThat(report.pid()).isEqualTo(4242L);
        assertThat(report.complete()).isTrue();
        assertThat(report.findings()).extracting(ValgrindXml.Finding::kind)
                .containsExactly("Leak_IndirectlyLost", "Leak_DefinitelyLost", "InvalidFree");
        ValgrindXml.Finding leak = report.findings().get(1);
        assertThat(leak.bytes()).isEqualTo(48L);
        assertThat(leak.frames()).containsExactly(new StackFrame("push", "code", 6), new StackFrame("test 3", "tests", 4));
        // Only the first stack: where the second free happened, not where the block was freed first.
        assertThat(report.findings().get(2).frames()).containsExactly(new StackFrame("twice", "code", 9));
    }

    @Test
    void aReportCutShortKeepsWhatWasComplete() throws IOException {
        String cut = REPORT.substring(0, REPORT.indexOf("<kind>InvalidFree"));

        ValgrindXml.Report report = ValgrindXml.parse(write(cut));

        assertThat(report.complete()).isFalse();
        assertThat(report.findings()).hasSize(2);
    }

    @Test
    void definitelyLostTotalsCountOnlyDirectBytes() throws IOException {
        ValgrindFindings findings = new ValgrindFindings();
        findings.add(ValgrindXml.parse(write(REPORT)), Map.of(4242L, 3));

        var report = findings.report();
        assertThat(report.leaks().definitelyLost()).isEqualTo(new Amount(16, 1));
        assertThat(report.leaks().indirectlyLost()).isEqualTo(new Amount(32, 2));
        assertThat(report.errors()).extracting(e -> e.kind() + "@" + e.test())
                .containsExactly("Leak_DefinitelyLost@3", "InvalidFree@3");
        assertThat(ValgrindFindings.summary(report)).isEqualTo("""
                test 3: 16 bytes in 1 block definitely lost, allocated at line 6 in push; 32 more bytes indirectly lost through it
                test 3: invalid free() / delete / delete[] / realloc() at line 9 in twice""");
    }

    private Path write(String xml) throws IOException {
        return Files.writeString(dir.resolve("vg." + System.nanoTime() + ".xml"), xml);
    }
}
