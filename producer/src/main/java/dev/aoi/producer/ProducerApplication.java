package dev.aoi.producer;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The ingest service: HTTP frame ingest and the optional watch-folder gateway, publishing ImageRefs to Kafka. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ProducerApplication {

    static void run(String[] args) {
        SpringApplication.run(ProducerApplication.class, args);
    }
}
