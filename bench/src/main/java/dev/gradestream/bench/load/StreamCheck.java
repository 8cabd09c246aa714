package dev.gradestream.bench.load;

import dev.gradestream.bench.support.SseEvent;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Whether each client got its submission's stream complete and in order: the events of one attempt,
 * seq 1..n, each exactly once, ending with {@code completed}; and every client of a submission the same
 * attempt and the same n. Counts the clients for which that does not hold.
 */
public final class StreamCheck {
    private final Map<String, String> attemptAndLength = new HashMap<>();
    private int violations;
    private String firstViolation;

    /** Checks one client's events; false (and counted) when they are not its submission's whole stream. */
    public boolean accept(String submissionId, List<SseEvent> events) {
        String problem = problem(events);
        if (problem == null) {
            SseEvent last = events.get(events.size() - 1);
            String shape = last.attempt() + "/" + events.size();
            String before = attemptAndLength.putIfAbsent(submissionId, shape);
            if (before != null && !before.equals(shape)) {
                problem = "another client of the same submission got " + before + ", this one " + shape;
            }
        }
        if (problem != null) {
            violations++;
            if (firstViolation == null) {
                firstViolation = submissionId + ": " + problem;
            }
            return false;
        }
        return true;
    }

    public int violations() {
        return violations;
    }

    public String firstViolation() {
        return firstViolation;
    }

    private static String problem(List<SseEvent> events) {
        if (events.isEmpty()) {
            return "no events";
        }
        String attempt = events.get(0).attempt();
        for (int i = 0; i < events.size(); i++) {
            SseEvent event = events.get(i);
            if (!event.attempt().equals(attempt)) {
                return "two attempts in one stream: " + attempt + " and " + event.attempt();
            }
            if (event.seq() != i + 1) {
                return "event " + (i + 1) + " has seq " + event.seq() + " (" + event.type() + ")";
            }
            if (event.isTerminal() != (i == events.size() - 1)) {
                return "terminal event " + event.type() + " at " + (i + 1) + " of " + events.size();
            }
        }
        String last = events.get(events.size() - 1).type();
        return last.equals("completed") ? null : "ended with " + last;
    }
}
