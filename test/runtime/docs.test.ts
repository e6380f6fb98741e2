import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { palletsMarkdown } from '../../runtime-bindings/docs.js';
import { PALLETS } from '../../runtime-bindings/construct.js';

describe('pallet reference (docs/pallets.md)', () => {
  it('documents every pallet, call, event, error, storage item and constant from the declarations', () => {
    const md = palletsMarkdown(PALLETS);
    for (const p of PALLETS) {
      assert.ok(md.includes(`## ${p.header.name} (index ${p.header.index})`), p.header.name);
      for (const name of [
        ...Object.keys(p.calls),
        ...Object.keys(p.events),
        ...Object.keys(p.errors),
        ...Object.keys(p.constants),
      ]) {
        assert.ok(md.includes(name), `${p.header.name}.${name}`);
      }
    }
    assert.match(md, /\| 3 \| `transfer_keep_alive\(dest: MultiAddress, value: Compact<u128>\)` \|/);
  });

  it('the committed docs/pallets.md is up to date with the declarations', () => {
    assert.equal(
      readFileSync('docs/pallets.md', 'utf8'),
      palletsMarkdown(PALLETS),
      'regenerate with: npx tsx runtime-bindings/docs.ts',
    );
  });
});
