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
}
