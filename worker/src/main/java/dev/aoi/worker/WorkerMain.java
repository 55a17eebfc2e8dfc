package dev.aoi.worker;

import dev.aoi.worker.bench.MeasureBenchmark;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Map;

/**
 * Entry point of the worker jar: no arguments (or only {@code --spring.options}) runs the service; a first
 * argument names a subcommand that runs without Spring.
 */
public final class WorkerMain {

    /** Subcommand → class with {@code public static run(String[])}, given the arguments after the subcommand. */
    private static final Map<String, String> SUBCOMMANDS = Map.of(
            "inspect", "dev.aoi.worker.inspect.InspectCommand",
            "bench", "dev.aoi.worker.bench.BenchCommand");

    private WorkerMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0 || (args[0].startsWith("--") && !args[0].equals("--help"))) {
            WorkerApplication.main(args);
            return;
        }
        int code = runSubcommand(args);
        if (code != 0) {
            System.exit(code);
        }
    }

    /** Runs the subcommand named by {@code args[0]}; returns the process exit code. */
    static int runSubcommand(String[] args) throws Exception {
        String command = args[0];
        if (command.equals("help") || command.equals("-h") || command.equals("--help")) {
            usage();
            return 0;
        }
        if (args.length >= 2 && command.equals("bench") && args[1].equals("measure")) {
            MeasureBenchmark.main(Arrays.copyOfRange(args, 2, args.length));
            return 0;
        }
        String className = SUBCOMMANDS.get(command);
        if (className == null) {
            System.err.println("unknown subcommand '" + command + "'");
            usage();
            return 2;
        }
        return dispatch(className, Arrays.copyOfRange(args, 1, args.length));
    }

    /**
     * Calls the subcommand by name, so that this class builds whether or not the module that provides it is
     * present; a missing one says so instead of failing at class-loading time.
     */
    private static int dispatch(String className, String[] rest) throws Exception {
        Method run;
        try {
            run = Class.forName(className).getMethod("run", String[].class);
        } catch (ClassNotFoundException | NoSuchMethodException e) {
            System.err.println(className + " is not available in this build");
            return 2;
        }
        try {
            Object result = run.invoke(null, (Object) rest);
            return result instanceof Integer code ? code : 0;
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw (Error) e.getCause();
        }
    }

    private static void usage() {
        System.err.println("""
                usage: worker                    run the inspection service (Kafka in, Kafka out)
                       worker inspect ARGS...    inspect image files with a model, without Kafka
                       worker bench measure [--json FILE] [--runs N] [--warmup N] [--baseline-runs N]
                       worker bench ARGS...      other benchmarks""");
    }
}
