package dev.aoi.persister.consume;

import dev.aoi.common.DeadLetters;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** A record the persister gives up on, with the reason it goes to the dead-letter topic. */
record DeadLetter(ConsumerRecord<byte[], byte[]> source, DeadLetters.Reason reason, String detail) {
}
