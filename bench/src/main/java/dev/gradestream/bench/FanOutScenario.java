package dev.gradestream.bench;

/**
 * {@code submissions} submissions, each followed by {@code clientsEach} SSE clients; joining either all
 * before the submissions run ({@code pacedMs} &lt; 0, "closed") or one every {@code pacedMs} ms ("paced").
 */
record FanOutScenario(String label, int submissions, int clientsEach, int pacedMs) {

    /** {@code 1x1000}, {@code 200x5}…, in mode {@code closed} or {@code paced:N}. */
    static FanOutScenario parse(String shape, String mode) {
        String[] parts = shape.toLowerCase(java.util.Locale.ROOT).split("x");
        int paced;
        if (mode.equals("closed")) {
            paced = -1;
        } else if (mode.startsWith("paced:")) {
            paced = Integer.parseInt(mode.substring("paced:".length()));
        } else {
            throw new IllegalArgumentException("mode must be closed or paced:N (a client every N ms), not " + mode);
        }
        if (parts.length != 2) {
            throw new IllegalArgumentException("a scenario is SUBMISSIONSxCLIENTS, e.g. 1x1000, not " + shape);
        }
        return new FanOutScenario(shape, Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), paced);
    }

    boolean closed() {
        return pacedMs < 0;
    }

    int clients() {
        return submissions * clientsEach;
    }

    String mode() {
        return closed() ? "closed" : "paced:" + pacedMs;
    }

    /** The same mode with {@code submissions} submissions of one client each: the per-delivery baseline. */
    FanOutScenario oneClientEach(int baselineSubmissions) {
        return new FanOutScenario(baselineSubmissions + "x1 (baseline)", baselineSubmissions, 1, pacedMs);
    }
}
