package dev.gradestream.executor.grading.policy;

import java.io.IOException;
import java.util.List;

/** Maps offsets in one section of the object to the source file and line the debug info gives. */
interface LineLocator {

    /** @param file as the debug info names it, or null when unknown; {@code line} null when unknown */
    record Location(String file, Integer line) {
        static final Location UNKNOWN = new Location(null, null);

        /** The user's code is compiled under {@code #line 1 "code"}, so only it is named {@code code}. */
        boolean inUserCode() {
            return file != null && (file.equals("code") || file.endsWith("/code"));
        }
    }

    /** One location per offset, in order; {@link Location#UNKNOWN} where none is known. */
    List<Location> locate(String section, List<Long> offsets) throws IOException, InterruptedException;
}
