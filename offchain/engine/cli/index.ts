/**
 * The training engine's commands for the `veritrain` CLI: `train`, `replay`, `eval`. `node/cli/main.ts` calls
 * registerEngineCommands; errors thrown here become one line on stderr and a non-zero exit code there.
 */
import { InvalidArgumentError, type Command } from 'commander';
import { SingleBar } from 'cli-progress';
import { isLeft } from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import { EngineError } from '../errors.js';
import { evaluateProof } from '../train/evaluate-proof.js';
import { artifactStoreFor, readProofDir, writeProofDir } from '../train/proof-dir.js';
import { replaySegment } from '../train/replay.js';
import { train } from '../train/train.js';
import { readTaskSpecFile } from '../spec/read.js';
import { KERNEL_SETS, KernelSetName } from '../spec/task.js';

const NonNegativeIntString = t.string.pipe(
  new t.Type<number, string, string>(
    'a non-negative integer',
    (u): u is number => Number.isSafeInteger(u) && (u as number) >= 0,
    (s, c) => (/^\d+$/.test(s) && Number.isSafeInteger(Number(s)) ? t.success(Number(s)) : t.failure(s, c)),
    String,
  ),
);

function nonNegativeInt(value: string): number {
  const decoded = NonNegativeIntString.decode(value);
  if (isLeft(decoded)) throw new InvalidArgumentError('must be a non-negative integer');
  return decoded.right;
}

function kernelSet(value: string): KernelSetName {
  const decoded = KernelSetName.decode(value);
  if (isLeft(decoded)) throw new InvalidArgumentError(`must be one of ${KERNEL_SETS.join(', ')}`);
  return decoded.right;
}

const print = (line: string) => process.stdout.write(`${line}\n`);

export function registerEngineCommands(program: Command): void {
  program
    .command('train')
    .description('Train a task and write its proof (checkpoints, step hashes, manifest) to a folder')
    .argument('<task>', 'task spec (JSON)')
    .requiredOption('--out <dir>', 'folder for the proof')
    .option('--kernel-set <name>', `override the task's kernel set (${KERNEL_SETS.join(', ')})`, kernelSet)
    .option('--no-progress', 'no progress bar')
    .action(async (task: string, options: { out: string; kernelSet?: KernelSetName; progress: boolean }) => {
      const spec = await readTaskSpecFile(task);
      const bar = options.progress
        ? new SingleBar({
            format: 'train {bar} {value}/{total} steps | {sps} steps/s | loss {loss}',
            stream: process.stderr,
            hideCursor: true,
            // Without a terminal (logs, CI), print a progress line every few seconds instead of redrawing.
            noTTYOutput: true,
            notTTYSchedule: 5000,
          })
        : undefined;
      bar?.start(spec.steps, 0, { sps: '-', loss: '-' });
      let result;
      try {
        result = await train(spec, artifactStoreFor(options.out), {
          kernelSet: options.kernelSet,
          onProgress: (p) => bar?.update(p.step, { sps: p.stepsPerSecond.toFixed(1), loss: p.loss.toFixed(4) }),
        });
      } finally {
        bar?.stop();
      }
      const manifest = result.manifest;
      if (manifest === undefined) throw new EngineError('training produced no proof manifest');
      await writeProofDir(options.out, spec, manifest);
      print(`trained ${manifest.steps} steps in ${result.seconds.toFixed(1)} s (${manifest.kernelSet} kernels)`);
      print(`test accuracy ${(manifest.claimedMetric.value * 100).toFixed(2)} %`);
      print(`final model ${manifest.finalModelHash}`);
      print(`checkpoint root ${manifest.checkpointRoot}, step root ${manifest.stepRoot}`);
      print(`proof written to ${options.out}`);
    });

  program
    .command('replay')
    .description('Replay one segment of a proof and compare it with the published checkpoint and step hashes')
    .argument('<dir>', 'proof folder written by `veritrain train`')
    .requiredOption('--segment <i>', 'segment index (from checkpoint i to i + 1)', nonNegativeInt)
    .option('--kernel-set <name>', 'replay with another kernel set (tolerant mode)', kernelSet)
    .action(async (dir: string, options: { segment: number; kernelSet?: KernelSetName }) => {
      const { spec, manifest, store } = await readProofDir(dir);
      const report = await replaySegment(spec, manifest, store, options.segment, { kernelSet: options.kernelSet });
      print(
        `segment ${report.segment}: steps ${report.fromStep} to ${report.toStep}, replayed in ${report.seconds.toFixed(2)} s`,
      );
      print(`distance L2 ${report.distances.l2} | Linf ${report.distances.linf} | cosine ${report.distances.cosine}`);
      print(
        report.hashesMatch
          ? 'state hashes: all match'
          : `state hashes: differ${report.firstDifferingStep === undefined ? ' at the end checkpoint' : ` first at leaf ${report.firstDifferingStep} (the state after ${report.firstDifferingStep} steps)`}`,
      );
      print(`verdict: ${report.verdict}`);
    });

  program
    .command('eval')
    .description("Evaluate a proof's final model on the task's test set")
    .argument('<dir>', 'proof folder written by `veritrain train`')
    .action(async (dir: string) => {
      const accuracy = await evaluateProof(dir);
      print(`test accuracy ${(accuracy * 100).toFixed(2)} %`);
    });
}
