package dev.aoi.persister.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

class SqlEchoTest {

    @Test
    void offByDefaultItIsTheSameDataSourceOnItLogsWhatIsPreparedAndExecuted() throws Exception {
        List<String> calls = new ArrayList<>();
        Connection connection = fake(Connection.class, calls);
        DataSource plain = fake(DataSource.class, calls, connection);
        assertThat(SqlEcho.wrap(plain, false)).isSameAs(plain);
        ch.qos.logback.classic.Logger logger = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("aoi.sql");
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> logged =
                new ch.qos.logback.core.read.ListAppender<>();
        logged.start();
        logger.addAppender(logged);
        ch.qos.logback.classic.Level level = logger.getLevel();
        logger.setLevel(ch.qos.logback.classic.Level.INFO);
        DataSource echo = SqlEcho.wrap(plain, true);
        try (Connection c = echo.getConnection()) {
            c.prepareStatement("SELECT 1");
            c.createStatement().execute("SELECT 2");
        }
        // the statements still reach the real connection
        assertThat(calls).contains("prepareStatement SELECT 1", "execute SELECT 2");
        assertThat(logged.list).extracting(e -> e.getFormattedMessage()).containsSubsequence("SELECT 1", "SELECT 2");
        logger.detachAppender(logged);
        logger.setLevel(level);
    }

    @SuppressWarnings("unchecked")
    private static <T> T fake(Class<T> type, List<String> calls, Object... returns) {
        return (T) Proxy.newProxyInstance(SqlEchoTest.class.getClassLoader(), new Class<?>[] {type}, (p, m, a) -> {
            calls.add(m.getName() + (a != null && a.length > 0 ? " " + a[0] : ""));
            return switch (m.getName()) {
                case "getConnection" -> returns[0];
                case "prepareStatement" -> fake(PreparedStatement.class, calls);
                case "createStatement" -> fake(Statement.class, calls);
                case "execute" -> false;
                default -> null;
            };
        });
    }
}
