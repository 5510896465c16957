import type { AssessmentDocumentInput } from './assessment-document.types.ts';
import { renderReport2018 } from './report-2018.ts';
import { renderReportTt57 } from './report-tt57.ts';

/** The self-assessment report in its regime's layout: CV 5932/5942 (2018) or Biểu 1 (TT57). */
export async function renderAssessmentReportDocx(input: AssessmentDocumentInput): Promise<Buffer> {
  return input.regime === '2026' ? renderReportTt57(input) : renderReport2018(input);
}
