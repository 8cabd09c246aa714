package dev.gradestream.executor.grading.valgrind;

import dev.gradestream.executor.grading.prepare.HarnessSource;
import dev.gradestream.executor.grading.prepare.SourceNames;
import dev.gradestream.protocol.model.StackFrame;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads one memcheck XML report (protocol 4) with StAX. A report cut short (the process was killed
 * while Valgrind wrote it) yields what was complete before the cut.
 */
final class ValgrindXml {
    private static final XMLInputFactory FACTORY = factory();

    /** One process's report. {@code complete} is false when the XML ended early. */
    record Report(Long pid, List<Finding> findings, boolean complete) {
    }

    /**
     * One {@code <error>}: {@code frames} are those of its first stack (where it happened, or where a
     * leaked block was allocated) that lie in the user's code or tests, innermost first.
     */
    record Finding(String kind, String message, Long bytes, Long blocks, List<StackFrame> frames) {
        boolean isLeak() {
            return kind.startsWith("Leak_");
        }
    }

    private ValgrindXml() {
    }

    static Report parse(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return new Parser(FACTORY.createXMLStreamReader(in)).parse();
        } catch (XMLStreamException e) {
            return new Report(null, List.of(), false);
        }
    }

    private static final class Parser {
        private final XMLStreamReader xml;
        private final List<String> path = new ArrayList<>();
        private final StringBuilder text = new StringBuilder();
        private final List<Finding> findings = new ArrayList<>();
        private Long pid;
        private ErrorBuilder error;
        private FrameBuilder frame;

        Parser(XMLStreamReader xml) {
            this.xml = xml;
        }

        Report parse() {
            try {
                while (xml.hasNext()) {
                    switch (xml.next()) {
                        case XMLStreamConstants.START_ELEMENT -> start(xml.getLocalName());
                        case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA -> text.append(xml.getText());
                        case XMLStreamConstants.END_ELEMENT -> end();
                        default -> { }
                    }
                }
                return new Report(pid, findings, true);
            } catch (XMLStreamException | RuntimeException cutShort) {
                return new Report(pid, findings, false);
            }
        }

        private void start(String name) {
            path.add(name);
            text.setLength(0);
            String at = String.join("/", path);
            if (at.equals("valgrindoutput/error")) {
                error = new ErrorBuilder();
            } else if (error != null && at.equals("valgrindoutput/error/stack")) {
                error.stacks++;
            } else if (error != null && error.stacks == 1 && at.equals("valgrindoutput/error/stack/frame")) {
                frame = new FrameBuilder();
            }
        }

        private void end() {
            String at = String.join("/", path);
            String value = text.toString().strip();
            text.setLength(0);
            path.remove(path.size() - 1);
            switch (at) {
                case "valgrindoutput/pid" -> pid = Long.valueOf(value);
                case "valgrindoutput/error/kind" -> error.kind = value;
                case "valgrindoutput/error/what", "valgrindoutput/error/xwhat/text" -> error.message = value;
                case "valgrindoutput/error/xwhat/leakedbytes" -> error.bytes = Long.valueOf(value);
                case "valgrindoutput/error/xwhat/leakedblocks" -> error.blocks = Long.valueOf(value);
                case "valgrindoutput/error/stack/frame/fn" -> setIfFrame(() -> frame.function = value);
                case "valgrindoutput/error/stack/frame/file" -> setIfFrame(() -> frame.file = value);
                case "valgrindoutput/error/stack/frame/line" -> setIfFrame(() -> frame.line = Integer.valueOf(value));
                case "valgrindoutput/error/stack/frame" -> endFrame();
                case "valgrindoutput/error" -> endError();
                default -> { }
            }
        }

        private void setIfFrame(Runnable set) {
            if (frame != null) {
                set.run();
            }
        }

        private void endFrame() {
            if (frame != null) {
                String file = SourceNames.userFile(frame.file);
                if (file != null && frame.line != null) {
                    error.frames.add(new StackFrame(displayName(frame.function), file, frame.line));
                }
            }
            frame = null;
        }

        private void endError() {
            if (error.kind != null) {
                findings.add(new Finding(error.kind, error.message == null ? error.kind : error.message, error.bytes,
                        error.blocks, List.copyOf(error.frames)));
            }
            error = null;
        }
    }

    /** A test's generated function is shown as the test it is. */
    private static String displayName(String function) {
        int test = HarnessSource.testNumber(function);
        return test > 0 ? "test " + test : function;
    }

    private static final class ErrorBuilder {
        private String kind;
        private String message;
        private Long bytes;
        private Long blocks;
        private int stacks;
        private final List<StackFrame> frames = new ArrayList<>();
    }

    private static final class FrameBuilder {
        private String function;
        private String file;
        private Integer line;
    }

    /** No DTDs and no external entities: the report is written next to code we do not trust. */
    private static XMLInputFactory factory() {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_COALESCING, true);
        return factory;
    }
}
