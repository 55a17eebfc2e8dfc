package dev.aoi.console.security;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Who may log in and how hard guessing is ({@code aoi.console.security.*}; docs/security.md).
 *
 * @param adminUsername the first admin's name, created at start only while the users table is empty
 * @param adminPassword the first admin's password ({@code AOI_CONSOLE_ADMIN_PASSWORD}); no default: without it
 *     the first admin comes from {@code ./aoi users add NAME --role admin}
 * @param loginMaxFailures failed logins (per user name, per address) before attempts are refused for a while
 * @param loginWindow the time within which failures count
 * @param loginBlock how long attempts are refused after the last allowed failure (doubling, at most 15 minutes)
 * @param writerPoolSize connections of the pool that writes the console's own tables
 */
@ConfigurationProperties("aoi.console.security")
public record SecurityProperties(
        @DefaultValue("admin") String adminUsername,
        @DefaultValue("") String adminPassword,
        @DefaultValue("5") int loginMaxFailures,
        @DefaultValue("5m") Duration loginWindow,
        @DefaultValue("30s") Duration loginBlock,
        @DefaultValue("2") int writerPoolSize) {
}
