/** The shared runtime types runtime-bindings uses, re-exported in one place. */
export { named } from '../pallets-spec/types/dsl.js';
export * from '../pallets-spec/types/primitives.js';
