/** Finds a task's datasets: in the store, or, for the built-in MNIST sets, packed from the `mnist` package. */
import { ArtifactError } from '../errors.js';
import { hashHex } from '../hash.js';
import type { ArtifactStore } from '../store/artifact-store.js';
import { decodeDataset, type Dataset } from './dataset.js';
import { packMnist } from './mnist.js';

/** The ids of the built-in MNIST train and test sets. */
export function mnistIds(): { train: string; test: string } {
  const packed = packMnist();
  return { train: hashHex(packed.train), test: hashHex(packed.test) };
}

/** Loads a dataset by id; the built-in MNIST sets are packed and stored on first use. Every read checks the hash. */
export async function loadDataset(store: ArtifactStore, id: string): Promise<Dataset> {
  if (!(await store.has(id))) {
    const packed = packMnist();
    const builtin = [packed.train, packed.test].find((bytes) => hashHex(bytes) === id);
    if (builtin === undefined)
      throw new ArtifactError(`dataset ${id} is neither in the store nor a built-in MNIST set`);
    await store.put(builtin);
  }
  return decodeDataset(id, await store.get(id));
}
