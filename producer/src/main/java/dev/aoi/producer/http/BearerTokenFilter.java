package dev.aoi.producer.http;

import dev.aoi.producer.publish.PublishMetrics;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses requests without {@code Authorization: Bearer <token>} with 401, before a byte of an upload is parsed.
 * The comparison takes the same time whatever the token's content. A blank configured token turns it off.
 */
public final class BearerTokenFilter extends OncePerRequestFilter {

    private final byte[] expected;
    private final PublishMetrics metrics;

    public BearerTokenFilter(String token, PublishMetrics metrics) {
        this.expected = token == null || token.isBlank() ? null : token.getBytes(StandardCharsets.UTF_8);
        this.metrics = metrics;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (expected == null || matches(request.getHeader("Authorization"))) {
            chain.doFilter(request, response);
            return;
        }
        metrics.rejected("http", "unauthorized");
        response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        response.setHeader("WWW-Authenticate", "Bearer realm=\"aoi-producer\"");
        response.setContentType("application/json");
        response.getOutputStream().write(("{\"error\":\"missing or wrong bearer token: send "
                + "'Authorization: Bearer <aoi.producer.http.token>'\",\"field\":null}").getBytes(StandardCharsets.UTF_8));
    }

    private boolean matches(String header) {
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        byte[] given = header.substring(7).trim().getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(expected, given);
    }
}
