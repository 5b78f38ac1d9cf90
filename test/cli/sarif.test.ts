/**
 * SARIF output: validated against the official SARIF 2.1.0 JSON schema (vendored under
 * test/fixtures, see its .md) with ajv, plus the properties GitHub code scanning relies on.
 */
import * as assert from 'node:assert/strict';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv';
import { expectGolden, REPO, run, tempDir } from './harness';

// RFC 3986 formats for ajv (ajv-formats is not a dependency): strict character checks.
const URI_CHARS = /^(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/?#[\]]|%[0-9A-Fa-f]{2})*$/;
function validator() {
  const schema = JSON.parse(fs.readFileSync(path.join(REPO, 'test', 'fixtures', 'sarif-schema-2.1.0.json'), 'utf8'));
  const ajv = new Ajv({ allErrors: true, strict: false });
  ajv.addFormat('uri-reference', (s: string) => URI_CHARS.test(s));
  ajv.addFormat('uri', (s: string) => URI_CHARS.test(s) && /^[A-Za-z][A-Za-z0-9+.-]*:/.test(s));
  ajv.addFormat('date-time', (s: string) => !Number.isNaN(Date.parse(s)) && /^\d{4}-\d\d-\d\dT/.test(s));
  const fn = ajv.compile(schema);
  /** undefined when valid, else the errors as text. */
  return (value: unknown): string | undefined => (fn(value) ? undefined : JSON.stringify(fn.errors, null, 2));
}

describe('idsync check --format sarif', () => {
  const validate = validator();

  it('the validator rejects what is not SARIF (so the schema test can fail)', () => {
    assert.notEqual(validate({ version: '2.1.0', runs: [{ tool: { driver: {} } }] }), undefined);
    assert.notEqual(validate({ version: '2.1.0', runs: [{ tool: { driver: { name: 'x' } }, results: [{ message: { text: 'm' }, level: 'fatal' }] }] }), undefined);
    assert.notEqual(validate({ version: '2.1.0', runs: [{ tool: { driver: { name: 'x' } }, results: [{ message: { text: 'm' }, locations: [{ physicalLocation: { artifactLocation: { uri: 'a b' } } }] }] }] }), undefined);
  });

  it('a report written with --output validates against the SARIF 2.1.0 schema', () => {
    const { dir, cleanup } = tempDir();
    try {
      const out = path.join(dir, 'idsync.sarif');
      const r = run(['check', 'tree', '--format', 'sarif', '--output', out]);
      assert.equal(r.status, 1, r.stderr);
      assert.equal(r.stdout, '');
      const log = JSON.parse(fs.readFileSync(out, 'utf8'));
      assert.equal(validate(log), undefined);
      assert.equal(fs.readFileSync(out, 'utf8'), run(['check', 'tree', '--format', 'sarif']).stdout, 'same as stdout');
    } finally {
      cleanup();
    }
  });

  it('suppressed results, rules with help URIs, 1-based regions, fingerprints', () => {
    const r = run(['check', 'tree/suppressed.idsync.json', 'tree/strategy.idsync.json', 'tree/team/demoted.idsync.json', '-f', 'sarif']);
    assert.equal(r.status, 1, r.stderr);
    expectGolden('sarif-suppressed', r);
    const log = JSON.parse(r.stdout);
    assert.equal(validate(log), undefined);
    const run0 = log.runs[0];
    assert.equal(run0.tool.driver.name, 'idsync');
    assert.equal(run0.tool.driver.version, JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')).version);
    assert.equal(run0.columnKind, 'utf16CodeUnits');
    assert.deepEqual(run0.invocations, [{ executionSuccessful: true }]);
    const rules = run0.tool.driver.rules as Array<{ id: string; helpUri: string; defaultConfiguration: { level: string } }>;
    assert.deepEqual(rules.map((x) => x.id), ['invalid-strategy', 'too-many-all', 'unused-disable-directive']);
    assert.equal(rules[1].helpUri, 'https://github.com/idsync/idsync/blob/main/docs/rules/too-many-all.md');
    assert.equal(rules[2].defaultConfiguration.level, 'warning');

    const suppressed = run0.results.filter((x: { suppressions?: unknown }) => x.suppressions);
    assert.equal(suppressed.length, 1);
    assert.deepEqual(suppressed[0].suppressions, [{ kind: 'inSource', justification: 'approved by the ads team (ADS-12)' }]);
    assert.equal(suppressed[0].ruleId, 'too-many-all');
    assert.equal(suppressed[0].level, 'error');
    assert.deepEqual(suppressed[0].locations[0].physicalLocation, {
      artifactLocation: { uri: 'tree/suppressed.idsync.json', uriBaseId: '%SRCROOT%' },
      region: { startLine: 11, startColumn: 49, endLine: 11, endColumn: 54 },
    });
    // Each result's ruleIndex points at its rule; info becomes note.
    for (const res of run0.results) assert.equal(rules[res.ruleIndex].id, res.ruleId);
    const info = run0.results.find((x: { ruleId: string; level: string; locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }) => x.ruleId === 'unused-disable-directive' && x.locations[0].physicalLocation.artifactLocation.uri.includes('team'));
    assert.equal(info.level, 'note');
    const expected = crypto.createHash('sha256').update(JSON.stringify(['too-many-all', 'tree/suppressed.idsync.json', '/idSyncConfiguration/3/strategy'])).digest('hex');
    assert.equal(suppressed[0].partialFingerprints['idsync/v1'], `${expected}:1`);
  });

  it('fingerprints survive reformatting; regions follow the text', () => {
    const { dir, cleanup } = tempDir();
    try {
      const compact =
        '{"audience":{"key":"a"},"destination":{"slug":"personas-facebook-custom-audiences"},"connectionSettings":{"sendMobileIds":true},"idSyncConfiguration":[' +
        '{"externalId":"email","strategy":"all","mapTo":"EMAIL"},{"externalId":"user_id","strategy":"all","mapTo":"EXTERN_ID"},' +
        '{"externalId":"ios.idfa","strategy":"all","mapTo":"MADID"},{"externalId":"android.idfa","strategy":"all","mapTo":"MADID"}]}';
      fs.writeFileSync(path.join(dir, 'x.idsync.json'), compact);
      const before = JSON.parse(run(['check', '-f', 'sarif'], { cwd: dir }).stdout).runs[0].results[0];
      fs.writeFileSync(path.join(dir, 'x.idsync.json'), '// reformatted\n' + JSON.stringify(JSON.parse(compact), null, 4));
      const after = JSON.parse(run(['check', '-f', 'sarif'], { cwd: dir }).stdout).runs[0].results[0];
      assert.deepEqual(after.partialFingerprints, before.partialFingerprints);
      assert.notDeepEqual(after.locations, before.locations);
      assert.equal(after.locations[0].physicalLocation.region.startLine, 30);
    } finally {
      cleanup();
    }
  });

  it('file names are percent-encoded URI references', function () {
    if (process.platform === 'win32') this.skip();
    const { dir, cleanup } = tempDir();
    try {
      fs.mkdirSync(path.join(dir, 'a dir'));
      fs.writeFileSync(path.join(dir, 'a dir', 'odd, 100%#.idsync.json'), '{ "audience": ');
      const log = JSON.parse(run(['check', '-f', 'sarif'], { cwd: dir }).stdout);
      assert.equal(validate(log), undefined);
      assert.equal(log.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri, 'a%20dir/odd%2C%20100%25%23.idsync.json');
    } finally {
      cleanup();
    }
  });
});
