/**
 * The hand-written Kysely `Database` interface (CONVENTIONS.md §6). Portable column types, decided once:
 * text ids, ISO-8601 text timestamps and dates, integer 0/1 booleans, JSON stored as text, money as
 * 64-bit integers in đồng. Row types are not domain types: repositories map rows to domain objects.
 */
import type { Generated } from 'kysely';

export interface FrameworkVersionsTable {
  /** Version id, e.g. "TT17@2". */
  id: string;
  code: string;
  version: number;
  name: string;
  regime: string;
  circular_number: string;
  circular_json: string;
  amendments_json: string;
  school_levels_json: string;
  levels_json: string;
  effective_from: string;
  effective_to: string | null;
  change_note: string;
  sources_json: string;
  /** SHA-256 of the version's canonical content; changes whenever the content does. */
  content_hash: string;
  /** Set when a plan or assessment first uses this version; from then on it is immutable. */
  locked_at: string | null;
  created_at: string;
}

export interface FrameworkStandardsTable {
  id: string;
  framework_id: string;
  code: string;
  title: string;
  title_source: string | null;
  title_variants_json: string;
  verification_note: string | null;
  position: number;
}

export interface FrameworkCriteriaTable {
  id: string;
  framework_id: string;
  standard_id: string;
  code: string;
  title: string;
  /** Diacritic-free copy of the title for search (CONTRACTS.md "Text and data rules"). */
  title_folded: string;
  title_source: string | null;
  title_variants_json: string;
  mandatory: number;
  verified: number;
  verification_note: string | null;
  source: string;
  notes_json: string;
  quantitative_json: string;
  suggested_evidence_json: string;
  levels_without_requirements_json: string;
  position: number;
}

export interface FrameworkIndicatorsTable {
  id: string;
  framework_id: string;
  criterion_id: string;
  level: number;
  key: string | null;
  text: string;
  text_folded: string;
  repealed_json: string | null;
  position: number;
}

export interface FrameworkLevel4ItemsTable {
  id: string;
  framework_id: string;
  key: string;
  ref: string;
  text: string;
  text_folded: string;
  verified: number;
  source: string;
  position: number;
}

