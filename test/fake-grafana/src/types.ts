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
  /** The next `count` requests answer `status` (default 500). */
  failNext(count: number, status?: number): void;
  close(): Promise<void>;
}

export interface FakeGrafanaOptions {
  dashboards?: FakeDashboard[];
  /** Default `fake-grafana-token`. */
  token?: string;
  /** Default: a free port. */
  port?: number;
}
