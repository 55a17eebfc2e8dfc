package dev.aoi.console.users;

import dev.aoi.console.ConsoleProperties;
import dev.aoi.console.db.ConsoleWriter;
import dev.aoi.console.security.SecurityProperties;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The console's own writing pool and its users (the review's beans are built in ReviewConfiguration). */
@Configuration(proxyBeanMethods = false)
class UsersConfiguration {

    @Bean(destroyMethod = "close")
    ConsoleWriter consoleWriter(ConsoleProperties console, SecurityProperties security) {
        ConsoleProperties.Database db = console.database();
        return ConsoleWriter.create(db.url(), db.user(), db.password(), security.writerPoolSize(),
                db.connectionTimeout(), db.statementTimeout());
    }

    @Bean
    UserStore userStore(ConsoleWriter writer) {
        return new UserStore(writer.jdbc());
    }

    @Bean
    ApplicationRunner firstAdmin(UserStore users, SecurityProperties security) {
        return args -> {
            try {
                FirstAdmin.ensure(users, security.adminUsername(), security.adminPassword());
            } catch (org.springframework.dao.DataAccessException e) {
                // the console starts without its database (readiness says so); the check runs at the next start
                org.slf4j.LoggerFactory.getLogger(FirstAdmin.class).warn("could not look for the first admin: {}",
                        e.getMostSpecificCause().getMessage());
            }
        };
    }
}
