// One entry point for reading a results file whatever produced it: Trivy JSON, SARIF, a Harbor
// report, or Shipshape's own JSON export.
import { parseHarborReport, isHarborReport } from './harbor';
import { isObject, ScanFormatError, type ScanReport } from './model';
import { isSarif, parseSarif } from './sarif';
import { isTrivyJson, parseTrivyJson } from './trivyJson';
import { isShipshapeJson, parseShipshapeJson } from './exportJson';

export function parseScanDocument(doc: unknown): ScanReport {
  if (isShipshapeJson(doc)) return parseShipshapeJson(doc);
  if (isSarif(doc)) return parseSarif(doc);
  if (isTrivyJson(doc)) return parseTrivyJson(doc);
  if (isHarborReport(doc)) return parseHarborReport(doc);
  if (isObject(doc) && 'bomFormat' in doc) throw new ScanFormatError('this is a CycloneDX SBOM, not a scan result — scan it with "trivy sbom" first');
  throw new ScanFormatError('unrecognised scan results: expected Trivy JSON (--format json), SARIF 2.1.0 or a Harbor vulnerability report');
}

/** Parses file text; a clear ScanFormatError for anything that is not JSON or not a report. */
export function parseScanText(text: string): ScanReport {
  let doc: unknown;
  try {
    doc = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (error) {
    throw new ScanFormatError(`scan results are not valid JSON: ${(error as Error).message}`);
  }
  return parseScanDocument(doc);
}
