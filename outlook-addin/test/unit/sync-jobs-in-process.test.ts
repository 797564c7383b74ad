// Issue 16 item 2: the in-process job runner (SQLite, one bridge) keeps today's behaviour behind the SyncJobs seam:
// every interval a round runs each subscription once, one after the other; stop() ends the rounds between two
// subscriptions and waits (boundedly) for the round in flight.
import { InProcessSyncJobs } from '../../src/middle-tier/subscriptions/jobs/in-process-jobs';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('InProcessSyncJobs', () => {
  it('runs every subscription once per round, sequentially, and stops between two subscriptions', async () => {
    const ids = ['equipe-technique', 'conges', 'astreintes'];
    const runs: string[] = [];
    let active = 0;
    let maxActive = 0;
    const jobs = new InProcessSyncJobs(0.1, async () => ids);
    await jobs.start(async (id) => {
      active += 1;
      maxActive = Math.max(maxActive, active);
      await sleep(20);
      runs.push(id);
      active -= 1;
    });
    for (let i = 0; i < 100 && runs.length < 3; i++) await sleep(10);
    expect(runs.slice(0, 3)).toEqual(ids);
    await jobs.stop(1_000);
    const after = runs.length;
    await sleep(300);
    // No round after stop(), and never two runs at once.
    expect(runs.length).toBe(after);
    expect(after % 3 === 0 || after < 6).toBe(true);
    expect(maxActive).toBe(1);
  });

  it('does nothing when the interval is 0 (background sync off)', async () => {
    const runs: string[] = [];
    const jobs = new InProcessSyncJobs(0, async () => ['a']);
    await jobs.start(async (id) => void runs.push(id));
    await sleep(100);
    await jobs.stop(10);
    expect(runs).toEqual([]);
  });
});
