package dev.aoi.console.review;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Puts the precision per model and class into the dashboard's model ({@code reviewPrecision}), for the panel the
 * dashboard includes from {@code review/fragments}: one aggregate over the live verdicts, only for that view.
 */
public final class PrecisionPanel implements WebMvcConfigurer {

    static final String VIEW = "dashboard";

    private final ReviewQueries queries;

    public PrecisionPanel(ReviewQueries queries) {
        this.queries = queries;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new HandlerInterceptor() {
            @Override
            public void postHandle(HttpServletRequest request, HttpServletResponse response, Object handler,
                    ModelAndView view) {
                if (view != null && VIEW.equals(view.getViewName()) && !view.getModel().containsKey("error")) {
                    view.addObject("reviewPrecision", queries.precisionOfAllVerdicts());
                }
            }
        });
    }
}
