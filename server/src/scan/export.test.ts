import assert from 'node:assert/strict';
import { test } from 'node:test';
import { exportJson } from './exportJson';
import { trivyFixture } from './fixtures.testutil';
import { parseScanText } from './parse';
import { exportSarif } from './sarif';

const FIXTURES = ['alpine-310.json', 'centos-7.json', 'spring4shell-jre11.json', 'secrets.json', 'dockerfile.json', 'npm.json'];

for (const name of FIXTURES) {
  test(`SARIF export of ${name} reads back to the same findings`, () => {
    const report = parseScanText(trivyFixture(name));
    const sarifText = exportSarif(report, '0.0.0');
    const log = JSON.parse(sarifText);
    assert.equal(log.version, '2.1.0');
    assert.equal(log.runs[0].results.length, report.findings.length);
    const back = parseScanText(sarifText);
    const key = (f: typeof report.findings[number]) => [f.kind, f.id, f.severity, f.pkgName, f.installedVersion, f.fixedVersion, f.target, f.startLine ?? ''].join('|');
    assert.deepEqual(back.findings.map(key), report.findings.map(key));
    assert.deepEqual(back.findings.map((f) => f.description), report.findings.map((f) => f.description));
  });

  test(`JSON export of ${name} reads back unchanged`, () => {
    const report = parseScanText(trivyFixture(name));
    const back = parseScanText(exportJson(report));
    assert.equal(back.source, 'shipshape-json');
    assert.deepEqual(JSON.parse(JSON.stringify({ ...back, source: report.source })), JSON.parse(JSON.stringify(report)));
  });
}

test('SARIF export levels and security-severity follow the finding severity and CVSS', () => {
  const report = parseScanText(trivyFixture('spring4shell-jre11.json'));
  const log = JSON.parse(exportSarif(report, '0.0.0'));
  const rule = log.runs[0].tool.driver.rules[0];
  assert.equal(rule.id, 'CVE-2022-22965');
  assert.equal(rule.properties['security-severity'], '9.8');
  assert.ok(rule.properties.tags.includes('CRITICAL'));
  assert.equal(log.runs[0].results[0].level, 'error');
});

test('a tampered Shipshape export is rejected or coerced to strings', () => {
  const report = parseScanText(trivyFixture('alpine-310.json'));
  const doc = JSON.parse(exportJson(report));
  doc.findings[0].description = { toString: 'x' };
  doc.findings[0].references = ['ok', 5];
  const back = parseScanText(JSON.stringify(doc));
  assert.equal(back.findings[0]!.description, '');
  assert.deepEqual(back.findings[0]!.references, ['ok']);
  doc.findings[1].severity = 'EXTREME';
  assert.throws(() => parseScanText(JSON.stringify(doc)), /damaged/);
});
