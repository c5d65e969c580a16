/** Records every Bot API call the bot makes, so tests can assert on outgoing calls. */
import { EventEmitter } from "node:events";
import type { RecordedRequest } from "./types.js";

export class RequestRecorder {
  private list: RecordedRequest[] = [];
  private readonly emitter = new EventEmitter();

  constructor(private readonly max = 10_000, public enabled = true) {
    this.emitter.setMaxListeners(0);
  }

  add(r: RecordedRequest): void {
    if (!this.enabled) return;
    this.list.push(r);
    if (this.list.length > this.max) this.list.splice(0, this.list.length - this.max);
    this.emitter.emit("request", r);
  }

  /** Every recorded call, oldest first. */
  all(): RecordedRequest[] {
    return [...this.list];
  }

  /** Calls of one method (case-insensitive), oldest first. */
  of(method: string): RecordedRequest[] {
    const m = method.toLowerCase();
    return this.list.filter((r) => r.method.toLowerCase() === m);
  }

  last(method?: string): RecordedRequest | undefined {
    const list = method === undefined ? this.list : this.of(method);
    return list[list.length - 1];
  }

  count(method?: string): number {
    return method === undefined ? this.list.length : this.of(method).length;
  }

  clear(): void {
    this.list = [];
  }

  /**
   * Resolves with the first call of `method` (already recorded or coming) that satisfies `where`;
   * rejects after `timeout` ms (default 5000) listing the calls seen.
   */
  waitFor(
    method: string,
    opts: { where?: (r: RecordedRequest) => boolean; timeout?: number } = {},
  ): Promise<RecordedRequest> {
    const m = method.toLowerCase();
    const match = (r: RecordedRequest): boolean => r.method.toLowerCase() === m && (opts.where?.(r) ?? true);
    const found = this.list.find(match);
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const onRequest = (r: RecordedRequest): void => {
        if (!match(r)) return;
        cleanup();
        resolve(r);
      };
      const timer = setTimeout(() => {
        cleanup();
        const seen = this.list.slice(-20).map((r) => r.method).join(", ") || "none";
        reject(new Error(`No ${method} call within ${opts.timeout ?? 5000} ms (last calls: ${seen})`));
      }, opts.timeout ?? 5000);
      const cleanup = (): void => {
        clearTimeout(timer);
        this.emitter.off("request", onRequest);
      };
      this.emitter.on("request", onRequest);
    });
  }
}
