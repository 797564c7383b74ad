/**
 * Where this process is in its life, for the readiness probe: once a shutdown begins (SIGTERM), the load balancer
 * must stop sending traffic at once, while the work in flight finishes.
 */
export class Lifecycle {
  private draining = false;

  get shuttingDown(): boolean {
    return this.draining;
  }

  beginShutdown(): void {
    this.draining = true;
  }
}
