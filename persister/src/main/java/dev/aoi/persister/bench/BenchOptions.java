package dev.aoi.persister.bench;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./aoi bench persister}: its options (picocli) and its run. */
@Command(name = "./aoi bench persister", mixinStandardHelpOptions = true,
        description = {
            "Times COPY (the ceiling), the persister's writer (fresh, full replay, reprocess with newer results) and a"
                    + " row-at-a-time writer (one transaction per image) on the same PostgreSQL and data, into the"
                    + " partitioned tables; then the retention job on one month of rows against a DELETE of them.",
            "The server is --jdbc-url, else DATABASE_URL (./aoi starts a scratch PostgreSQL, fsync on, when neither is"
                    + " set); the bench works in a scratch database it creates and drops."})
final class BenchOptions implements Callable<Integer> {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--images", defaultValue = "20000", description = "images per phase (default ${DEFAULT-VALUE})")
    int images;

    @Option(names = "--regions", defaultValue = "20", description = "regions per image (default ${DEFAULT-VALUE})")
    int regions;

    @Option(names = "--batch", defaultValue = "500", description = "images per transaction (default ${DEFAULT-VALUE})")
    int batch;

    @Option(names = "--row-at-a-time-images", defaultValue = "2000",
            description = "images for the row-at-a-time baseline (default ${DEFAULT-VALUE})")
    int rowAtATimeImages;

    @Option(names = "--repeat", defaultValue = "1", description = "rounds; the median counts (default ${DEFAULT-VALUE})")
    int repeat;

    @Option(names = "--retention-rows", defaultValue = "1000000",
            description = "rows of the month the retention phase removes (0 skips it; default ${DEFAULT-VALUE})")
    long retentionRows;

    @Option(names = "--jdbc-url", paramLabel = "URL", description = "the server (else DATABASE_URL)")
    String jdbcUrl;

    @Option(names = "--json", paramLabel = "FILE", description = "also write the report to FILE")
    String json;

    @Option(names = "--compare-seed-schema", description = "also time COPY into the seed schema (V1)")
    boolean compareSeedSchema;

    @Option(names = "--keep", description = "leave the scratch database, loaded with the data, for EXPLAIN")
    boolean keep;

    int images() {
        return images;
    }

    int regions() {
        return regions;
    }

    int batch() {
        return batch;
    }

    int rowAtATimeImages() {
        return rowAtATimeImages;
    }

    int repeat() {
        return repeat;
    }

    long retentionRows() {
        return retentionRows;
    }

    String jdbcUrl() {
        return jdbcUrl;
    }

    String json() {
        return json;
    }

    boolean compareSeedSchema() {
        return compareSeedSchema;
    }

    boolean keep() {
        return keep;
    }

    @Override
    public Integer call() throws Exception {
        for (int v : new int[] {images, batch, rowAtATimeImages, repeat}) {
            if (v < 1) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                        "--images, --batch, --row-at-a-time-images and --repeat must be >= 1");
            }
        }
        PersisterBench.measure(this);
        return 0;
    }
}
