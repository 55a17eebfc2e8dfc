package dev.aoi.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aoi.common.event.ImageRef;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Frames in at one end, exact rows out at the other; poison goes to the dead-letter topic and blocks nothing. */
class PipelineIT {

    @Test
    void storesEveryGoodFrameExactlyOnceAndDeadLettersEveryPoisonRecord() throws Exception {
        try (PipelineHarness p = new PipelineHarness(4)) {
            p.startPersister();
            p.startWorker("worker-1");
            p.startWorker("worker-2");
            List<TestFrames.Frame> good = p.publishFrames("good-a", 30, 1);

            // poison of every kind the worker can meet, between good frames
            p.publishRaw("junk-1", "this is not json".getBytes());
            p.publishRaw("junk-2", "{\"schema_version\":1,\"img_unique_id\":\"no-uri\"}".getBytes());
            p.publishRaw("junk-3", ("{\"schema_version\":1,\"img_unique_id\":\"bad id!\",\"image_uri\":\"/x.png\","
                    + "\"captured_at\":\"2026-11-23T10:00:00Z\"}").getBytes());
            p.publish(ImageRef.of("missing-file", p.imageRoot.resolve("nope.png").toString(), Instant.now()));
            p.publish(ImageRef.of("outside-roots", "/etc/hostname", Instant.now()));
            p.publish(ImageRef.of("dot-dot-escape", p.imageRoot.resolve("../../etc/passwd").toString(), Instant.now()));
            Files.writeString(p.imageRoot.resolve("text.png"), "not an image");
            p.publish(ImageRef.of("text-as-png", p.imageRoot.resolve("text.png").toString(), Instant.now()));
            int poison = 7;

            List<TestFrames.Frame> more = p.publishFrames("good-b", 30, 2);
            List<TestFrames.Frame> all = new java.util.ArrayList<>(good);
            all.addAll(more);

            p.await("all good frames stored", Duration.ofSeconds(180), () -> p.storedImages() == all.size());
            p.await("all poison dead-lettered", Duration.ofSeconds(60),
                    () -> p.deadLetters(p.images + ".DLT") == poison);
            Thread.sleep(1500); // anything extra (a duplicate, a stray row) would show up now
            p.assertStoredExactly(all);
            assertThat(p.deadLetters(p.images + ".DLT")).isEqualTo(poison);
            assertThat(p.deadLetters(p.results + ".DLT")).isZero();
        }
    }
}
