package dev.aoi.persister;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The Spring Boot service: consumes {@code aoi.results} in batches and stores them (see {@link PersisterConfiguration}). */
@SpringBootApplication(proxyBeanMethods = false)
public class PersisterApplication {
}
