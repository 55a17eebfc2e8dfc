package dev.aoi.common.cli;

import picocli.CommandLine.Option;

/** The broker option every command that talks to Kafka takes. TLS/SASL come from {@code AOI_KAFKA_CLIENT_CONFIG}. */
public final class KafkaOptions {

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT",
            defaultValue = "${env:" + Endpoints.BOOTSTRAP_SERVERS_ENV + ":-" + Endpoints.BOOTSTRAP_SERVERS + "}",
            description = "the Kafka brokers (default: $KAFKA_BOOTSTRAP_SERVERS, else ${DEFAULT-VALUE})")
    private String bootstrapServers;

    public String bootstrapServers() {
        return bootstrapServers;
    }
}
