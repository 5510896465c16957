import { writeFileSync } from 'node:fs';
import { renderAssessmentReportDocx } from './packages/documents/src/assessment/assessment-report.ts';
import { sampleTt57Assessment } from './packages/documents/src/testing/sample-assessments.ts';
writeFileSync('artifacts/assessment/tt57.docx', await renderAssessmentReportDocx(sampleTt57Assessment()));
