package dev.gradestream.executor.messaging;

/**
 * Why a record of {@code submissions} was not graded.
 *
 * @param reason a sentence a person can act on; also told to whoever watches the submission
 * @param cause what stopped it
 */
record DeadLetter(String reason, Throwable cause) {
}
