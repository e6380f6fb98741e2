/**
 * Two state slots in a shared wasm memory, for training without proof: the update kernels write the next state into
 * the slot the current one is not in, and the run's kernels work over that memory (HashRing.kernels), so the state
 * is never copied from JavaScript. Training with proof takes the same path through the hashing ring; the two then
 * differ only by the commitments, which is what bench/training's proof overhead compares.
 */
import type { TensorLayout } from '../../referee/index.js';
import { hashingModuleAvailable } from '../kernels/native/hashing-module.js';
import type { LightKernels, NumericCore } from '../kernels/native/index.js';
import { allocateRing, HashRing } from './hash-ring.js';
import { planRing, samePlan, TRAINING_THREAD } from './ring-plan.js';

const SLOTS = 2;
/** Slots of finished runs, kept for the next run of the same layout (a fresh memory is paged in step by step). */
const idle: StateSlots[] = [];

export class StateSlots {
  private next = 0;

  private constructor(private readonly ring: HashRing) {}

  /** Slots for a run of `layout` (reused when a finished run had the same plan); undefined without the wasm modules. */
  static take(layout: readonly TensorLayout[]): StateSlots | undefined {
    if (!hashingModuleAvailable()) return undefined;
    const plan = planRing(layout, SLOTS);
    const at = idle.findIndex((slots) => samePlan(slots.ring.plan, plan));
    if (at >= 0) return idle.splice(at, 1)[0];
    return new StateSlots(new HashRing(allocateRing(layout, plan), TRAINING_THREAD));
  }

  /** The slot the next state goes to (not the one the current state is in). */
  reserve(): Float32Array[] {
    const views = this.ring.views(this.next);
    this.next ^= 1;
    return views;
  }

  kernelsReplacing(current: NumericCore): { core: NumericCore; light: LightKernels } | undefined {
    return this.ring.kernelsReplacing(current);
  }

  /** Back to the pool; the caller no longer holds tensors over the slots. */
  release(): void {
    this.next = 0;
    idle.push(this);
  }
}