export interface UnitsTable {
  id: string;
  kind: string;
  name: string;
  name_folded: string;
  parent_id: string | null;
  path: string;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface SchoolProfilesTable {
  school_id: string;
  school_levels_json: string;
  governing_body: string;
  place_name: string;
  document_symbol: string;
  address: string;
  phone: string;
  email: string;
  sites_json: string;
  supervising_unit_ids_json: string;
  version: number;
  updated_at: string;
}

export interface PeopleTable {
  id: string;
  school_id: string;
  full_name: string;
  full_name_folded: string;
  position: string;
  email: string;
  phone: string;
  note: string;
  is_active: number;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface SchoolGroupsTable {
  id: string;
  school_id: string;
  kind: string;
  name: string;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface GroupMembersTable {
  group_id: string;
  person_id: string;
  member_role: string;
  position: number;
}

export interface UsersTable {
  id: string;
  username: string;
  email: string | null;
  display_name: string;
  person_id: string | null;
  password_hash: string;
  must_change_password: number;
  is_disabled: number;
  password_changed_at: string;
  last_login_at: string | null;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface RoleAssignmentsTable {
  id: string;
  user_id: string;
  role: string;
  unit_id: string | null;
  created_at: string;
}

export interface SessionsTable {
  id: string;
  token_hash: string;
  user_id: string;
  csrf_token: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  user_agent: string | null;
  ip_address: string | null;
  revoked_at: string | null;
}

export interface AuthThrottleTable {
  key: string;
  failures: number;
  window_started_at: string;
  locked_until: string | null;
}

export interface PasswordResetTokensTable {
  id: string;
  token_hash: string;
  user_id: string;
  created_by_user_id: string | null;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

export interface AuditLogTable {
  id: string;
  occurred_at: string;
  actor_user_id: string | null;
  actor_name: string;
  action: string;
  entity_type: string;
  entity_id: string | null;
  unit_id: string | null;
  unit_path: string | null;
  summary: string;
  before_json: string | null;
  after_json: string | null;
  request_id: string | null;
}

export interface PlansTable {
  id: string;
  lineage_id: string;
  revision_number: number;
  school_id: string;
  school_year: string;
  regime: string;
  framework_id: string | null;
  framework_reason: string;
  status: string;
  layout: string;
  hidden_columns_json: string;
  header_json: string;
  sections_json: string;
  carried_from_plan_id: string | null;
  submitted_at: string | null;
  approved_at: string | null;
  approved_by_user_id: string | null;
  version: number;
  /** Incremented by every write to the plan's answered content (migration 0004). */
  content_seq: number;
  created_by_user_id: string | null;
  created_at: string;
  updated_at: string;
}

export interface PlanRowsTable {
  id: string;
  plan_id: string;
  position: number;
  row_group: string;
  standard_code: string | null;
  criterion_code: string | null;
  level4_key: string | null;
  current_state: string;
  content: string;
  target: string;
  tasks: string;
  indicator: string;
  time_text: string;
  time_start: string | null;
  time_end: string | null;
  lead_text: string;
  coordinators_text: string;
  parsed_json: string;
  budget_text: string;
  /** 64-bit đồng; `pg` returns bigint as a string: converted in the repository. */
  budget_amount: number | string | bigint | null;
  budget_source: string;
  support: string;
  evidence: string;
  progress: string;
  result: string;
  note: string;
  field_versions_json: string;
  origin_row_id: string | null;
  /** The assessment whose weak criterion this row was proposed from (migration 0007). */
  source_assessment_id: string | null;
  /** The row's identity across revisions (migration 0008); its own id for a new row. */
  track_id: string | null;
  carry_count: number;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface PlanFocusIssuesTable {
  id: string;
  plan_id: string;
  position: number;
  standard_code: string | null;
  criterion_code: string | null;
  current_state: string;
  limitation: string;
  cause: string;
  version: number;
}

export interface PlanReviewsTable {
  id: string;
  plan_id: string;
  position: number;
  round_label: string;
  content: string;
  result: string;
  adjustment: string;
  reviewer: string;
  version: number;
}

export interface PlanSnapshotsTable {
  plan_id: string;
  content_json: string;
  content_hash: string;
  approved_at: string;
  approved_by_user_id: string;
}

export interface AssessmentsTable {
  id: string;
  lineage_id: string;
  revision_number: number;
  school_id: string;
  school_year: string;
  regime: string;
  framework_id: string;
  framework_reason: string;
  status: string;
  settings_json: string;
  council_json: string;
  work_plan_json: string;
  report_json: string;
  field_versions_json: string;
  carried_fields_json: string;
  carried_from_assessment_id: string | null;
  submitted_at: string | null;
  approved_at: string | null;
  approved_by_user_id: string | null;
  version: number;
  /** Incremented by every write to what the assessment's reads answer (as plans.content_seq). */
  content_seq: number;
  created_by_user_id: string | null;
  created_at: string;
  updated_at: string;
}

export interface AssessmentCriteriaTable {
  id: string;
  assessment_id: string;
  standard_code: string;
  criterion_code: string;
  marks_json: string;
  description: string;
  level_descriptions_json: string;
  strengths: string;
  weaknesses: string;
  improvement_plan: string;
  assignee_member_id: string | null;
  assignee_group_id: string | null;
  carried_fields_json: string;
  field_versions_json: string;
  version: number;
  updated_at: string;
}

export interface AssessmentStandardsTable {
  id: string;
  assessment_id: string;
  standard_code: string;
  intro: string;
  conclusion: string;
  strengths: string;
  limitations: string;
  causes: string;
  trend: string;
  priorities: string;
  field_versions_json: string;
  version: number;
}

export interface AssessmentLevel4Table {
  id: string;
  assessment_id: string;
  item_key: string;
  /** 1 Đạt, 0 Không đạt, null not judged yet. */
  met: number | null;
  description: string;
  carried_fields_json: string;
  field_versions_json: string;
  version: number;
}

export interface AssessmentEvidenceTable {
  id: string;
  assessment_id: string;
  code: string;
  box: number | null;
  primary_criterion_code: string;
  sequence: number;
  name: string;
  name_folded: string;
  issued: string;
  issuer: string;
  note: string;
  link: string;
  previous_code: string | null;
  carried: number;
  origin_evidence_id: string | null;
  /** Which version last changed each field ({ name: 3, … }). */
  field_versions_json: string;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface AssessmentEvidenceCitationsTable {
  assessment_id: string;
  evidence_id: string;
  criterion_code: string;
  position: number;
}

export interface AssessmentEvidenceFilesTable {
  id: string;
  evidence_id: string;
  sha256: string;
  file_name: string;
  media_type: string;
  /** 64-bit; `pg` returns bigint as a string: converted in the repository. */
  size_bytes: number | string | bigint;
  uploaded_by_user_id: string | null;
  created_at: string;
}

export interface AssessmentSnapshotsTable {
  assessment_id: string;
  content_json: string;
  content_hash: string;
  approved_at: string;
  approved_by_user_id: string;
}

/** A track's current progress (issue 13); versioned per field like a plan row. */
export interface RowProgressTable {
  track_id: string;
  school_id: string;
  lineage_id: string;
  status: string;
  percent: number;
  result: string;
  field_versions_json: string;
  version: number;
  updated_by_user_id: string | null;
  updated_at: string;
}

/** One dated update of a track's progress: the log, append-only. */
export interface ProgressEntriesTable {
  id: string;
  track_id: string;
  school_id: string;
  lineage_id: string;
  plan_id: string;
  entry_date: string;
  recorded_at: string;
  author_user_id: string | null;
  author_name: string;
  status: string | null;
  percent: number | null;
  result: string | null;
  note: string;
  /** bigint: a string from `pg`, converted at the repository edge. */
  spent_amount: number | string | null;
  spent_source: string | null;
  spent_text: string;
  client_id: string | null;
}

export interface ProgressFilesTable {
  id: string;
  entry_id: string;
  track_id: string;
  school_id: string;
  sha256: string;
  file_name: string;
  media_type: string;
  size_bytes: number | string;
  assessment_id: string | null;
  evidence_id: string | null;
  created_at: string;
}

export interface ReviewRoundsTable {
  id: string;
  lineage_id: string;
  school_id: string;
  plan_id: string;
  position: number;
  kind: string;
  label: string;
  status: string;
  planned_date: string | null;
  opened_at: string | null;
  opened_by_user_id: string | null;
  conclusions: string;
  recommendations: string;
  closed_at: string | null;
  closed_by_user_id: string | null;
  field_versions_json: string;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface ReviewRoundRowsTable {
  round_id: string;
  track_id: string;
  status: string | null;
  percent: number | null;
  result: string;
  adjustment: string;
  reviewer: string;
  reviewer_user_id: string | null;
  field_versions_json: string;
  version: number;
  updated_at: string;
}

export interface NotificationsTable {
  id: string;
  user_id: string;
  school_id: string | null;
  kind: string;
  title: string;
  body: string;
  link: string;
  dedupe_key: string;
  created_at: string;
  read_at: string | null;
}

export interface NotificationPreferencesTable {
  user_id: string;
  kind: string;
  in_app: number;
  email: number;
}

export interface MailOutboxTable {
  id: string;
  notification_id: string | null;
  user_id: string | null;
  to_address: string;
  subject: string;
  body_text: string;
  dedupe_key: string;
  message_id: string;
  status: string;
  attempts: number;
  next_attempt_at: string;
  last_error: string | null;
  created_at: string;
  sent_at: string | null;
}

export interface AuthEpochTable {
  id: number;
  value: number;
}

export interface JobRunsTable {
  name: string;
  next_run_at: string;
  last_run_at: string | null;
  last_finished_at: string | null;
  locked_until: string | null;
  locked_by: string | null;
  last_error: string | null;
  version: number;
}

export interface QueuedJobsTable {
  id: string;
  name: string;
  data_json: string;
  state: string;
  singleton_key: string | null;
  retry_limit: number;
  retry_delay_seconds: number;
  retry_backoff: number;
  attempts: number;
  start_after: string;
  started_on: string | null;
  locked_until: string | null;
  locked_by: string | null;
  completed_on: string | null;
  last_error: string | null;
  output_json: string | null;
  created_on: string;
}

export interface PlanYearClosuresTable {
  lineage_id: string;
  plan_id: string;
  school_id: string;
  school_year: string;
  summary_json: string;
  closed_at: string;
  closed_by_user_id: string | null;
}

/** Kept by Kysely's migrator; listed so introspection and the drift snapshot see every table. */
export interface Database {
  framework_versions: FrameworkVersionsTable;
  framework_standards: FrameworkStandardsTable;
  framework_criteria: FrameworkCriteriaTable;
  framework_indicators: FrameworkIndicatorsTable;
  framework_level4_items: FrameworkLevel4ItemsTable;
  units: UnitsTable;
  school_profiles: SchoolProfilesTable;
  people: PeopleTable;
  school_groups: SchoolGroupsTable;
  group_members: GroupMembersTable;
  users: UsersTable;
  role_assignments: RoleAssignmentsTable;
  sessions: SessionsTable;
  auth_throttle: AuthThrottleTable;
  password_reset_tokens: PasswordResetTokensTable;
  audit_log: AuditLogTable;
  plans: PlansTable;
  plan_rows: PlanRowsTable;
  plan_focus_issues: PlanFocusIssuesTable;
  plan_reviews: PlanReviewsTable;
  plan_snapshots: PlanSnapshotsTable;
  assessments: AssessmentsTable;
  assessment_criteria: AssessmentCriteriaTable;
  assessment_standards: AssessmentStandardsTable;
  assessment_level4: AssessmentLevel4Table;
  assessment_evidence: AssessmentEvidenceTable;
  assessment_evidence_citations: AssessmentEvidenceCitationsTable;
  assessment_evidence_files: AssessmentEvidenceFilesTable;
  assessment_snapshots: AssessmentSnapshotsTable;
  row_progress: RowProgressTable;
  progress_entries: ProgressEntriesTable;
  progress_files: ProgressFilesTable;
  review_rounds: ReviewRoundsTable;
  review_round_rows: ReviewRoundRowsTable;
  notifications: NotificationsTable;
  notification_preferences: NotificationPreferencesTable;
  mail_outbox: MailOutboxTable;
  job_runs: JobRunsTable;
  queued_jobs: QueuedJobsTable;
  auth_epoch: AuthEpochTable;
  plan_year_closures: PlanYearClosuresTable;
  submissions: SubmissionsTable;
  submission_recipients: SubmissionRecipientsTable;
  office_deadlines: OfficeDeadlinesTable;
  comment_threads: CommentThreadsTable;
  comments: CommentsTable;
  public_disclosures: PublicDisclosuresTable;
  solution_library_rows: SolutionLibraryRowsTable;
  solution_library_words: SolutionLibraryWordsTable;
  plan_library_shares: PlanLibrarySharesTable;
  unit_ancestors: UnitAncestorsTable;
  plan_row_budget_parts: PlanRowBudgetPartsTable;
  assessment_outcomes: AssessmentOutcomesTable;
  assessment_outcome_criteria: AssessmentOutcomeCriteriaTable;
  plan_rollup_summaries: PlanRollupSummariesTable;
  rollup_dirty: RollupDirtyTable;
  rollup_school_tallies: RollupSchoolTalliesTable;
  rollup_unit_tallies: RollupUnitTalliesTable;
}

/** The closure of the unit tree (migration 0009): each unit with its ancestors and itself (depth 0). */
export interface UnitAncestorsTable {
  ancestor_id: string;
  unit_id: string;
  depth: number;
}

/** A row budget's parts by funding source (migration 0009). */
export interface PlanRowBudgetPartsTable {
  row_id: string;
  plan_id: string;
  part_index: number;
  source: string;
  /** 64-bit đồng; `pg` returns bigint as a string. */
  amount: number | string | bigint | null;
}

/** An approved assessment's computed school level (migration 0009). */
export interface AssessmentOutcomesTable {
  assessment_id: string;
  school_id: string;
  school_year: string;
  regime: string;
  framework_code: string;
  school_level: number;
}

/** An approved assessment's computed criterion levels (migration 0009). */
export interface AssessmentOutcomeCriteriaTable {
  assessment_id: string;
  criterion_code: string;
  standard_code: string;
  level: number;
  max_level: number;
  /** 1 when the core's weak-criteria rule lists the criterion. */
  weak: number;
}

/** A plan lineage's roll-up summary of its current approved plan (migration 0015; core `PlanRollupSummary`). */
export interface PlanRollupSummariesTable {
  lineage_id: string;
  plan_id: string;
  school_id: string;
  school_year: string;
  summary_json: string;
  refreshed_at: string;
}

/** A (school, year) whose roll-up tally may have changed (migration 0018; set by triggers). */
export interface RollupDirtyTable {
  school_id: string;
  /** '' for the school's year-independent tally (it exists, and where it lies). */
  school_year: string;
}

/** What one school adds to the roll-up for a year (core `RollupTally`), and where it was added. */
export interface RollupSchoolTalliesTable {
  school_id: string;
  school_year: string;
  /** The school's unit path when its tally was added to the units above it. */
  unit_path: string;
  tally_json: string;
}

/** The sum of the tallies of a unit's schools for a year (migration 0018). */
export interface RollupUnitTalliesTable {
  unit_id: string;
  school_year: string;
  tally_json: string;
}

/** Marker so `Generated` stays imported for later tables with database-generated columns. */
export type GeneratedColumn<T> = Generated<T>;

/** A sealed snapshot a school sent to its supervising units (issue 14, migration 0010). */
export interface SubmissionsTable {
  id: string;
  school_id: string;
  kind: string;
  document_id: string;
  document_lineage_id: string;
  school_year: string;
  title: string;
  content_hash: string;
  snapshot_json: string;
  sent_by_user_id: string | null;
  sent_by_name: string;
  sent_at: string;
  supersedes_submission_id: string | null;
}

/** A submission's state at one receiving office. */
export interface SubmissionRecipientsTable {
  submission_id: string;
  unit_id: string;
  state: string;
  read_at: string | null;
  read_by_user_id: string | null;
  commented_at: string | null;
  accepted_at: string | null;
  accepted_by_user_id: string | null;
  version: number;
}

/** The date by which an office expects a kind of document for a school year. */
export interface OfficeDeadlinesTable {
  unit_id: string;
  school_year: string;
  kind: string;
  due_date: string;
  set_by_user_id: string | null;
  updated_at: string;
}

/** An office's conversation about a document, a plan row (by track) or a criterion (issue 14). */
export interface CommentThreadsTable {
  id: string;
  school_id: string;
  document_kind: string;
  document_id: string;
  target: string;
  target_ref: string;
  target_label: string;
  submission_id: string | null;
  office_unit_id: string;
  status: string;
  created_by_user_id: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

/** One message of a comment thread, append-only. */
export interface CommentsTable {
  id: string;
  thread_id: string;
  side: string;
  author_user_id: string | null;
  author_name: string;
  unit_id: string;
  body: string;
  created_at: string;
}

/** A publication of an approved plan (issue 14, migration 0013). */
export interface PublicDisclosuresTable {
  id: string;
  slug: string;
  plan_id: string;
  lineage_id: string;
  school_id: string;
  school_year: string;
  /** 0 | 1 */
  include_assessment: number;
  assessment_id: string | null;
  content_hash: string;
  page_json: string;
  public_url: string;
  docx_sha256: string;
  docx_bytes: number;
  pdf_sha256: string | null;
  pdf_bytes: number | null;
  file_base_name: string;
  published_by_user_id: string | null;
  published_by_name: string;
  published_at: string;
  withdrawn_at: string | null;
  withdrawn_by_user_id: string | null;
}

/** One row of the approved revision of a plan, in the solution library (migration 0012). */
export interface SolutionLibraryRowsTable {
  row_id: string;
  plan_id: string;
  lineage_id: string;
  school_id: string;
  school_year: string;
  regime: string;
  framework_id: string | null;
  /** The framework's code without its version ("TT17"). */
  framework_code: string | null;
  /** "TT17:1.4", or "" for a row without a criterion. */
  criterion_key: string;
  row_group: string;
  standard_code: string | null;
  criterion_code: string | null;
  level4_key: string | null;
  position: number;
  current_state: string;
  content: string;
  target: string;
  tasks: string;
  indicator: string;
  time_text: string;
  budget_text: string;
  lead_text: string;
  support: string;
  /** " " + the search key of the texts + " " (so every word starts after a space). */
  text_folded: string;
  approved_at: string;
}

/** The library's word index: a folded word of an entry (migration 0012). */
export interface SolutionLibraryWordsTable {
  word: string;
  row_id: string;
}

/** A plan lineage shared with the schools under a unit (migration 0012). */
export interface PlanLibrarySharesTable {
  plan_id: string;
  lineage_id: string;
  school_id: string;
  unit_id: string;
  shared_by_user_id: string | null;
  shared_at: string;
}
