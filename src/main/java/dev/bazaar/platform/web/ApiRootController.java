package dev.bazaar.platform.web;

import java.util.Map;
import org.springframework.boot.info.BuildProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** {@code GET /api/v1}: what this API is, its version, the database schema it runs on, and where the docs are. */
@RestController
@Tag(name = "API", description = "The API root")
class ApiRootController {

    private final JdbcClient jdbc;
    private final String version;

    ApiRootController(JdbcClient jdbc, ObjectProvider<BuildProperties> build) {
        this.jdbc = jdbc;
        BuildProperties properties = build.getIfAvailable();
        this.version = properties != null ? properties.getVersion() : "development";
    }

    record ApiRoot(String name, String apiVersion, String version, String schemaVersion, Map<String, String> links) {}

    @GetMapping("/api/v1")
    @Operation(summary = "Describe the API", description = "Names the API, its version and the applied database schema version.")
    ResponseEntity<ApiRoot> root() {
        String schema = jdbc.sql("select version from flyway_schema_history where success order by installed_rank desc limit 1")
                .query(String.class).optional().orElse("none");
        return ResponseEntity.ok().cacheControl(CacheControl.noStore())
                .body(new ApiRoot("Bazaar", "v1", version, schema,
                        Map.of("docs", "/docs", "openapi", "/v3/api-docs", "health", "/actuator/health")));
    }
}
