package dev.aoi.console.query;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Turns the API's own exceptions into problem details; Spring's are handled by Boot's problem-details advice. */
@RestControllerAdvice(basePackages = {"dev.aoi.console.images", "dev.aoi.console.regions", "dev.aoi.console.stats",
        "dev.aoi.console.files"})
class ApiExceptionHandler {

    @ExceptionHandler(BadFilterException.class)
    @ResponseStatus(HttpStatus.BAD_REQUEST)
    ProblemDetail badFilter(BadFilterException e) {
        return Problems.badFilter(e);
    }

    /** A stored file the console found but cannot cut (not an image it can decode, or a box outside it). */
    @ExceptionHandler({IllegalArgumentException.class, java.io.UncheckedIOException.class})
    @ResponseStatus(HttpStatus.UNPROCESSABLE_CONTENT)
    ProblemDetail unreadableFile(RuntimeException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT, e.getMessage());
        problem.setTitle("Unreadable stored file");
        return problem;
    }
}
