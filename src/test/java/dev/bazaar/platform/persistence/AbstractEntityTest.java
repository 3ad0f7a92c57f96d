package dev.bazaar.platform.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AbstractEntityTest {

    static final class Thing extends AbstractEntity {}

    static final class Other extends AbstractEntity {}

    @Test
    void hasAVersion7IdFromConstructionAndEqualityById() {
        Thing thing = new Thing();
        assertThat(thing.getId().version()).isEqualTo(7);
        assertThat(thing).isEqualTo(thing).isNotEqualTo(new Thing()).isNotEqualTo(new Other());
        assertThat(thing.hashCode()).isEqualTo(thing.getId().hashCode());
    }

    @Test
    void stampsCreationAndUpdateTimes() throws InterruptedException {
        Thing thing = new Thing();
        thing.onCreate();
        assertThat(thing.getCreatedAt()).isNotNull().isEqualTo(thing.getUpdatedAt());
        Thread.sleep(2);
        thing.onUpdate();
        assertThat(thing.getUpdatedAt()).isAfter(thing.getCreatedAt());
    }
}
