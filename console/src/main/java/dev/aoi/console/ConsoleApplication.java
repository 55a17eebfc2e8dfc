package dev.aoi.console;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The Spring Boot service: the read side's JSON API and web UI (wired in {@link ConsoleConfiguration}). */
@SpringBootApplication(proxyBeanMethods = false)
public class ConsoleApplication {
}
