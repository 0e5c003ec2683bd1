export interface FakeDashboard {
  uid: string;
  title: string;
  tags: string[];
  /** The folder it is in; without it the dashboard is in "General". */
  folderTitle?: string;
}

export interface RecordedRequest {
  method: string;
  /** Without the query. */
  path: string;
  /** A parameter given more than once is a list, e.g. `tag`. */
  query: Record<string, string | string[]>;
  status: number;
}

export interface FakeGrafana {
  /** `http://127.0.0.1:PORT` */
  url: string;
  /** The bearer token every API request except `/api/health` must send. */
  token: string;
  /** Every request answered, in order. */
  requests: RecordedRequest[];
  /** Replaces every dashboard (and the folders named by them). */
  setDashboards(dashboards: FakeDashboard[]): void;
  /** Replaces every alert rule and its instances. */
  setAlertRules(rules: FakeAlertRule[]): void;
  /** The next `count` requests answer `status` (default 500). */
  failNext(count: number, status?: number): void;
  close(): Promise<void>;
}

export interface FakeGrafanaOptions {
  dashboards?: FakeDashboard[];
  alertRules?: FakeAlertRule[];
  /** Default `fake-grafana-token`. */
  token?: string;
  /** Default: a free port. */
  port?: number;
}

/**
 * The state of one alert instance, as Grafana's alerting API spells it.
 * `Recovering` (Grafana 12): its condition is no longer met, and it keeps
 * firing for the rule's `keep_firing_for`.
 */
export type FakeAlertState =
  | 'Normal'
  | 'Pending'
  | 'Alerting'
  | 'Recovering'
  | 'NoData'
  | 'Error';

/** A Grafana-managed alert (or recording) rule and its current instances. */
export interface FakeAlertRule {
  /** 1-40 of `[A-Za-z0-9_-]`, unique. */
  uid: string;
  title: string;
  /** Grafana keeps every rule in a folder: this is its title. */
  folderTitle: string;
  /**
   * The titles of the folders it is nested in, outermost first: the rule
   * of `{folderTitle: 'Payments', parentFolders: ['Teams']}` is in
   * `Teams/Payments`.
   */
  parentFolders?: string[];
  /** The evaluation group in the folder; default: the title. */
  group?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  /** Default `0s`. */
  keepFiringFor?: string;
  /**
   * Makes it a recording rule (Grafana 11.3+): it writes `metric` from the
   * query `from` (default `A`) and has no instances.
   */
  record?: { metric: string; from?: string; targetDatasourceUid?: string };
  /**
   * The rule's instances, one per label set its query returned; default one
   * `Normal` instance. An empty list is a rule not evaluated yet.
   */
  instances?: Array<{
    state: FakeAlertState;
    /**
     * Why it is in a state its evaluation did not give, e.g. `NoData` for
     * an `Alerting` instance of a rule that alerts on no data: Grafana then
     * answers `Alerting (NoData)`.
     */
    reason?: string;
    /** Labels of the series, added to the rule's labels. */
    labels?: Record<string, string>;
    /** When it became Pending or Alerting; default: when the fake started. */
    activeAt?: string;
  }>;
}
