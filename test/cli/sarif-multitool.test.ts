/**
 * The SARIF output checked by Microsoft's own validator, `@microsoft/sarif-multitool validate`
 * (a pinned dev dependency: its npm package holds the self-contained native binary, so it runs
 * offline), under its three rule kinds: the default (SARIF spec rules), `Gh` (the rules of GitHub
 * code scanning ingestion) and `Ado` (GitHub Advanced Security for Azure DevOps). The validator's
 * own report (`-o`, SARIF too) is read, so every finding is seen, not only the exit code (which is
 * 0 even when it finds errors).
 *
 * Rule SARIF2006 (which sends an HTTP GET to every URI in the log) is disabled by
 * test/fixtures/sarif-multitool.configuration.xml: no network in tests.
 *
 * Allowed notes (suggestions, not requirements), each a choice:
 * - SARIF2002 `message.text` rather than `message.id` + `arguments`: GitHub requires `message.text`;
 * - SARIF2003 no `versionControlProvenance`: `idsync check` does not run git; upload-sarif and
 *   Azure DevOps know the commit they upload for;
 * - SARIF2009 rule ids are not like `CS2001`: idsync's ids are the documented codes users write in
 *   suppression comments and `--rule`;
 * - SARIF2010 / SARIF2011 no `snippet` / `contextRegion`: no file text is copied into the report
 *   (configs and sample data stay out of CI artifacts).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { REPO, run, tempDir } from './harness';

const CONFIG = path.join(REPO, 'test', 'fixtures', 'sarif-multitool.configuration.xml');

/** What an Azure Pipelines agent sets (values made up; names as the agent sets them). */
export const AZURE_PIPELINES_ENV = {
  TF_BUILD: 'True',
  SYSTEM_COLLECTIONURI: 'https://dev.azure.com/contoso/',
  SYSTEM_TEAMPROJECTID: '6b2c3d4e-1f2a-4b3c-8d9e-0a1b2c3d4e5f',
  BUILD_DEFINITIONID: '17',
  BUILD_DEFINITIONNAME: 'idsync CI',
  BUILD_BUILDID: '4242',
  SYSTEM_PHASEID: '0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9',
  SYSTEM_PHASENAME: 'Lint',
  BUILD_SOURCEBRANCH: 'refs/heads/main',
};

const ALLOWED_NOTES = new Set(['SARIF2002', 'SARIF2003', 'SARIF2009', 'SARIF2010', 'SARIF2011']);

/** The native validator for this platform, or why there is none. */
function multitool(): string | { reason: string } {
  if (process.arch !== 'x64' && process.platform !== 'darwin') return { reason: `the npm package ships x64 binaries only for ${process.platform}; this machine is ${process.arch}` };
  // The package's index.js resolves @microsoft/sarif-multitool-<platform>/Sarif.Multitool.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const bin: string = require('@microsoft/sarif-multitool');
  return bin;
}

interface Finding {
  ruleId: string;
  level: string;
  where: string;
}

/** Runs `validate` on the files with a rule kind; returns every finding at every level. */
function validate(bin: string, files: string[], ruleKind: string | undefined, work: string): Finding[] {
  const out = path.join(work, `validation-${ruleKind ?? 'default'}.sarif`);
  const args = ['validate', ...files, '--config', CONFIG, '--level', 'Error;Warning;Note', '-o', out, '--log', 'ForceOverwrite'];
  if (ruleKind) args.push('--rule-kind', ruleKind);
  const r = spawnSync(bin, args, {
    encoding: 'utf8',
    timeout: 60000,
    // No ICU needed; the single-file bundle extracts into the test's own folder.
    env: { PATH: process.env.PATH ?? '', HOME: work, DOTNET_SYSTEM_GLOBALIZATION_INVARIANT: '1', DOTNET_BUNDLE_EXTRACT_BASE_DIR: work, DOTNET_CLI_TELEMETRY_OPTOUT: '1' },
  });
  assert.equal(r.status, 0, `sarif-multitool validate ${ruleKind ?? ''} exited with ${r.status}\n${r.stdout}\n${r.stderr}`);
  const log = JSON.parse(fs.readFileSync(out, 'utf8'));
  assert.equal(log.runs[0].invocations[0].executionSuccessful, true, JSON.stringify(log.runs[0].invocations, null, 2));
  return (log.runs[0].results ?? []).map((x: { ruleId: string; level?: string; message: { text?: string; arguments?: string[] }; locations?: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }) => ({
    ruleId: x.ruleId,
    level: x.level ?? 'warning',
    where: `${path.basename(x.locations?.[0]?.physicalLocation.artifactLocation.uri ?? '?')}: ${(x.message.arguments ?? []).join(' | ')}`,
  }));
}

/**
 * Everything but the allowed notes. Also allowed: SARIF2012 on the driver of clean.sarif ("does not
 * provide a 'rules' property"): a run without results lists no rule (`rules: []`), since the log
 * lists the rules that have results.
 */
