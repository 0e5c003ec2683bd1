import type { CapabilityCoverage } from '../layerCoverage';

/**
 * Required, covered and partial capabilities of a set of services, and the
 * ratio over them: `(covered + 0.5 * partial) / required`, 1 when nothing is
 * required. Exempt capabilities are left out.
 *
 * @public
 */
export interface CoverageCounts {
  required: number;
  covered: number;
  partial: number;
  ratio: number;
}

/**
 * One cell of the teams × layers (or teams × capabilities) heatmap: the
 * services owned by the team or any group below it.
 *
 * @public
 */
export interface TeamCoverageCell extends CoverageCounts {
  /** A layer number, or a capability id in the drill-down. */
  column: string;
  /** Services of the team with at least one required capability in the column. */
  services: number;
}

/**
 * A row of the heatmap.
 *
 * @public
 */
export interface TeamCoverageRow {
  team: string;
  /** The group it is a child of in the catalog, whose row counts its services too. */
  parent?: string;
  /** All services of the team and its descendants. */
  services: number;
  overall: CoverageCounts;
  cells: TeamCoverageCell[];
}

/**
 * The answer of `GET /scorecards/teams`: rows sorted by team ref, paginated.
 *
 * @public
 */
export interface TeamScorecard {
  /** `layers`, or `capabilities` of `layer` for the drill-down. */
  columns: Array<{ id: string; title: string; layer: number }>;
  items: TeamCoverageRow[];
  totalCount: number;
  limit: number;
  offset: number;
}

/**
 * How a capability is covered across the estate: which tools, on how many
 * services.
 *
 * @public
 */
export interface CapabilityAdoption {
  capability: string;
  title: string;
  layer: number;
  /** Services for which the capability is required (exempt ones left out). */
  required: number;
  covered: number;
  partial: number;
  missing: number;
  exempt: number;
  /**
   * Tools named by evidence, most used first: `services` on which something
   * observed confirms the tool, `declaredOnly` on which only a declaration
   * names it (absent from answers of backends before it).
   */
  tools: Array<{ tool: string; services: number; declaredOnly?: number }>;
}

/**
 * The answer of `GET /scorecards/adoption`.
 *
 * @public
 */
export interface EstateAdoption {
  services: number;
  capabilities: CapabilityAdoption[];
}

/**
 * What a trend is about: the whole estate, one team (with the groups below
 * it), one layer across the estate, or one service.
 *
 * @public
 */
export type TrendSubject =
  | { kind: 'estate' }
  | { kind: 'team'; ref: string }
  | { kind: 'layer'; layer: number }
  | { kind: 'service'; ref: string }
  | { kind: 'system'; ref: string };

/**
 * One day of a trend.
 *
 * @public
 */
export interface TrendPoint extends CoverageCounts {
  /** `YYYY-MM-DD`, UTC. */
  day: string;
  services: number;
}

/**
 * The answer of `GET /scorecards/trend`: one point per day with a snapshot,
 * oldest first.
 *
 * @public
 */
export interface CoverageTrend {
  subject: TrendSubject;
  /** Per layer for team and estate subjects; empty otherwise. */
  layers: Array<{ layer: number; points: TrendPoint[] }>;
  points: TrendPoint[];
}

/**
 * A row of the services table.
 *
 * @public
 */
export interface ServiceScore {
  entityRef: string;
  owner?: string;
  system?: string;
  lifecycle?: string;
  profile: string;
  required: number;
  covered: number;
  partial: number;
  ratio: number;
  gapCount: number;
  exemptCount: number;
  evaluatedAt: string;
}

/**
 * Filters of `GET /scorecards/services`; all optional.
 *
 * @public
 */
export interface ServiceScoreQuery {
  /** A Group ref: its services and those of the groups below it. */
  team?: string;
  system?: string;
  lifecycle?: string;
  profile?: string;
  /**
   * With `status`: services with a required capability of this layer in
   * that status (`not-required`: with a capability it does not require);
   * alone: services with a required gap in it.
   */
  layer?: number;
  status?: CapabilityCoverage['status'];
  /** Part of the entity ref or title, any case. */
  search?: string;
  sort?:
    | 'entityRef'
    | 'ratio'
    | 'gapCount'
    | 'owner'
    | 'system'
    | 'evaluatedAt';
  order?: 'asc' | 'desc';
  limit?: number;
  offset?: number;
}

