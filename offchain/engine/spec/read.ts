import { readFile } from 'node:fs/promises';
import { parseTaskSpec, TaskSpecError, type TaskSpec } from './task.js';

/** Reads and decodes a task spec file; a missing file is a TaskSpecError too (one clear line). */
export async function readTaskSpecFile(path: string): Promise<TaskSpec> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (cause) {
    throw new TaskSpecError([`cannot read ${path} (${(cause as NodeJS.ErrnoException).code ?? 'error'})`], { cause });
  }
  return parseTaskSpec(text);
}
