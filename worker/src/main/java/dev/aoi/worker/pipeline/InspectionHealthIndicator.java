package dev.aoi.worker.pipeline;

import dev.aoi.worker.inspect.FrameInspector;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * UP when the model is loaded (the inspector exists: building it loads and checks the model) and the
 * inspection loop is running; DOWN, with the cause, when the loop has died.
 */
public final class InspectionHealthIndicator implements HealthIndicator {

    private final FrameInspector inspector;
    private final InspectionService service;

    public InspectionHealthIndicator(FrameInspector inspector, InspectionService service) {
        this.inspector = inspector;
        this.service = service;
    }

    @Override
    public Health health() {
        InspectionLoop.State state = service.state();
        Health.Builder health = state == InspectionLoop.State.RUNNING ? Health.up() : Health.down();
        health.withDetail("model", inspector.getClass().getSimpleName() + " loaded").withDetail("loop", state);
        Throwable failure = service.failure();
        if (failure != null) {
            health.withDetail("error", failure.toString());
        }
        return health.build();
    }
}
