package dev.bazaar.platform.persistence;

import dev.bazaar.platform.Ids;
import jakarta.persistence.Column;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;
import jakarta.persistence.PrePersist;
import jakarta.persistence.PreUpdate;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Base of every aggregate: a UUIDv7 id assigned at construction (so that equality and events work before flush),
 * an optimistic-lock {@code version}, and UTC creation/update timestamps. Tables declare the matching columns:
 * {@code id uuid primary key, version bigint not null, created_at timestamptz not null, updated_at timestamptz not null}.
 */
@MappedSuperclass
public abstract class AbstractEntity {

    @Id
    private UUID id = Ids.newId();

    @Version
    private long version;

    @Column(name = "created_at", nullable = false, updatable = false)
    private @Nullable Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private @Nullable Instant updatedAt;

    public UUID getId() {
        return id;
    }

    public long getVersion() {
        return version;
    }

    public @Nullable Instant getCreatedAt() {
        return createdAt;
    }

    public @Nullable Instant getUpdatedAt() {
        return updatedAt;
    }

    @PrePersist
    void onCreate() {
        Instant now = Instant.now();
        createdAt = now;
        updatedAt = now;
    }

    @PreUpdate
    void onUpdate() {
        updatedAt = Instant.now();
    }

    @Override
    public final boolean equals(Object other) {
        return this == other || (other instanceof AbstractEntity entity && getClass() == entity.getClass() && id.equals(entity.id));
    }

    @Override
    public final int hashCode() {
        return id.hashCode();
    }
}
