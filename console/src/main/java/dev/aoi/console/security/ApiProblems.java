package dev.aoi.console.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * The API's answers when a request may not pass, as RFC 9457 problems: 401 with a Basic challenge when it is not
 * authenticated, 429 with {@code Retry-After} when its logins are throttled, 403 when its role is too low.
 * A browser's script (it sends {@code X-Requested-With}) gets no challenge, so no password dialog pops up.
 */
final class ApiProblems implements AuthenticationEntryPoint, AccessDeniedHandler {

    static final String REALM = "aoi-console";

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        if (e instanceof LoginThrottledException throttled) {
            response.setHeader("Retry-After", Long.toString(Math.max(1, throttled.retryAfter().toSeconds())));
            write(response, 429, "Too many failed logins", throttled.getMessage());
            return;
        }
        if (request.getHeader("X-Requested-With") == null) {
            response.setHeader("WWW-Authenticate", "Basic realm=\"" + REALM + "\", charset=\"UTF-8\"");
        }
        write(response, 401, "Unauthorized", "log in: HTTP Basic with a console user, or the web UI's session");
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
            throws IOException {
        write(response, 403, "Forbidden", "your role may not " + request.getMethod() + " " + request.getRequestURI()
                + " (or the request's CSRF token is missing)");
    }

    private static void write(HttpServletResponse response, int status, String title, String detail)
            throws IOException {
        response.setStatus(status);
        response.setContentType("application/problem+json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status
                + ",\"detail\":\"" + detail.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}");
    }
}
