/**
 * The devnet is a set of parts started in order and stopped in reverse (today: the node and the demo
 * client; later issues add NATS and the workers as further parts).
 */
export interface DevnetPart {
  readonly name: string;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export class DevnetLauncher {
  private readonly started: DevnetPart[] = [];

  constructor(private readonly say: (line: string) => void) {}

  /** Starts the parts one after another; if one fails, those already started are stopped. */
  async start(parts: DevnetPart[]): Promise<void> {
    for (const part of parts) {
      try {
        await part.start();
      } catch (error) {
        await this.stop();
        throw new Error(`devnet part "${part.name}" failed to start: ${(error as Error).message}`, { cause: error });
      }
      this.started.push(part);
    }
  }

  async stop(): Promise<void> {
    while (this.started.length > 0) {
      const part = this.started.pop()!;
      try {
        await part.stop();
      } catch (error) {
        this.say(`⚠️  stopping ${part.name}: ${(error as Error).message}`);
      }
    }
  }
}
