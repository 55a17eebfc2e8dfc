package dev.aoi.console.query;

import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** RFC 9457 problems the API answers with (Spring MVC writes them as {@code application/problem+json}). */
public final class Problems {

    private Problems() {
    }

    public static ErrorResponseException notFound(String detail) {
        return problem(HttpStatus.NOT_FOUND, "Not found", detail);
    }

    public static ErrorResponseException problem(HttpStatus status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        return new ErrorResponseException(status, problem, null);
    }

    /** The 400 of a bad filter, naming the parameter in {@code detail} and in the {@code parameter} member. */
    public static ProblemDetail badFilter(BadFilterException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        problem.setTitle("Bad filter: " + e.parameter());
        problem.setType(URI.create("/docs/problems#bad-filter"));
        problem.setProperty("parameter", e.parameter());
        return problem;
    }
}
