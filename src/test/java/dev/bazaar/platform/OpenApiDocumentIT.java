package dev.bazaar.platform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bazaar.support.IntegrationTest;
import dev.bazaar.support.TestHttp;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The committed {@code openapi.yaml} must equal the served document. After an intended API change, regenerate it with
 * {@code bin/test -Dit.test=OpenApiDocumentIT -Dopenapi.update=true} and commit the file.
 */
@IntegrationTest
class OpenApiDocumentIT {

    static final Path COMMITTED = Path.of("openapi.yaml");

    @LocalServerPort
    int port;

    @Test
    void committedDocumentMatchesTheServedOne() throws Exception {
        String served = new TestHttp(port).get("/v3/api-docs.yaml").body();
        assertThat(served).startsWith("openapi: 3.1.0");
        if (Boolean.getBoolean("openapi.update")) {
            Files.writeString(COMMITTED, served, StandardCharsets.UTF_8);
        }
        assertThat(COMMITTED).as("openapi.yaml is committed").exists();
        assertThat(Files.readString(COMMITTED, StandardCharsets.UTF_8))
                .as("openapi.yaml drifted from the served document; regenerate it with "
                        + "bin/test -Dit.test=OpenApiDocumentIT -Dopenapi.update=true and review the diff")
                .isEqualTo(served);
    }
}
