/** The state of one block while it is built, executed, or used to validate a transaction. */
import type { DispatchContext, EmittedEvent } from '../pallets-spec/framework/dispatch.js';
import type { EventRecord, Phase } from '../pallets-spec/system/index.js';
import type { DispatchClass, H256, Weight } from '../pallets-spec/types/primitives.js';
import type { Overlay } from './overlay.js';

export type ClassName = DispatchClass['type'];

export class BlockContext implements DispatchContext {
  readonly events: EventRecord[] = [];
  phase: Phase = { type: 'Initialization', value: undefined };
  /** Weight consumed so far, per dispatch class. */
  readonly consumed: Record<ClassName, Weight> = {
    Normal: { ref_time: 0n, proof_size: 0n },
    Operational: { ref_time: 0n, proof_size: 0n },
    Mandatory: { ref_time: 0n, proof_size: 0n },
  };
  /** Bytes of extrinsics included so far. */
  length = 0;
  extrinsicCount = 0;

  constructor(
    readonly state: Overlay,
    readonly blockNumber: number,
    readonly parentHash: H256,
  ) {}

  emit(e: EmittedEvent): void {
    this.events.push({
      phase: this.phase,
      event: { type: e.pallet, value: { type: e.name, value: e.data } },
      topics: [],
    });
  }

  consume(cls: ClassName, w: Weight, len: number): void {
    const c = this.consumed[cls];
    this.consumed[cls] = { ref_time: c.ref_time + w.ref_time, proof_size: c.proof_size + w.proof_size };
    this.length += len;
  }
}
