package dev.aoi.infra.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * CPU seconds used so far by the processes of a phase — workers, persister, PostgreSQL's server processes — read
 * from the operating system, so that a change in worker throughput can be set against who had the cores.
 */
record CpuUse(long atNanos, double workers, double persister, double postgres) {

    static CpuUse sample(List<ProcessHandle> workers, ProcessHandle persister, Path postgresDataDir) {
        return new CpuUse(System.nanoTime(), workers.stream().mapToDouble(CpuUse::seconds).sum(), seconds(persister),
                postgres(postgresDataDir).map(p -> Stream.concat(Stream.of(p), p.descendants())
                        .mapToDouble(CpuUse::seconds).sum()).orElse(Double.NaN));
    }

    private static double seconds(ProcessHandle p) {
        return p.info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(Double.NaN);
    }

    /** The postmaster serving {@code dataDir}: the process whose command line names that folder. */
    private static Optional<ProcessHandle> postgres(Path dataDir) {
        String dir = dataDir.toAbsolutePath().toString();
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(c -> c.contains("postgres") && c.contains(dir)).orElse(false))
                .findFirst();
    }
}
