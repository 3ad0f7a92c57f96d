package dev.bazaar.platform.persistence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** JDBC conversions shared by the modules' JDBC repositories. */
public final class Sql {

    private Sql() {}

    /** {@code value} with LIKE's wildcards and escape character escaped, for {@code like :value || '%'}. */
    public static @Nullable String likeLiteral(@Nullable String value) {
        return value == null ? null : value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    public static @Nullable Timestamp ts(@Nullable Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    public static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }

    /** Microseconds since the epoch: PostgreSQL's precision, for keyset cursors over timestamps. */
    public static long micros(Instant instant) {
        return java.util.concurrent.TimeUnit.SECONDS.toMicros(instant.getEpochSecond()) + instant.getNano() / 1000;
    }

    public static Timestamp fromMicros(long micros) {
        return Timestamp.from(Instant.EPOCH.plus(micros, java.time.temporal.ChronoUnit.MICROS));
    }
}
