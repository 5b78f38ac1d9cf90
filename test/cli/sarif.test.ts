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

  it('rules with names and help URIs, 1-based regions, fingerprints; suppressed diagnostics left out', () => {
    const r = run(['check', 'tree/suppressed.idsync.json', 'tree/strategy.idsync.json', 'tree/team/demoted.idsync.json', '-f', 'sarif']);
    assert.equal(r.status, 1, r.stderr);
    expectGolden('sarif-suppressed', r);
    const log = JSON.parse(r.stdout);
    assert.equal(validate(log), undefined);
    const run0 = log.runs[0];
    const version = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')).version;
    assert.equal(run0.tool.driver.name, 'idsync');
    assert.equal(run0.tool.driver.fullName, `idsync ${version}`);
    assert.equal(run0.tool.driver.version, version);
    assert.deepEqual(run0.automationDetails, { id: 'idsync/' });
    assert.equal(run0.columnKind, 'utf16CodeUnits');
    assert.deepEqual(run0.invocations, [{ executionSuccessful: true }]);
    const rules = run0.tool.driver.rules as Array<{ id: string; name: string; helpUri: string; defaultConfiguration: { level: string } }>;
    assert.deepEqual(rules.map((x) => [x.id, x.name]), [['invalid-strategy', 'InvalidStrategy'], ['too-many-all', 'TooManyAll'], ['unused-disable-directive', 'UnusedDisableDirective']]);
    assert.equal(rules[0].helpUri, 'https://github.com/idsync/idsync/blob/main/docs/rules/invalid-strategy.md');
    assert.equal(rules[2].defaultConfiguration.level, 'warning');

    // GitHub code scanning ignores result.suppressions (not in its SARIF subset) and would open
    // an alert: a diagnostic silenced in source is not a result at all.
    assert.deepEqual(run0.results.filter((x: { suppressions?: unknown }) => 'suppressions' in x), []);
    assert.deepEqual(
      run0.results.filter((x: { locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }) => x.locations[0].physicalLocation.artifactLocation.uri === 'tree/suppressed.idsync.json'),
      [],
    );
    // Each result's ruleIndex points at its rule; info becomes note.
    for (const res of run0.results) assert.equal(rules[res.ruleIndex].id, res.ruleId);
    const info = run0.results.find((x: { ruleId: string; level: string; locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }) => x.ruleId === 'unused-disable-directive' && x.locations[0].physicalLocation.artifactLocation.uri.includes('team'));
    assert.equal(info.level, 'note');
    // primaryLocationLineHash (the key GitHub uses) and idsync/v1: sha256 of [rule, path, pointer], then :n.
    const strategy = run0.results.find((x: { ruleId: string }) => x.ruleId === 'invalid-strategy');
    const expected = crypto.createHash('sha256').update(JSON.stringify(['invalid-strategy', 'tree/strategy.idsync.json', '/idSyncConfiguration/0/strategy'])).digest('hex');
    assert.deepEqual(strategy.partialFingerprints, { primaryLocationLineHash: `${expected}:1`, 'idsync/v1': `${expected}:1` });
  });

  it('a suppression comment does not renumber the fingerprints of the other results', () => {
    const { dir, cleanup } = tempDir();
    try {
      // "name" three times: two duplicate-property results with the same rule, file and pointer (/name): :1 and :2.
      const text = (comment: string) =>
        '{"audience":{"key":"a"},"destination":{"slug":"personas-facebook-custom-audiences"},\n"name":"x",\n' + comment + '"name":"y",\n"name":"z"}\n';
      fs.writeFileSync(path.join(dir, 'x.idsync.json'), text(''));
      const before = JSON.parse(run(['check', '-f', 'sarif'], { cwd: dir }).stdout).runs[0].results;
      assert.deepEqual(before.map((x: { ruleId: string; partialFingerprints: Record<string, string> }) => [x.ruleId, x.partialFingerprints.primaryLocationLineHash.slice(-2)]), [['duplicate-property', ':1'], ['duplicate-property', ':2']]);
      fs.writeFileSync(path.join(dir, 'x.idsync.json'), text('// idsync-disable-next-line duplicate-property -- migrating\n'));
      const after = JSON.parse(run(['check', '-f', 'sarif'], { cwd: dir }).stdout).runs[0].results;
      assert.equal(after.length, 1);
      assert.equal(after[0].locations[0].physicalLocation.region.startLine, 5);
      assert.deepEqual(after[0].partialFingerprints, before[1].partialFingerprints);
    } finally {
      cleanup();
    }
  });

  it('--category sets automationDetails.id (upload-sarif keeps a file\'s own id over its category input)', () => {
    const r = run(['check', 'tree/strategy.idsync.json', '-f', 'sarif', '--category', 'configs/eu']);
    assert.equal(r.status, 1, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout).runs[0].automationDetails, { id: 'configs/eu/' });
    const bad = run(['check', 'tree/strategy.idsync.json', '-f', 'sarif', '--category', ' ']);
    assert.equal(bad.status, 2, bad.stderr);
    assert.match(bad.stderr, /--category needs a name without control characters, not ' '/);
  });

  it('in Azure Pipelines (TF_BUILD and the agent variables) the run carries the GHAzDO pipeline identity; a partial set is reported', () => {
    const env = {
      TF_BUILD: 'True',
      SYSTEM_COLLECTIONURI: 'https://contoso.visualstudio.com/',
      SYSTEM_TEAMPROJECTID: '6B2C3D4E-1F2A-4B3C-8D9E-0A1B2C3D4E5F',
      SYSTEM_DEFINITIONID: '17',
      BUILD_DEFINITIONNAME: 'idsync CI',
      BUILD_BUILDID: '4242',
      SYSTEM_JOBID: '0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9',
      SYSTEM_JOBNAME: 'Lint',
      BUILD_SOURCEBRANCH: 'refs/pull/7/merge',
    };
    const r = run(['check', 'tree/strategy.idsync.json', '-f', 'sarif'], { env });
    assert.equal(r.status, 1, r.stderr);
    const run0 = JSON.parse(r.stdout).runs[0];
    assert.deepEqual(run0.automationDetails, {
      id: 'azuredevops/pipeline/build/contoso/6b2c3d4e-1f2a-4b3c-8d9e-0a1b2c3d4e5f/17/0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9/refs/pull/7/merge/4242',
      properties: {
        'azuredevops/pipeline/build/buildDefinitionId': '17',
        'azuredevops/pipeline/build/buildDefinitionName': 'idsync CI',
        'azuredevops/pipeline/build/phaseId': '0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9',
        'azuredevops/pipeline/build/phaseName': 'Lint',
      },
    });
    assert.deepEqual(run0.invocations, [{ executionSuccessful: true }]);
    const partial = run(['check', 'tree/strategy.idsync.json', '-f', 'sarif'], { env: { ...env, BUILD_BUILDID: '', SYSTEM_COLLECTIONURI: 'https://example.com/x' } });
    const p0 = JSON.parse(partial.stdout).runs[0];
    assert.equal(validate(JSON.parse(partial.stdout)), undefined);
    assert.deepEqual(p0.automationDetails, { id: 'idsync/' });
    assert.deepEqual(p0.invocations[0].toolConfigurationNotifications, [
      {
        level: 'warning',
        message: { text: 'Azure Pipelines (TF_BUILD) without a usable SYSTEM_COLLECTIONURI (https://dev.azure.com/<org>/), BUILD_BUILDID (a number): the run has no pipeline identity, so GitHub Advanced Security for Azure DevOps may reject it.' },
      },
    ]);
  });

  it('primaryLocationLineHash survives reformatting (compact to indented, comment added); regions follow the text', () => {
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
      assert.match(after.partialFingerprints.primaryLocationLineHash, /^[0-9a-f]{64}:1$/);
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
