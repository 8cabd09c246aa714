package dev.gradestream.bench.support;

/** One submission of a load: which program of the mix it is, and the request body as a client sends it. */
public record Job(String program, String json) {
}
