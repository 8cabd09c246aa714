package dev.gradestream.protocol.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.stream.StreamSupport;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TraceContextTest {
    private static final String PARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    @Test
    void readsTheSpecificationsExample() {
        TraceContext context = TraceContext.parse(PARENT, "congo=t61rcWkgMzE").orElseThrow();
        assertThat(context).isEqualTo(new TraceContext("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7", "01",
                "congo=t61rcWkgMzE"));
        assertThat(context.traceparent()).isEqualTo(PARENT);
    }

    @Test
    void aFutureVersionIsReadByItsFirstFourFields() {
        TraceContext context = TraceContext.parse("cc-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-what-next",
                null).orElseThrow();
        assertThat(context.traceparent()).isEqualTo(PARENT);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7",
        "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-",
        "ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
        "00-00000000000000000000000000000000-00f067aa0ba902b7-01",
        "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01",
        "00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01",
        "00_4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
        "00-4bf92f3577b34da6a3ce929d0e0e473g-00f067aa0ba902b7-01",
        "cc-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01x"})
    void rejectsWhatTheSpecificationCallsInvalid(String traceparent) {
        assertThat(TraceContext.parse(traceparent, "a=b")).isEmpty();
    }

    @Test
    void aChildKeepsTheTraceFlagsAndStateWithANewSpan() {
        TraceContext parent = TraceContext.parse(PARENT, "congo=t61rcWkgMzE").orElseThrow();
        TraceContext child = parent.child();
        assertThat(child.traceId()).isEqualTo(parent.traceId());
        assertThat(child.flags()).isEqualTo("01");
        assertThat(child.state()).isEqualTo("congo=t61rcWkgMzE");
        assertThat(child.spanId()).matches("[0-9a-f]{16}").isNotEqualTo(parent.spanId());
    }

    @Test
    void aNewTraceIsValidAndNotSampled() {
        TraceContext started = TraceContext.start();
        assertThat(TraceContext.parse(started.traceparent(), null)).contains(started);
        assertThat(started.flags()).isEqualTo("00");
        assertThat(started.state()).isNull();
        assertThat(TraceContext.start().traceId()).isNotEqualTo(started.traceId());
    }

    @Test
    void anUnprintableOrOversizedStateIsDropped() {
        assertThat(TraceContext.parse(PARENT, "a=b\n").orElseThrow().state()).isNull();
        assertThat(TraceContext.parse(PARENT, "a=" + "x".repeat(511)).orElseThrow().state()).isNull();
        assertThat(TraceContext.parse(PARENT, "a=" + "x".repeat(510)).orElseThrow().state()).hasSize(512);
    }

    @Test
    void roundTripsThroughKafkaHeadersReplacingOldOnes() {
        Headers headers = new RecordHeaders();
        headers.add(TraceContext.TRACEPARENT, "00-11111111111111111111111111111111-2222222222222222-00".getBytes(StandardCharsets.US_ASCII));
        TraceContext context = TraceContext.parse(PARENT, "congo=t61rcWkgMzE").orElseThrow();
        context.toHeaders(headers);
        assertThat(StreamSupport.stream(headers.spliterator(), false).map(h -> h.key() + "=" + new String(h.value(),
                StandardCharsets.US_ASCII))).containsExactly("traceparent=" + PARENT, "tracestate=congo=t61rcWkgMzE");
        assertThat(TraceContext.fromHeaders(headers)).isEqualTo(context);
    }

    @Test
    void headersWithoutAContextStartANewTrace() {
        TraceContext started = TraceContext.fromHeaders(new RecordHeaders());
        assertThat(started.traceId()).matches("[0-9a-f]{32}");
        assertThat(started.spanId()).matches("[0-9a-f]{16}");
        Headers garbage = new RecordHeaders().add(TraceContext.TRACEPARENT, "garbage".getBytes(StandardCharsets.US_ASCII));
        assertThat(TraceContext.fromHeaders(garbage).traceId()).isNotEqualTo(started.traceId());
    }

    @Test
    void refusesToBeBuiltInvalid() {
        assertThatThrownBy(() -> new TraceContext("x", "00f067aa0ba902b7", "01", null))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