/**
 * The answer of `GET /scorecards/services` (JSON; `format=csv` gives CSV).
 *
 * @public
 */
export interface ServiceScorePage {
  items: ServiceScore[];
  totalCount: number;
  limit: number;
  offset: number;
}

/**
 * An accepted gap of a service or of every component of a System.
 *
 * @public
 */
export interface Exemption {
  id: string;
  scope: { kind: 'component' | 'system'; ref: string };
  capability: string;
  reason: string;
  /** ISO date-time; after it the capability counts as missing again. */
  expiresAt: string;
  requestedBy: string;
  grantedBy: string;
  createdAt: string;
}

/**
 * The body of `POST /exemptions`; `grantedBy` is the caller.
 *
 * @public
 */
export interface ExemptionInput {
  scope: { kind: 'component' | 'system'; ref: string };
  capability: string;
  reason: string;
  expiresAt: string;
  /** Who asked for it, a User or Group ref; defaults to the caller. */
  requestedBy?: string;
}

/**
 * A required capability a service lacks or only partly has.
 *
 * @public
 */
export interface ServiceGap {
  capability: string;
  layer: number;
  status: 'missing' | 'partial';
}

/**
 * The answer of `GET /scorecards/teams/:namespace/:name`: one team's view.
 *
 * @public
 */
export interface TeamView {
  team: string;
  /** The team and every group below it. */
  groups: string[];
  overall: CoverageCounts;
  /**
   * How many services `overall` counts: all of the team's, where `services`
   * lists at most 500, worst covered first, and leaves out those the catalog
   * hides from the caller. Absent from answers of backends before it.
   */
  totalServices?: number;
  /**
   * How many of the services the list would hold the catalog hides from the
   * caller, left out of `services`; the list is cut at 500 when
   * `services.length + hiddenServices` is below `totalServices`. Absent from
   * answers of backends before it.
   */
  hiddenServices?: number;
  services: Array<ServiceScore & { gaps: ServiceGap[] }>;
  /** Exemptions of the team's services or Systems expiring within 30 days. */
  expiringExemptions: Exemption[];
}

/**
 * A service as search indexes it: its score, the tools its evidence names
 * per capability, and its gaps.
 *
 * @public
 */
export interface SearchableService extends ServiceScore {
  /** The entity's `metadata.title`, when it has one. */
  title?: string;
  /**
   * Each tool with the status of the capability it is named for, and
   * whether anything observed confirms it: a tool named only by a
   * declaration is not known to run, even where another tool covers the
   * capability.
   */
  tools: Array<{
    capability: string;
    tool: string;
    status: CapabilityCoverage['status'];
    confirmed: boolean;
  }>;
  gaps: ServiceGap[];
}

/**
 * The answer of `GET /search/services`: services in entity-ref order;
 * `nextAfter` is the `after` of the next page, absent on the last.
 *
 * @public
 */
export interface SearchableServicePage {
  items: SearchableService[];
  nextAfter?: string;
}

/**
 * A service's runtime stack as the search index holds it (document type
 * `runtime-stack`); `title`, `text` and `location` are what every search
 * result has.
 *
 * @public
 */
export interface RuntimeStackSearchDocument {
  title: string;
  text: string;
  /** The entity's Runtime stack tab. */
  location: string;
  entityRef: string;
  owner?: string;
  /**
   * The owner Group's display name or title, when it has one; absent from
   * documents indexed before it was added.
   */
  ownerTitle?: string;
  system?: string;
  /** Requirement profile id. */
  profile: string;
  /**
   * Overall coverage ratio, 0 to 1; 1 when nothing is required, so read it
   * with `required`.
   */
  coverage: number;
  /**
   * How many capabilities the profile requires; absent from documents
   * indexed before it was added.
   */
  required?: number;
  gapCount: number;
  /**
   * Required capabilities exempt, left out of `required`; absent from
   * documents indexed before it was added.
   */
  exemptCount?: number;
  /** Titles of the tools its evidence names. */
  tools: string[];
  /**
   * Of `tools`, those named for a covered capability: seen running, not only
   * declared. Absent from documents indexed before it was added, which
   * cannot tell the two apart.
   */
  confirmedTools?: string[];
}
