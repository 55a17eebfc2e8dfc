package dev.aoi.producer.http;

import java.net.InetAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.server.ConfigurableWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;

/**
 * Where the HTTP ingest may listen (docs/security.md, "Ingest"): without a bearer token only on loopback, said in
 * one log line; on any other address only with a token of at least {@value #MIN_TOKEN_CHARS} characters, otherwise
 * the service refuses to start. Applied after Spring's own {@code server.address} handling, to the ingest server
 * only (the management server has a port and settings of its own).
 */
public final class IngestExposure implements WebServerFactoryCustomizer<ConfigurableWebServerFactory>, Ordered {

    /** Shortest token accepted on a non-loopback address: guessing it must not be an option. */
    public static final int MIN_TOKEN_CHARS = 32;

    private static final Logger log = LoggerFactory.getLogger(IngestExposure.class);

    private final String token;
    private final InetAddress configured;

    /**
     * @param token      the bearer token, blank for none
     * @param configured {@code server.address}, or null (all interfaces)
     */
    public IngestExposure(String token, InetAddress configured) {
        this.token = token == null ? "" : token.trim();
        this.configured = configured;
    }

    @Override
    public void customize(ConfigurableWebServerFactory factory) {
        factory.setAddress(bindAddress());
    }

    /** The address to listen on; throws when the settings would open the ingest to other hosts unprotected. */
    public InetAddress bindAddress() {
        boolean loopback = configured != null && configured.isLoopbackAddress();
        if (token.isEmpty()) {
            if (configured != null && !loopback) {
                throw new IllegalStateException("refusing to start: the HTTP ingest would accept frames from anyone on "
                        + configured.getHostAddress() + " (server.address) without a token; set AOI_PRODUCER_TOKEN"
                        + " (at least " + MIN_TOKEN_CHARS + " characters) or listen on 127.0.0.1");
            }
            InetAddress address = loopback ? configured : InetAddress.getLoopbackAddress();
            log.warn("HTTP ingest listens on {} only: no token is set (AOI_PRODUCER_TOKEN, at least {} characters, opens"
                    + " it to other hosts)", address.getHostAddress(), MIN_TOKEN_CHARS);
            return address;
        }
        if (!loopback && token.length() < MIN_TOKEN_CHARS) {
            throw new IllegalStateException("refusing to start: the HTTP ingest token (AOI_PRODUCER_TOKEN) is "
                    + token.length() + " characters; on " + (configured == null ? "all interfaces"
                    : configured.getHostAddress()) + " it must be at least " + MIN_TOKEN_CHARS + " (e.g. openssl rand"
                    + " -hex 24), or listen on 127.0.0.1 (server.address)");
        }
        return configured;
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE; // after ServletWebServerFactoryCustomizer applied server.address
    }
}
