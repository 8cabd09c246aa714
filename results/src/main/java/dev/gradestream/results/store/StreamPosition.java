package dev.gradestream.results.store;

import java.util.Optional;

/**
 * Where in a submission's stream an event stands: its attempt and its seq. It is the SSE {@code id:}
 * ({@code attempt/seq}), so a client that reconnects with {@code Last-Event-ID} resumes right after it.
 */
public record StreamPosition(String attempt, int seq) {

    /** Empty for a missing or malformed id: the client then gets the stream from the start. */
    public static Optional<StreamPosition> parse(String lastEventId) {
        if (lastEventId == null) {
            return Optional.empty();
        }
        int slash = lastEventId.lastIndexOf('/');
        if (slash <= 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(new StreamPosition(lastEventId.substring(0, slash),
                    Integer.parseInt(lastEventId.substring(slash + 1).trim())));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    public String id() {
        return attempt + "/" + seq;
    }
}
