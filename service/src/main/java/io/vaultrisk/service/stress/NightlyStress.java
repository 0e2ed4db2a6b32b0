package io.vaultrisk.service.stress;

import io.quarkus.scheduler.Scheduled;
import io.vaultrisk.service.job.JobRunner;
import io.vaultrisk.service.vault.Vault;
import io.vaultrisk.service.vault.Vaults;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/** Queues a stress report for every registered vault that has a book, on {@code vaultrisk.stress.cron}. */
@ApplicationScoped
public class NightlyStress {
    private static final Logger LOG = Logger.getLogger(NightlyStress.class);

    @Inject
    Vaults vaults;

    @Inject
    JobRunner jobs;

    @Inject
    StressJob stress;

    @Scheduled(
            cron = "{vaultrisk.stress.cron}",
            identity = "nightly-stress",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void nightly() {
        queueAll("nightly");
    }

    /** Queues one stress job per vault with a book; returns how many. */
    public int queueAll(String trigger) {
        int n = 0;
        for (Vault v : vaults.all()) {
            if (v.book() != null) {
                jobs.submit(StressJob.KIND, stress.request(v, trigger));
                n++;
            }
        }
        LOG.infof("%s stress: queued %d books", trigger, n);
        return n;
    }
}
