package dev.aoi.worker.pipeline;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * UP when the model is loaded (the inspector exists: building it loads and checks the model) and the
 * inspection loop is running; DOWN, with the cause, when the loop has died.
 */
public final class InspectionHealthIndicator implements HealthIndicator {

    private final BatchInspector inspector;
    private final InspectionService service;

    public InspectionHealthIndicator(BatchInspector inspector, InspectionService service) {
        this.inspector = inspector;
        this.service = service;
    }

    @Override
    public Health health() {
        InspectionLoop.State state = service.state();
        Health.Builder health = state == InspectionLoop.State.RUNNING ? Health.up() : Health.down();
        health.withDetail("model", inspector + " loaded").withDetail("loop", state);
        Throwable failure = service.failure();
        if (failure != null) {
            health.withDetail("error", failure.toString());
        }
        return health.build();
    }
}
