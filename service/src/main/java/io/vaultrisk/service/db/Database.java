package io.vaultrisk.service.db;

import io.agroal.api.AgroalDataSource;
import io.quarkus.agroal.DataSource;
import io.quarkus.runtime.StartupEvent;
import io.vaultrisk.service.config.ServiceConfig;
import io.vaultrisk.service.support.SecretFiles;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The one datasource the service uses. Both drivers are built in and a datasource kind is fixed at build time, so
 * the embedded H2 (default datasource) and PostgreSQL (datasource "postgres") are both configured and the one not in
 * use is inactive; {@code vaultrisk.database} picks at run time (the {@code postgres} profile sets it).
 */
@ApplicationScoped
public class Database {
    public static final String POSTGRES = "postgres";

    @Inject
    ServiceConfig config;

    @Inject
    @Any
    Instance<AgroalDataSource> dataSources;

    private volatile AgroalDataSource dataSource;

    public AgroalDataSource dataSource() {
        AgroalDataSource ds = dataSource;
        if (ds == null) {
            ds = isPostgres()
                    ? dataSources
                            .select(new DataSource.DataSourceLiteral(POSTGRES))
                            .get()
                    : dataSources
                            .select(jakarta.enterprise.inject.Default.Literal.INSTANCE)
                            .get();
            dataSource = ds;
        }
        return ds;
    }

    /** The H2 files hold key hashes and every signed allocation: their directory is the owner's only (700). */
    void onStart(@Observes @Priority(1) StartupEvent event) throws IOException {
        if (!isPostgres()) {
            SecretFiles.ownerOnlyDirectory(config.dataDir());
            SecretFiles.ownerOnlyDirectory(config.dataDir().resolve("db"));
        }
    }

    public boolean isPostgres() {
        return switch (config.database()) {
            case "postgresql", "postgres" -> true;
            case "h2" -> false;
            default ->
                throw new IllegalStateException(
                        "vaultrisk.database must be h2 or postgresql, got '" + config.database() + "'");
        };
    }

    public Connection connection() throws SQLException {
        return dataSource().getConnection();
    }

    /**
     * Called after the commit of a write the service is about to acknowledge (2xx): the commit is then on disk, not
     * only in the operating system's cache. PostgreSQL already syncs its WAL at commit (synchronous_commit on); H2
     * writes commits to its file at once (WRITE_DELAY=0) and CHECKPOINT SYNC forces them to the disk.
     */
    public void durable(Connection committed) throws SQLException {
        if (!isPostgres()) {
            try (Statement s = committed.createStatement()) {
                s.execute("CHECKPOINT SYNC");
            }
        }
    }
}
