import assert from 'node:assert/strict';
import { test } from 'node:test';
import { HARBOR_ALPINE, HARBOR_SPRING, fixtureText, trivyFixture } from './fixtures.testutil';
import { countBySeverity, ScanFormatError, type ScanFinding } from './model';
import { parseScanText } from './parse';

const byId = (findings: ScanFinding[], id: string, pkg?: string) => {
  const hit = findings.find((f) => f.id === id && (pkg === undefined || f.pkgName === pkg));
  assert.ok(hit, `finding ${id} ${pkg ?? ''} present`);
  return hit;
};

test('Trivy image report (alpine 3.10): OS package vulnerabilities with CVSS, fix, layer, image identity', () => {
  const report = parseScanText(trivyFixture('alpine-310.json'));
  assert.equal(report.source, 'trivy-json');
  assert.equal(report.artifactType, 'container_image');
  assert.equal(report.findings.length, 4);
  assert.deepEqual(countBySeverity(report.findings), { CRITICAL: 0, HIGH: 0, MEDIUM: 4, LOW: 0, UNKNOWN: 0 });
  const f = byId(report.findings, 'CVE-2019-1549', 'libcrypto1.1');
  assert.equal(f.kind, 'vulnerability');
  assert.equal(f.installedVersion, '1.1.1c-r0');
  assert.equal(f.fixedVersion, '1.1.1d-r0');
  assert.equal(f.title, 'openssl: information disclosure in fork()');
  assert.match(f.description, /^OpenSSL 1\.1\.1 introduced a rewritten random number generator/);
  assert.equal(f.resultClass, 'os-pkgs');
  assert.equal(f.resultType, 'alpine');
  assert.equal(f.primaryUrl, 'https://avd.aquasec.com/nvd/cve-2019-1549');
  assert.equal(f.references.length, 20);
  assert.deepEqual(f.cwes, ['CWE-330']);
  assert.deepEqual(f.cvss.find((c) => c.source === 'nvd'), { source: 'nvd', v3Score: 5.3, v3Vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:N/A:N', v2Score: 5, v2Vector: 'AV:N/AC:L/Au:N/C:P/I:N/A:N' });
  assert.equal(f.cvss.find((c) => c.source === 'redhat')?.v3Score, 4.8);
  assert.equal(f.layerDigest, 'sha256:9d48c3bd43c520dc2784e868a780e976b207cbf493eaff8c6596eb871cbd9609');
  assert.deepEqual(report.image?.repoTags, ['ghcr.io/aquasecurity/trivy-test-images:alpine-310']);
  assert.equal(report.image?.imageId, 'sha256:961769676411f082461f9ef46626dd7a2d1e2b2a38e6a44364bcbecf51e66dd4');
  assert.equal(report.createdAt, '2021-08-25T12:20:30.000000005Z');
});

test('Trivy image report (centos 7): a vulnerability without a fix keeps an empty fixed version and its status', () => {
  const report = parseScanText(trivyFixture('centos-7.json'));
  assert.deepEqual(countBySeverity(report.findings), { CRITICAL: 0, HIGH: 0, MEDIUM: 1, LOW: 2, UNKNOWN: 0 });
  const bash = byId(report.findings, 'CVE-2019-18276', 'bash');
  assert.equal(bash.fixedVersion, '');
  assert.equal(bash.status, 'will_not_fix');
  assert.equal(report.findings.filter((f) => f.fixedVersion !== '').length, 2);
});

test('Trivy image report (spring4shell): language packages with their path; custom resources are not findings', () => {
  const report = parseScanText(trivyFixture('spring4shell-jre11.json'));
  assert.equal(report.findings.length, 1);
  const f = byId(report.findings, 'CVE-2022-22965');
  assert.equal(f.severity, 'CRITICAL');
  assert.equal(f.pkgName, 'org.springframework:spring-beans');
  assert.equal(f.resultClass, 'lang-pkgs');
  assert.equal(f.resultType, 'jar');
  assert.equal(f.target, 'Java');
  assert.match(f.pkgPath ?? '', /spring-beans-5\.3\.15\.jar$/);
  assert.equal(f.fixedVersion, '5.3.18');
});

test('Trivy report over OS and Python packages (ubi 7) and a repository (npm)', () => {
  const ubi = parseScanText(trivyFixture('ubi-7-comprehensive.json'));
  assert.deepEqual(countBySeverity(ubi.findings), { CRITICAL: 0, HIGH: 1, MEDIUM: 0, LOW: 1, UNKNOWN: 0 });
  assert.deepEqual(ubi.findings.map((f) => f.resultType).sort(), ['python-pkg', 'redhat']);
  const npm = parseScanText(trivyFixture('npm.json'));
  assert.equal(npm.artifactType, 'repository');
  assert.equal(npm.image, undefined);
  const jquery = byId(npm.findings, 'CVE-2019-11358', 'jquery');
  assert.equal(jquery.target, 'package-lock.json');
  assert.equal(jquery.fixedVersion, '3.4.0');
});

test('Trivy secrets report: rule, category, lines and the masked match', () => {
  const report = parseScanText(trivyFixture('secrets.json'));
  assert.equal(report.findings.length, 2);
  const aws = byId(report.findings, 'aws-access-key-id');
  assert.equal(aws.kind, 'secret');
  assert.equal(aws.severity, 'CRITICAL');
  assert.equal(aws.title, 'AWS Access Key ID');
  assert.equal(aws.pkgName, 'AWS');
  assert.equal(aws.target, 'deploy.sh');
  assert.equal(aws.startLine, 3);
  assert.equal(aws.endLine, 3);
  assert.equal(aws.resolution, 'export AWS_ACCESS_KEY_ID=********************');
  assert.equal(byId(report.findings, 'mysecret').severity, 'HIGH');
});

test('Trivy misconfiguration report: failed checks only, with resolution and references', () => {
  const report = parseScanText(trivyFixture('dockerfile.json'));
  assert.equal(report.findings.length, 1);
  const f = byId(report.findings, 'DS-0002');
  assert.equal(f.kind, 'misconfiguration');
  assert.equal(f.severity, 'HIGH');
  assert.equal(f.title, "Image user should not be 'root'");
  assert.match(f.description, /Specify at least 1 USER command/);
  assert.equal(f.resolution, "Add 'USER <non root user name>' line to the Dockerfile");
  assert.equal(f.target, 'Dockerfile');
  assert.equal(f.references.length, 2);

  const withPass = JSON.parse(trivyFixture('dockerfile.json'));
  withPass.Results[0].Misconfigurations.push({ ...withPass.Results[0].Misconfigurations[0], ID: 'DS-0001', Status: 'PASS' });
  assert.deepEqual(parseScanText(JSON.stringify(withPass)).findings.map((x) => x.id), ['DS-0002']);
});

test('Trivy SARIF (alpine 3.10) reads to the same findings as the JSON report of that image', () => {
  const sarif = parseScanText(trivyFixture('alpine-310.sarif'));
  const json = parseScanText(trivyFixture('alpine-310.json'));
  assert.equal(sarif.source, 'sarif');
  assert.equal(sarif.scanner.name, 'Trivy');
  const key = (f: ScanFinding) => [f.id, f.pkgName, f.installedVersion, f.fixedVersion, f.severity].join('|');
  assert.deepEqual(sarif.findings.map(key).sort(), json.findings.map(key).sort());
  const f = byId(sarif.findings, 'CVE-2019-1549', 'libcrypto1.1');
  assert.equal(f.title, 'openssl: information disclosure in fork()');
  assert.match(f.description, /random number generator/);
  assert.equal(f.cvss[0]?.v3Score, 5.3);
  assert.equal(f.primaryUrl, 'https://avd.aquasec.com/nvd/cve-2019-1549');
  assert.equal(sarif.image?.imageId, json.image?.imageId);
  assert.deepEqual(sarif.image?.repoTags, ['ghcr.io/aquasecurity/trivy-test-images:alpine-310']);
});

test('SARIF from another tool: severity from security-severity, then from level', () => {
  const log = {
    version: '2.1.0',
    runs: [{
      tool: { driver: { name: 'other', rules: [{ id: 'R1', properties: { 'security-severity': '9.1' } }, { id: 'R2' }] } },
      results: [
        { ruleId: 'R1', level: 'warning', message: { text: 'bad thing' } },
        { ruleId: 'R2', level: 'error', message: { text: 'other thing' } },
        { ruleId: 'R3', level: 'note', message: { text: 'minor' } },
      ],
    }],
  };
  const report = parseScanText(JSON.stringify(log));
  assert.deepEqual(report.findings.map((f) => [f.id, f.severity]), [['R1', 'CRITICAL'], ['R2', 'HIGH'], ['R3', 'LOW']]);
});

test('Harbor vulnerability report (alpine, spring4shell): findings, severities, CVSS and digest', () => {
  const alpine = parseScanText(fixtureText(HARBOR_ALPINE, 'vulnerabilities-addition.json'));
  assert.equal(alpine.source, 'harbor');
  assert.equal(alpine.findings.length, 4);
  assert.deepEqual(countBySeverity(alpine.findings), { CRITICAL: 0, HIGH: 0, MEDIUM: 4, LOW: 0, UNKNOWN: 0 });
  assert.equal(alpine.image?.digest, 'sha256:' + 'ab'.repeat(32));
  assert.equal(alpine.createdAt, '2024-05-01T10:00:07Z');
  const f = byId(alpine.findings, 'CVE-2019-1549', 'libcrypto1.1');
  assert.equal(f.fixedVersion, '1.1.1d-r0');
  assert.equal(f.cvss.find((c) => c.source === 'nvd')?.v3Score, 5.3);
  assert.deepEqual(f.references, ['https://avd.aquasec.com/nvd/cve-2019-1549']);
  const spring = parseScanText(fixtureText(HARBOR_SPRING, 'vulnerabilities-addition.json'));
  assert.equal(byId(spring.findings, 'CVE-2022-22965').severity, 'CRITICAL');
  assert.equal(spring.artifactName, `library/spring4shell@sha256:${'ab'.repeat(32)}`);
});

test('Harbor severities Negligible and None map to LOW and UNKNOWN', () => {
  const doc = { 'application/vnd.scanner.adapter.vuln.report.harbor+json; version=1.0': { generated_at: 'x', vulnerabilities: [
    { id: 'A', package: 'p', version: '1', severity: 'Negligible' }, { id: 'B', package: 'p', version: '1', severity: 'None' }] } };
  assert.deepEqual(parseScanText(JSON.stringify(doc)).findings.map((f) => f.severity), ['LOW', 'UNKNOWN']);
});

test('SchemaVersion 1 (a bare result array) is read', () => {
  const results = JSON.parse(trivyFixture('alpine-310.json')).Results;
  assert.equal(parseScanText(JSON.stringify(results)).findings.length, 4);
});

test('bad input gets a clear ScanFormatError', () => {
  assert.throws(() => parseScanText('{"SchemaVersion": 2, "Results": ['), (e: unknown) => e instanceof ScanFormatError && /not valid JSON/.test(e.message));
  assert.throws(() => parseScanText('{"hello": "world"}'), (e: unknown) => e instanceof ScanFormatError && /unrecognised scan results/.test(e.message));
  assert.throws(() => parseScanText(trivyFixture('npm-cyclonedx.json')), /CycloneDX SBOM/);
  assert.throws(() => parseScanText('[1,2,3]'), ScanFormatError);
});

test('malformed fields inside a real report do not crash the parser', () => {
  const doc = JSON.parse(trivyFixture('alpine-310.json'));
  const v = doc.Results[0].Vulnerabilities[0];
  v.Severity = 42; v.References = 'not a list'; v.CVSS = [1]; v.Title = { nested: true };
  doc.Results.push(null, 'junk', { Vulnerabilities: [null, 7] });
  const report = parseScanText(JSON.stringify(doc));
  assert.equal(report.findings.length, 4);
  const f = byId(report.findings, 'CVE-2019-1549', 'libcrypto1.1');
  assert.equal(f.severity, 'UNKNOWN');
  assert.deepEqual(f.references, []);
  assert.deepEqual(f.cvss, []);
  assert.equal(f.title, '');
});

test('trivy k8s cluster report: results of each resource, targets name namespace/kind/name', () => {
  const image = JSON.parse(trivyFixture('alpine-310.json'));
  const config = JSON.parse(trivyFixture('dockerfile.json'));
  const cluster = {
    ClusterName: 'kind-kind',
    Resources: [
      { Namespace: 'default', Kind: 'Deployment', Name: 'web', Results: image.Results },
      { Namespace: 'default', Kind: 'Deployment', Name: 'api', Results: config.Results },
      { Namespace: 'kube-system', Kind: 'Pod', Name: 'empty' },
    ],
  };
  const report = parseScanText(JSON.stringify(cluster));
  assert.equal(report.artifactName, 'cluster kind-kind');
  assert.equal(report.findings.length, 5);
  assert.match(byId(report.findings, 'CVE-2019-1549', 'libssl1.1').target, /^default\/Deployment\/web: /);
  assert.equal(byId(report.findings, 'DS-0002').target, 'default/Deployment/api: Dockerfile');
});

test('SARIF results naming their rule by a reference object', () => {
  const log = { version: '2.1.0', runs: [{ tool: { driver: { name: 'x', rules: [{ id: 'CVE-1', shortDescription: { text: 'bad' }, properties: { tags: ['HIGH'] } }] } },
    results: [{ rule: { id: 'CVE-1', index: 0 }, message: { text: 'Package: p\nInstalled Version: 1\nFixed Version: 2' } }] }] };
  const [f] = parseScanText(JSON.stringify(log)).findings;
  assert.deepEqual([f!.id, f!.severity, f!.title, f!.pkgName, f!.fixedVersion], ['CVE-1', 'HIGH', 'bad', 'p', '2']);
});

test('a Harbor report under a newer report media type is still read', () => {
  const doc = JSON.parse(fixtureText(HARBOR_ALPINE, 'vulnerabilities-addition.json'));
  const inner = Object.values(doc)[0];
  const report = parseScanText(JSON.stringify({ 'application/vnd.security.vulnerability.report; version=1.2': inner }));
  assert.equal(report.source, 'harbor');
  assert.equal(report.findings.length, 4);
});
