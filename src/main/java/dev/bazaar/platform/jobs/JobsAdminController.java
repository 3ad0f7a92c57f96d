package dev.bazaar.platform.jobs;

import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.view.RedirectView;

/**
 * Operator routes for jobs: {@code /admin/jobs} opens the db-scheduler dashboard and {@code /admin/jobs/dead} lists the
 * most recent dead jobs. Access is restricted in the security configuration.
 */
@RestController
class JobsAdminController {

    private final DeadJobs deadJobs;

    JobsAdminController(DeadJobs deadJobs) {
        this.deadJobs = deadJobs;
    }

    @GetMapping("/admin/jobs")
    RedirectView dashboard() {
        return new RedirectView("/db-scheduler");
    }

    @GetMapping("/admin/jobs/dead")
    ResponseEntity<Map<String, List<DeadJobs.DeadJob>>> dead() {
        return ResponseEntity.ok(Map.of("data", deadJobs.recent(100)));
    }
}
