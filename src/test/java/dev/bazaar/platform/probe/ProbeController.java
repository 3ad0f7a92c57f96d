package dev.bazaar.platform.probe;

import dev.bazaar.platform.ApplicationException;
import dev.bazaar.platform.ErrorCode;
import dev.bazaar.platform.RequiresIdempotencyKey;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.net.URI;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Test-only endpoints that exercise the platform's HTTP machinery (mapped under /api/test, excluded from the docs). */
@RestController
class ProbeController {

    private final JdbcClient jdbc;

    ProbeController(JdbcClient jdbc) {
        this.jdbc = jdbc;
        // The pool works as the application role, which may not create tables: do it as the tables' owner, then go back.
        jdbc.sql("reset role; create table if not exists test_effects (id bigserial primary key, label text not null); "
                + "grant select, insert, update, delete on test_effects to bazaar_app; "
                + "grant usage on sequence test_effects_id_seq to bazaar_app; set role bazaar_app").update();
    }

    record Price(@Positive long amount, @NotBlank String currency) {}

    record CreateThing(@NotBlank String displayName, @NotNull @Positive Integer quantity, @Valid Price unitPrice) {}

    @PostMapping("/api/test/things")
    ResponseEntity<Map<String, Object>> create(@Valid @RequestBody CreateThing body) {
        return ResponseEntity.created(URI.create("/api/test/things/1"))
                .body(Map.of("display_name", body.displayName(), "quantity", body.quantity()));
    }

    record Effect(@NotBlank String label) {}

    /** Records one effect row (slowly, to widen race windows) and answers the running count of that label. */
    @PostMapping("/api/test/effects")
    ResponseEntity<Map<String, Object>> effect(@Valid @RequestBody Effect body) throws InterruptedException {
        jdbc.sql("insert into test_effects (label) values (?)").param(body.label()).update();
        Thread.sleep(300);
        long count = jdbc.sql("select count(*) from test_effects where label = ?").param(body.label()).query(Long.class).single();
        return ResponseEntity.status(201).body(Map.of("label", body.label(), "count", count, "nonce", System.nanoTime()));
    }

    @PostMapping("/api/test/failures")
    ResponseEntity<Void> fail(@RequestBody Effect body) {
        jdbc.sql("insert into test_effects (label) values (?)").param(body.label()).update();
        throw new IllegalStateException("select secret from credentials where password = 'hunter2'");
    }

    @RequiresIdempotencyKey
    @PostMapping("/api/test/charges")
    ResponseEntity<Map<String, Object>> charge(@RequestBody Effect body) {
        return ResponseEntity.status(201).body(Map.of("label", body.label()));
    }

    @GetMapping("/api/test/boom")
    String boom() {
        throw new IllegalStateException("select secret from credentials where password = 'hunter2'");
    }

    enum ProbeErrorCode implements ErrorCode {
        CANNOT_FROB;

        @Override
        public String code() {
            return "test.thing.cannot_frob";
        }

        @Override
        public int status() {
            return 422;
        }

        @Override
        public String title() {
            return "Thing cannot be frobbed";
        }
    }

    @GetMapping("/api/test/things/{id}/frob")
    String frob(@PathVariable String id) {
        throw new ApplicationException(ProbeErrorCode.CANNOT_FROB, "Thing " + id + " is archived");
    }
}
