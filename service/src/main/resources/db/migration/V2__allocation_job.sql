-- A job re-run after a crash looks up the allocation it may already have published (one signature per job).
CREATE INDEX allocations_job ON allocations(job_id);
