package dev.gradestream.executor.messaging;

import dev.gradestream.executor.metrics.GradingMetrics;
import dev.gradestream.protocol.Headers;
import dev.gradestream.protocol.validation.InvalidSubmissionException;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Every record the executor gives up on goes through here to {@code submissions.dlq}: its key and bytes
 * as they were, and why in the headers (DESIGN §7).
 */
@ApplicationScoped
public class DeadLetters {
    private static final Logger LOG = Logger.getLogger(DeadLetters.class);
    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(60);

    private final MutinyEmitter<byte[]> emitter;
    private final GradingMetrics metrics;

    DeadLetters(@Channel(ExecutorChannels.DEAD_LETTERS_OUT) MutinyEmitter<byte[]> emitter, GradingMetrics metrics) {
        this.emitter = emitter;
        this.metrics = metrics;
    }

    /** Returns once Kafka has acknowledged the dead letter; only then may the record's offset be committed. */
    void send(ConsumerRecord<String, byte[]> record, DeadLetter why) {
        LOG.warnf("Dead letter: %s-%d@%d (key %s): %s", record.topic(), record.partition(), record.offset(),
                record.key(), why.reason());
        RecordHeaders headers = new RecordHeaders();
        add(headers, Headers.DEAD_LETTER_REASON, why.reason());
        add(headers, Headers.DEAD_LETTER_EXCEPTION, why.cause().getClass().getName());
        add(headers, Headers.DEAD_LETTER_TOPIC, record.topic());
        add(headers, Headers.DEAD_LETTER_PARTITION, String.valueOf(record.partition()));
        add(headers, Headers.DEAD_LETTER_OFFSET, String.valueOf(record.offset()));
        add(headers, Headers.SCHEMA, Headers.SCHEMA_VERSION);
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(record.key())
                .withHeaders(headers)
                .build();
        // A tombstone has no bytes to keep; an empty value stands for it.
        byte[] value = record.value() == null ? new byte[0] : record.value();
        emitter.sendMessage(Message.of(value).addMetadata(metadata)).await().atMost(ACK_TIMEOUT);
        metrics.deadLetter(why.cause() instanceof InvalidSubmissionException ? "invalid_submission" : "grader_failed");
    }

    private static void add(RecordHeaders headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
