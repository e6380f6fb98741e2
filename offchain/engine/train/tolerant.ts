/**
 * Tolerant mode: for backends that are not bit-exact, thresholds come from profiling. Replaying segments of a
 * proof on one or more backends gives the distribution of honest distances; the suggested threshold is its maximum
 * times a safety factor (Gensyn's litepaper profiles the same way).
 */
import type { KernelSetName, TaskSpec } from '../spec/task.js';
import type { ArtifactStore } from '../store/artifact-store.js';
import type { Distances } from './distance.js';
import type { ProofManifest } from './manifest.js';
import { replaySegment } from './replay.js';

export interface ThresholdProfile {
  samples: Array<{ kernelSet: KernelSetName; segment: number; distances: Distances }>;
  max: Distances;
  median: Distances;
  /** max × safetyFactor: thresholds to put in a task spec for these backends. */
  suggested: Distances;
}

export async function profileThresholds(
  spec: TaskSpec,
  manifest: ProofManifest,
  store: ArtifactStore,
  options: { kernelSets: KernelSetName[]; segments?: number[]; safetyFactor?: number },
): Promise<ThresholdProfile> {
  const segments = options.segments ?? manifest.checkpoints.slice(1).map((_, i) => i);
  const samples: ThresholdProfile['samples'] = [];
  for (const kernelSet of options.kernelSets) {
    for (const segment of segments) {
      const report = await replaySegment(spec, manifest, store, segment, { kernelSet });
      samples.push({ kernelSet, segment, distances: report.distances });
    }
  }
  const pick = (f: (values: number[]) => number): Distances => ({
    l2: f(samples.map((s) => s.distances.l2)),
    linf: f(samples.map((s) => s.distances.linf)),
    cosine: f(samples.map((s) => s.distances.cosine)),
  });
  const max = pick((v) => Math.max(...v));
  const median = pick((v) => {
    const sorted = v.slice().sort((a, b) => a - b);
    return sorted[Math.floor(sorted.length / 2)] as number;
  });
  const factor = options.safetyFactor ?? 2;
  return {
    samples,
    max,
    median,
    suggested: { l2: max.l2 * factor, linf: max.linf * factor, cosine: max.cosine * factor },
  };
}