const problems = (found: Finding[]) =>
  found.filter((f) => !(f.level === 'note' && (ALLOWED_NOTES.has(f.ruleId) || (f.ruleId === 'SARIF2012' && f.where === 'clean.sarif: runs[0].tool.driver'))));

describe('SARIF output under @microsoft/sarif-multitool validate', function () {
  this.timeout(120000);
  let bin = '';
  let work = '';
  let cleanup = () => {};
  const files: string[] = [];
  const adoFiles: string[] = [];

  before(function () {
    const found = multitool();
    if (typeof found !== 'string') {
      console.log(`    (sarif-multitool cannot run here: ${found.reason})`);
      this.skip();
    }
    bin = found as string;
    try {
      fs.accessSync(bin, fs.constants.X_OK);
    } catch {
      assert.fail(`${bin} is not executable: its package's install script (chmod u+x) did not run; run npm rebuild @microsoft/sarif-multitool-linux`);
    }
    ({ dir: work, cleanup } = tempDir());
    // Every shape of report: results of several rules and levels, a suppression in source,
    // a syntax error, a clean run (no results), an unreadable path (a notification).
    const cases: Array<[string, string[]]> = [
      ['tree', ['check', 'tree', '-f', 'sarif']],
      ['suppressed', ['check', 'tree/suppressed.idsync.json', 'tree/strategy.idsync.json', 'tree/team/demoted.idsync.json', '-f', 'sarif', '--category', 'configs/eu']],
      ['missing-path', ['check', 'tree/strategy.idsync.json', 'no-such.idsync.json', '-f', 'sarif']],
    ];
    for (const [name, args] of cases) {
      for (const ado of [false, true]) {
        const r = run(args, ado ? { env: AZURE_PIPELINES_ENV } : {});
        assert.ok(r.status === 1 || r.status === 2, r.stderr);
        const file = path.join(work, `${name}${ado ? '-ado' : ''}.sarif`);
        fs.writeFileSync(file, r.stdout);
        (ado ? adoFiles : files).push(file);
      }
    }
    const clean = path.join(work, 'clean');
    fs.mkdirSync(clean);
    fs.writeFileSync(path.join(clean, 'ok.idsync.json'), '{"audience":{"key":"a"},"destination":{"slug":"personas-facebook-custom-audiences"},"idSyncConfiguration":[{"externalId":"email","strategy":"last","mapTo":"EMAIL"}]}\n');
    const r = run(['check', '-f', 'sarif'], { cwd: clean });
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout).runs[0].results, []);
    fs.writeFileSync(path.join(work, 'clean.sarif'), r.stdout);
    files.push(path.join(work, 'clean.sarif'));
  });
  after(() => cleanup());

  it('the validator finds what it should (so the checks below can fail): without automationDetails, fullName and rule names Ado fails; a name equal to the id warns', () => {
    const log = JSON.parse(fs.readFileSync(adoFiles[0], 'utf8'));
    delete log.runs[0].automationDetails;
    delete log.runs[0].tool.driver.fullName;
    for (const rule of log.runs[0].tool.driver.rules) delete rule.name;
    const bad = path.join(work, 'bad.sarif');
    fs.writeFileSync(bad, JSON.stringify(log));
    const ids = (file: string, kind?: string) => [...new Set(problems(validate(bin, [file], kind, work)).map((f) => `${f.level} ${f.ruleId}`))].sort();
    assert.deepEqual(ids(bad, 'Ado'), ['error GHAzDO1014', 'error GHAzDO1018', 'error GHAzDO2012']);
    // A rule name equal to its id (case aside) is a warning of the default rule kind.
    for (const rule of log.runs[0].tool.driver.rules) rule.name = rule.id;
    fs.writeFileSync(bad, JSON.stringify(log));
    assert.deepEqual(ids(bad), ['note SARIF2012', 'warning SARIF1001']);
  });

  for (const kind of [undefined, 'Gh']) {
    it(`validates under the ${kind ?? 'default'} rule kind with no error, warning or unexpected note`, () => {
      const found = validate(bin, [...files, ...adoFiles], kind, work);
      assert.deepEqual(problems(found), []);
    });
  }

  it('validates under the Ado rule kind when written in Azure Pipelines (the pipeline identity GHAzDO requires)', () => {
    assert.deepEqual(problems(validate(bin, adoFiles, 'Ado', work)), []);
    // Outside Azure Pipelines the run's id is the category, which GHAzDO does not accept (GHAzDO1020):
    // ADO ingestion only ever sees files written in a pipeline.
    assert.deepEqual([...new Set(problems(validate(bin, [files[0]], 'Ado', work)).map((f) => f.ruleId))].sort(), ['GHAzDO1019', 'GHAzDO1020']);
  });
});
