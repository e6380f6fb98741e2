/** The `veritrain` command line: bad flags give one clear line and exit 2; devnet runs its demo and exits 0. */
import { strict as assert } from 'node:assert';
import { spawnVeritrain } from '../helpers/node-process.js';

describe('veritrain CLI', function () {
  this.timeout(90_000);

  for (const [args, expected] of [
    [['node', '--rpc-port', 'nine'], /invalid --rpc-port "nine": expected an integer from 0 to 65535/],
    [['node', '--rpc-methods', 'sometimes'], /invalid --rpc-methods "sometimes"/],
    [['node', '--block-time', '-5'], /--block-time/],
    [['node', '--no-such-flag'], /unknown option '--no-such-flag'/],
    [['check-chain'], /required option '--base-path <dir>' not specified/],
  ] as const) {
    it(`refuses \`${args.join(' ')}\` with one line and exit code 2`, async () => {
      const run = spawnVeritrain([...args]);
      assert.equal(await run.exited, 2);
      const output = run.output().trim();
      assert.match(output, expected);
      assert.equal(output.split('\n').length, 1, output);
      assert.doesNotMatch(output, /\bat .*\.js:\d+/);
    });
  }

  it('fails check-chain on a folder without a chain, with a clear message', async () => {
    const run = spawnVeritrain(['check-chain', '--base-path', '/nonexistent-veritrain']);
    assert.notEqual(await run.exited, 0);
    assert.match(run.output(), /no chain database under \/nonexistent-veritrain/);
  });

  it('devnet --exit-after-demo shows blocks, the transfer InBlock and Finalized with its event, and exits 0', async () => {
    const run = spawnVeritrain(['devnet', '--exit-after-demo', '--rpc-port', '0']);
    const code = await run.exited;
    const output = run.output();
    assert.equal(code, 0, output);
    assert.match(output, /Block #\d+ 0x[0-9a-f]{64}/);
    assert.match(output, /Transfer InBlock 0x[0-9a-f]{64}/);
    assert.match(
      output,
      /Balances\.Transfer \{ from: 5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY, to: 5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty, amount: 1000000000000 \}/,
    );
    assert.match(output, /Transfer Finalized 0x[0-9a-f]{64}/);
  });
});
