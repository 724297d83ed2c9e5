// Start-up and shutdown: resources are released in reverse order of acquisition.
// The first SIGTERM/SIGINT drains; a second forces. Only the entry point exits.
import type { Logger } from './logger.js';

type Closer = { name: string; close: () => Promise<void> };

export class Lifecycle {
  private readonly closers: Closer[] = [];
  private stopping: Promise<void> | null = null;

  constructor(private readonly logger: Logger) {}

  /** Registers something to close on shutdown; closed in reverse order of registration. */
  defer(name: string, close: () => Promise<void>): void {
    this.closers.push({ name, close });
  }

  get isStopping(): boolean {
    return this.stopping !== null;
  }

  stop(): Promise<void> {
    this.stopping ??= this.closeAll();
    return this.stopping;
  }

  private async closeAll(): Promise<void> {
    for (const c of [...this.closers].reverse()) {
      try {
        await c.close();
        this.logger.debug({ component: c.name }, 'closed');
      } catch (err) {
        this.logger.warn({ component: c.name, err }, 'close failed');
      }
    }
  }

  /** Wires signals: first one drains, a second calls `force`. Resolves when drained. */
  onSignals(force: () => void): Promise<void> {
    return new Promise((resolve) => {
      const handler = (signal: NodeJS.Signals) => {
        if (this.stopping) {
          this.logger.warn({ signal }, 'second signal: forcing exit');
          force();
          return;
        }
        this.logger.info({ signal }, 'stopping: intake closed, draining in-flight work');
        void this.stop().then(resolve);
      };
      process.on('SIGTERM', handler);
      process.on('SIGINT', handler);
    });
  }
}
