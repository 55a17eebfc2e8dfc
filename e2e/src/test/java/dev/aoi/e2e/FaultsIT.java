package dev.aoi.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aoi.infra.process.ServiceProcess;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Each promise of the design broken for real: a worker SIGKILLed, the database gone for 30 s, the broker
 * restarted. After each, every frame is stored exactly once with its true regions and nothing is dead-lettered.
 */
class FaultsIT {

    @Test
    void aWorkerKilledMidRunLosesNothingWhileTheOthersGoOn() throws Exception {
        try (PipelineHarness p = new PipelineHarness(6)) {
            p.startPersister();
            ServiceProcess victim = p.startWorker("worker-1");
            p.startWorker("worker-2");
            p.startWorker("worker-3");
            List<TestFrames.Frame> frames = p.publishFrames("kill", 120, 3);
            p.await("some frames stored", Duration.ofSeconds(300), () -> p.storedImages() >= 20);
            victim.kill();
            assertThat(victim.isAlive()).isFalse();
            p.await("every frame stored", Duration.ofSeconds(180), () -> p.storedImages() == frames.size());
            Thread.sleep(1500);
            p.assertStoredExactly(frames);
            assertThat(p.deadLetters(p.images + ".DLT")).isZero();
            assertThat(p.deadLetters(p.results + ".DLT")).isZero();
        }
    }

    @Test
    void theDatabaseGoneFor30SecondsLosesAndDuplicatesNothing() throws Exception {
        try (PipelineHarness p = new PipelineHarness(4)) {
            p.startPersister();
            p.startWorker("worker-1");
            List<TestFrames.Frame> frames = new ArrayList<>(p.publishFrames("before", 30, 4));
            p.await("some frames stored", Duration.ofSeconds(300), () -> p.storedImages() >= 10);
            p.dbProxy.cut();
            long outageStart = System.nanoTime();
            frames.addAll(p.publishFrames("during", 30, 5));
            while (System.nanoTime() - outageStart < Duration.ofSeconds(30).toNanos()) {
                assertThat(p.services()).allMatch(ServiceProcess::isAlive);
                Thread.sleep(1000);
            }
            p.dbProxy.restore();
            p.await("every frame stored after the outage", Duration.ofSeconds(180),
                    () -> p.storedImages() == frames.size());
            Thread.sleep(1500);
            p.assertStoredExactly(frames);
            assertThat(p.deadLetters(p.results + ".DLT")).as("a transient fault is never a dead letter").isZero();
            assertThat(p.deadLetters(p.images + ".DLT")).isZero();
        }
    }

    @Test
    void aBrokerRestartMidRunLosesAndDuplicatesNothing() throws Exception {
        try (PipelineHarness p = new PipelineHarness(4)) {
            p.startPersister();
            p.startWorker("worker-1");
            p.startWorker("worker-2");
            List<TestFrames.Frame> frames = new ArrayList<>(p.publishFrames("before", 40, 6));
            p.await("some frames stored", Duration.ofSeconds(300), () -> p.storedImages() >= 10);
            p.infra.kafka().stop();
            Thread.sleep(3000);
            p.infra.kafka().start();
            frames.addAll(p.publishFrames("after", 40, 7));
            p.await("every frame stored after the restart", Duration.ofSeconds(240),
                    () -> p.storedImages() == frames.size());
            Thread.sleep(1500);
            p.assertStoredExactly(frames);
            assertThat(p.deadLetters(p.images + ".DLT")).isZero();
            assertThat(p.deadLetters(p.results + ".DLT")).isZero();
        }
    }
}
