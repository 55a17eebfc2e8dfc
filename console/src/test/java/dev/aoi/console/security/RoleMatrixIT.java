package dev.aoi.console.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aoi.common.event.InspectionResult;
import dev.aoi.console.ConsoleApplication;
import dev.aoi.console.testing.ConsoleTestDatabase;
import dev.aoi.console.testing.FrameFixtures;
import dev.aoi.console.testing.Http;
import dev.aoi.console.testing.Results;
import dev.aoi.console.testing.WebSession;
import dev.aoi.console.users.Role;
import dev.aoi.persister.bench.SyntheticResults;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every endpoint the console maps × nobody, viewer, reviewer, admin: nobody gets 401 (API) or the login page
 * (UI), a role below the endpoint's gets 403, the endpoint's role and those above get through. The matrix is
 * checked against the handler mappings, so an endpoint added without a row here fails this test.
 */
@SpringBootTest(classes = ConsoleApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RoleMatrixIT {

    static final ConsoleTestDatabase DB = ConsoleTestDatabase.create();
    static final Path ROOT;
    static final Map<Role, String> PASSWORDS = new EnumMap<>(Role.class);

    static {
        try {
            ROOT = Files.createTempDirectory("role-matrix-root");
            InspectionResult r = new SyntheticResults(5).result("mx-00", 1, 8, Instant.parse("2026-11-21T00:00:00Z"));
            r = Results.with(r, Instant.parse("2026-11-21T00:00:00Z"), "cam0", Map.of("lot", "L1"));
            DB.write(List.of(FrameFixtures.withFiles(r, ROOT)));
            for (Role role : Role.values()) {
                PASSWORDS.put(role, DB.addUser("m-" + role.dbName(), role));
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** One row: a request and the least role it needs (null: anyone, logged in or not). */
    record Endpoint(String method, String pattern, String path, String body, Role least) {
        boolean api() {
            return path.startsWith("/api/") || path.startsWith("/v3/") || path.startsWith("/swagger-ui")
                    || path.startsWith("/api-docs");
        }
    }

    static final String NO_REVIEW = "/api/v1/reviews/999999";
    static final List<Endpoint> MATRIX = List.of(
            get("/api/v1/images", "/api/v1/images?limit=1"),
            get("/api/v1/images/{imgUniqueId}", "/api/v1/images/mx-00"),
            get("/api/v1/images/{imgUniqueId}/regions", "/api/v1/images/mx-00/regions"),
            get("/api/v1/images/{imgUniqueId}/files/{name}", "/api/v1/images/mx-00/files/input"),
            get("/api/v1/images/{imgUniqueId}/thumbnail", "/api/v1/images/mx-00/thumbnail"),
            get("/api/v1/images/{imgUniqueId}/classes/{classId}/overlay", "/api/v1/images/mx-00/classes/1/overlay"),
            get("/api/v1/images/{imgUniqueId}/overlay", "/api/v1/images/mx-00/overlay"),
            get("/api/v1/images/{imgUniqueId}/defect-sheet", "/api/v1/images/mx-00/defect-sheet"),
            get("/api/v1/regions", "/api/v1/regions?limit=1"),
            get("/api/v1/regions/{regionUniqueId}", "/api/v1/regions/mx-00_c1_r1"),
            get("/api/v1/regions/{regionUniqueId}/crop", "/api/v1/regions/mx-00_c1_r1/crop"),
            get("/api/v1/stats/trend", "/api/v1/stats/trend"),
            get("/api/v1/stats/pareto", "/api/v1/stats/pareto"),
            get("/api/v1/stats/daily", "/api/v1/stats/daily"),
            get("/api/v1/stats/cameras", "/api/v1/stats/cameras"),
            get("/api/v1/stats/worst-images", "/api/v1/stats/worst-images"),
            get("/api/v1/stats/worst-lots", "/api/v1/stats/worst-lots"),
            get("/api/v1/stats/reviews", "/api/v1/stats/reviews"),
            get("/api/v1/review-queue", "/api/v1/review-queue"),
            get("/api/v1/reviews", "/api/v1/reviews"),
            new Endpoint("GET", "/api/v1/reviews", "/api/v1/reviews?include_deleted=true", null, Role.ADMIN),
            get("/api/v1/reviews/{id}", NO_REVIEW),
            new Endpoint("GET", "/api/v1/reviews/{id}", NO_REVIEW + "?include_deleted=true", null, Role.ADMIN),
            get("/api/v1/reviews/{id}/history", NO_REVIEW + "/history"),
            new Endpoint("POST", "/api/v1/regions/{regionUniqueId}/reviews", "/api/v1/regions/nope/reviews",
                    "{\"verdict\":\"defect\"}", Role.REVIEWER),
            new Endpoint("PUT", "/api/v1/reviews/{id}", NO_REVIEW, "{\"verdict\":\"defect\",\"version\":1}",
                    Role.REVIEWER),
            new Endpoint("DELETE", "/api/v1/reviews/{id}", NO_REVIEW, null, Role.REVIEWER),
            new Endpoint("POST", "/api/v1/reviews/{id}/restore", NO_REVIEW + "/restore", null, Role.ADMIN),
            new Endpoint("GET", "/api/v1/users", "/api/v1/users", null, Role.ADMIN),
            new Endpoint("GET", "/api/v1/users/{username}", "/api/v1/users/m-admin", null, Role.ADMIN),
            new Endpoint("POST", "/api/v1/users", "/api/v1/users",
                    "{\"username\":\"x\",\"role\":\"root\",\"password\":\"0123456789ab\"}", Role.ADMIN),
            get("/v3/api-docs", "/v3/api-docs"),
            get("/v3/api-docs.yaml", "/v3/api-docs.yaml"),
            get("/v3/api-docs/swagger-config", "/v3/api-docs/swagger-config"),
            get("/api-docs.html", "/api-docs.html"),
            get("/", "/"),
            get("/dashboard", "/dashboard"),
            get("/frames", "/frames"),
            get("/frames/{imgUniqueId}", "/frames/mx-00"),
            get("/review", "/review"),
            get("/review/frames/{imgUniqueId}", "/review/frames/mx-00"),
            get("/review/next", "/review/next"),
            new Endpoint("GET", "/admin/users", "/admin/users", null, Role.ADMIN),
            new Endpoint("GET", "/admin/archive-policies", "/admin/archive-policies", null, Role.ADMIN),
            new Endpoint("POST", "/admin/users", "/admin/users", "username=x&role=root&password=0123456789ab",
                    Role.ADMIN),
            new Endpoint("POST", "/admin/users/role", "/admin/users/role", "username=nobody&role=viewer", Role.ADMIN),
            new Endpoint("POST", "/admin/users/disabled", "/admin/users/disabled", "username=nobody&disabled=true",
                    Role.ADMIN),
            new Endpoint("POST", "/admin/users/password", "/admin/users/password",
                    "username=nobody&password=0123456789ab", Role.ADMIN),
            new Endpoint("GET", "/login", "/login", null, null));

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        DB.register(registry, ROOT);
    }

    @AfterAll
    static void close() {
        DB.close();
    }

    @LocalServerPort
    int port;
    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Test
    void everyMappedEndpointHasARowInTheMatrix() {
        Set<String> mapped = new TreeSet<>();
        for (RequestMappingInfo info : mappings.getHandlerMethods().keySet()) {
            Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
            for (String pattern : info.getPatternValues()) {
                if (pattern.equals("/error")) {
                    continue; // Boot's error page: renders whatever status the request already has
                }
                for (RequestMethod m : methods.isEmpty() ? Set.of(RequestMethod.GET) : methods) {
                    mapped.add(m.name() + " " + pattern);
                }
            }
        }
        Set<String> covered = new LinkedHashSet<>();
        MATRIX.forEach(e -> covered.add(e.method() + " " + e.pattern()));
        assertThat(covered).containsAll(mapped);
    }

    @Test
    void nobodyGetsInEachRoleGetsWhatItMayAndNoMore() {
        String base = "http://127.0.0.1:" + port;
        Map<Role, Http> api = new EnumMap<>(Role.class);
        Map<Role, WebSession> ui = new EnumMap<>(Role.class);
        for (Role role : Role.values()) {
            api.put(role, new Http(base).as("m-" + role.dbName(), PASSWORDS.get(role)));
            WebSession session = new WebSession(base);
            assertThat(session.logIn("m-" + role.dbName(), PASSWORDS.get(role)).statusCode()).isEqualTo(302);
            ui.put(role, session.tokenFrom("/review/frames/mx-00"));
        }
        List<String> wrong = new ArrayList<>();
        int checked = 0;
        for (Endpoint e : MATRIX) {
            // nobody
            Answer anonymous = e.api() ? Answer.of(new Http(base).send(e.method(), e.path(), e.body()))
                    : Answer.of(send(new WebSession(base), e));
            boolean anonymousOk = e.least() == null ? anonymous.passed()
                    : e.api() ? anonymous.status() == 401 : anonymous.toLogin();
            if (!anonymousOk) {
                wrong.add("nobody " + e.method() + " " + e.path() + " -> " + anonymous);
            }
            checked++;
            for (Role role : Role.values()) {
                Answer a = e.api() ? Answer.of(api.get(role).send(e.method(), e.path(), e.body()))
                        : Answer.of(send(ui.get(role), e));
                boolean allowed = e.least() == null || role.ordinal() >= e.least().ordinal();
                boolean ok = allowed ? a.passed() : a.status() == 403;
                if (!ok) {
                    wrong.add(role.dbName() + " " + e.method() + " " + e.path() + " -> " + a + " (expected "
                            + (allowed ? "through" : "403") + ")");
                }
                checked++;
            }
        }
        assertThat(wrong).as("requests answered against the role matrix").isEmpty();
        assertThat(checked).isEqualTo(MATRIX.size() * 4);
    }

    private static HttpResponse<String> send(WebSession session, Endpoint e) {
        if (e.method().equals("GET")) {
            return session.get(e.path());
        }
        Map<String, String> form = new java.util.LinkedHashMap<>();
        for (String pair : e.body().split("&")) {
            String[] kv = pair.split("=", 2);
            form.put(kv[0], kv[1]);
        }
        return session.post(e.path(), form);
    }

    private static Endpoint get(String pattern, String path) {
        return new Endpoint("GET", pattern, path, null, Role.VIEWER);
    }

    /** A status and where a redirect goes. */
    record Answer(int status, String location) {
        static Answer of(HttpResponse<String> r) {
            return new Answer(r.statusCode(), r.headers().firstValue("Location").orElse(""));
        }

        boolean toLogin() {
            return status == 302 && location.endsWith("/login");
        }

        /** Got past authentication and authorisation (a 404 for a missing row or a 400 for a bad body is fine). */
        boolean passed() {
            return status != 401 && status != 403 && status != 429 && !toLogin();
        }
    }
}
