/**
 * Submission with signatures checked on worker threads first. Each submission's signature check (as the runtime
 * describes it) joins the batch of its event-loop turn; the batch goes to a worker in one message; when its answers
 * are back, the valid ones are noted in the runtime's memo and the submissions enter the pool in arrival order,
 * each in its fair turn (fairness.ts). The pool's validation then finds those signatures already verified; an
 * invalid or missing answer changes nothing, as the runtime then verifies the signature itself.
 */
import type { HexString, Runtime, SignatureCheck } from '../../runtime-bindings/seam.js';
import type { Chain } from '../chain.js';
import { inTurn } from '../fairness.js';
import type { SignatureVerifier } from '../verify/signature-verifier.js';
import type { PoolTransaction } from './pool-types.js';
import type { Watcher } from './watchers.js';

/** Largest batch sent to a worker: bounds how long its results hold the main thread (~0.5 ms per submission). */
const MAX_BATCH = 256;

interface Pending {
  extrinsic: HexString;
  watcher: Watcher | undefined;
  check: SignatureCheck | undefined;
  resolve(tx: PoolTransaction): void;
  reject(error: unknown): void;
}

interface Batch {
  entries: Pending[];
  valid: boolean[] | undefined;
}

export class VerifiedSubmissions {
  private gathering: Pending[] = [];
  /** Batches sent, oldest first; one is admitted only after every earlier one. */
  private readonly inFlight: Batch[] = [];

  constructor(
    private readonly verifier: SignatureVerifier,
    private readonly runtime: Runtime,
    private readonly chain: Chain,
    private readonly admit: (extrinsic: HexString, watcher: Watcher | undefined) => PoolTransaction,
  ) {}

  submit(extrinsic: HexString, watcher: Watcher | undefined): Promise<PoolTransaction> {
    let check: SignatureCheck | undefined;
    try {
      check = this.runtime.signatureCheck(this.chain.headState, extrinsic, this.chain.best.hash);
    } catch {
      check = undefined; // validation in `admit` meets the same problem and reports it
    }
    return new Promise((resolve, reject) => {
      if (this.gathering.length === 0) setImmediate(() => this.send());
      this.gathering.push({ extrinsic, watcher, check, resolve, reject });
      if (this.gathering.length >= MAX_BATCH) this.send();
    });
  }

  private send(): void {
    if (this.gathering.length === 0) return;
    const batch: Batch = { entries: this.gathering, valid: undefined };
    this.gathering = [];
    this.inFlight.push(batch);
    const checks = batch.entries.flatMap((entry) => (entry.check ? [entry.check] : []));
    void this.verifier.verify(checks).then((valid) => {
      batch.valid = valid;
      this.admitAnswered();
    });
  }

  private admitAnswered(): void {
    while (this.inFlight[0]?.valid !== undefined) {
      const { entries, valid } = this.inFlight.shift()!;
      let next = 0;
      for (const entry of entries) {
        if (entry.check && valid![next++] === true) this.runtime.noteVerifiedSignature(entry.check);
        inTurn(() => this.admit(entry.extrinsic, entry.watcher)).then(entry.resolve, entry.reject);
      }
    }
  }
}
