package dev.aoi.console.review;

import dev.aoi.console.db.ConsoleWriter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The review's plain objects: verdicts written on the console's own pool, the queue and precision read-only. */
@Configuration(proxyBeanMethods = false)
class ReviewConfiguration {

    @Bean
    ReviewRepository reviewRepository(ConsoleWriter writer) {
        return new ReviewRepository(writer);
    }

    @Bean
    ReviewQueries reviewQueries(NamedParameterJdbcTemplate readOnly) {
        return new ReviewQueries(JdbcClient.create(readOnly));
    }
}
