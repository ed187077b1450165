/**
 * Jobs kept in process memory, the newest `max` kept, each visible only to its organisation: a
 * job lives as long as the process (a restart forgets it). The website scans' and the bulk
 * checks' stores are this, until a persistent job queue carries them (issue 19).
 */
export interface MemoryJobs<J extends { readonly id: string; readonly organisation: string }> {
  put(job: J): void;
  /** undefined for an unknown id or another organisation's job */
  get(organisation: string, id: string): J | undefined;
  /** the organisation's jobs, oldest first */
  of(organisation: string): J[];
}

export function memoryJobs<J extends { readonly id: string; readonly organisation: string }>(
  max: number,
): MemoryJobs<J> {
  const jobs = new Map<string, J>();
  return {
    put(job) {
      jobs.delete(job.id);
      jobs.set(job.id, job);
      while (jobs.size > max) {
        const oldest = jobs.keys().next().value;
        if (oldest === undefined) break;
        jobs.delete(oldest);
      }
    },
    get(organisation, id) {
      const job = jobs.get(id);
      return job?.organisation === organisation ? job : undefined;
    },
    of(organisation) {
      return [...jobs.values()].filter((j) => j.organisation === organisation);
    },
  };
}
