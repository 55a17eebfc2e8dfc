package dev.aoi.worker.pipeline;

import java.util.Collection;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the loop does when the group moves partitions (called by the consumer inside {@code poll}, on the poll
 * thread): a revoked partition's finished work is committed first, so its new owner starts right after it, and
 * its unfinished work is dropped (the new owner processes it); a lost partition can no longer be committed at all.
 */
final class PartitionRebalance implements ConsumerRebalanceListener {

    private static final Logger log = LoggerFactory.getLogger(PartitionRebalance.class);

    private final OutputPublisher publisher;
    private final FetchBuffer fetched;

    PartitionRebalance(OutputPublisher publisher, FetchBuffer fetched) {
        this.publisher = publisher;
        this.fetched = fetched;
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> revoked) {
        if (revoked.isEmpty()) {
            return;
        }
        publisher.beforeRevoke(revoked);
        fetched.forget(revoked);
        log.info("Partitions revoked: {}", revoked);
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> lost) {
        fetched.forget(lost); // another worker owns them already: committing is no longer possible
        log.warn("Partitions lost: {}; their uncommitted records will be processed by their new owner", lost);
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> assigned) {
        if (!assigned.isEmpty()) {
            log.info("Partitions assigned: {}", assigned);
        }
    }
}
