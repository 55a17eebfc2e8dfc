package dev.aoi.infra.broker;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;

/**
 * Entry point of the child JVM that runs the Kafka broker: {@code <parent-pid> <main-class> <args...>}.
 * It exits as soon as the parent process is gone, so that a killed stack or test JVM never leaves a broker behind.
 */
public final class BrokerLauncher {

    private BrokerLauncher() {
    }

    public static void main(String[] args) throws Throwable {
        if (args.length < 2) {
            System.err.println("usage: BrokerLauncher <parent-pid> <main-class> [args...]");
            System.exit(2);
        }
        long parentPid = Long.parseLong(args[0]);
        ProcessHandle.of(parentPid).ifPresentOrElse(
                parent -> parent.onExit().thenRun(() -> Runtime.getRuntime().halt(0)),
                () -> Runtime.getRuntime().halt(0));
        Method main = Class.forName(args[1]).getMethod("main", String[].class);
        try {
            main.invoke(null, (Object) Arrays.copyOfRange(args, 2, args.length));
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
