package dev.aoi.persister.db;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code DB_ECHO=true}: every SQL statement the persister prepares or executes is logged (logger {@code aoi.sql},
 * INFO), like SQLAlchemy's {@code echo}. Off by default; COPY data streams are not statements and are not logged.
 */
public final class SqlEcho {

    private static final Logger log = LoggerFactory.getLogger("aoi.sql");

    private SqlEcho() {
    }

    /** {@code dataSource} itself when {@code echo} is off, else a view of it whose connections log their SQL. */
    public static DataSource wrap(DataSource dataSource, boolean echo) {
        if (!echo) {
            return dataSource;
        }
        log.info("DB_ECHO is on: every SQL statement is logged");
        return new Echoing(dataSource);
    }

    /** A data source whose connections log their SQL; closing it closes the pool underneath. */
    private static final class Echoing implements DataSource, AutoCloseable {
        private final DataSource target;

        Echoing(DataSource target) {
            this.target = target;
        }

        @Override
        public Connection getConnection() throws SQLException {
            return echoing(target.getConnection());
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            return echoing(target.getConnection(username, password));
        }

        @Override
        public java.io.PrintWriter getLogWriter() throws SQLException {
            return target.getLogWriter();
        }

        @Override
        public void setLogWriter(java.io.PrintWriter out) throws SQLException {
            target.setLogWriter(out);
        }

        @Override
        public void setLoginTimeout(int seconds) throws SQLException {
            target.setLoginTimeout(seconds);
        }

        @Override
        public int getLoginTimeout() throws SQLException {
            return target.getLoginTimeout();
        }

        @Override
        public java.util.logging.Logger getParentLogger() throws java.sql.SQLFeatureNotSupportedException {
            return target.getParentLogger();
        }

        @Override
        public <T> T unwrap(Class<T> type) throws SQLException {
            return type.isInstance(this) ? type.cast(this) : target.unwrap(type);
        }

        @Override
        public boolean isWrapperFor(Class<?> type) throws SQLException {
            return type.isInstance(this) || target.isWrapperFor(type);
        }

        @Override
        public void close() throws Exception {
            if (target instanceof AutoCloseable pool) {
                pool.close();
            }
        }
    }

    static Connection echoing(Connection connection) {
        return proxy(Connection.class, connection, (method, args) -> {
            if (args != null && args.length > 0 && args[0] instanceof String sql
                    && (method.getName().startsWith("prepare") || method.getName().equals("nativeSQL"))) {
                log.info("{}", sql.strip());
            }
        }, true);
    }

    private interface Echo {
        void before(Method method, Object[] args);
    }

    private static <T> T proxy(Class<T> type, T target, Echo echo, boolean wrapStatements) {
        InvocationHandler handler = (p, method, args) -> {
            echo.before(method, args);
            Object result;
            try {
                result = method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
            if (wrapStatements && result instanceof Statement st && method.getName().equals("createStatement")) {
                return proxy(Statement.class, st, (m, a) -> {
                    if (a != null && a.length > 0 && a[0] instanceof String sql
                            && (m.getName().startsWith("execute") || m.getName().equals("addBatch"))) {
                        log.info("{}", sql.strip());
                    }
                }, false);
            }
            return result;
        };
        return type.cast(Proxy.newProxyInstance(SqlEcho.class.getClassLoader(), new Class<?>[] {type}, handler));
    }
}
