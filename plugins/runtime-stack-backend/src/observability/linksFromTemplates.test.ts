import { linksFromTemplates } from './linksFromTemplates';

const placements = [
  { cluster: 'prod-eu-1', namespace: 'payments' },
  { cluster: 'prod-us-1', namespace: 'payments' },
];

describe('linksFromTemplates', () => {
  it('makes one link per cluster where the template names the cluster', () => {
    expect(
      linksFromTemplates(
        [
          {
            title: 'Logs',
            type: 'logs',
            url: 'https://logs.example.com/?c=${cluster}&app=${service}',
          },
        ],
        'payments-api',
        placements,
      ),
    ).toEqual([
      {
        title: 'Logs',
        type: 'logs',
        url: 'https://logs.example.com/?c=prod-eu-1&app=payments-api',
        cluster: 'prod-eu-1',
        namespace: 'payments',
      },
      {
        title: 'Logs',
        type: 'logs',
        url: 'https://logs.example.com/?c=prod-us-1&app=payments-api',
        cluster: 'prod-us-1',
        namespace: 'payments',
      },
    ]);
  });

  it('makes one link, for no cluster in particular, where every cluster gives the same URL', () => {
    expect(
      linksFromTemplates(
        [
          {
            title: 'Traces',
            type: 'traces',
            url: 'https://jaeger.example.com/search?service=${service}',
          },
        ],
        'payments-api',
        placements,
      ),
    ).toEqual([
      {
        title: 'Traces',
        type: 'traces',
        url: 'https://jaeger.example.com/search?service=payments-api',
      },
    ]);
  });

  it('keeps the placement of a service that runs in one place, and skips what cannot be filled in', () => {
    const templates = [
      { title: 'On-call', url: 'https://oncall.example.com/${service}' },
      { title: 'Dashboards', url: 'https://k8s.example.com/${cluster}' },
    ];
    expect(
      linksFromTemplates(templates, 'payments-api', placements.slice(0, 1)),
    ).toEqual([
      {
        title: 'On-call',
        url: 'https://oncall.example.com/payments-api',
        cluster: 'prod-eu-1',
        namespace: 'payments',
      },
      {
        title: 'Dashboards',
        url: 'https://k8s.example.com/prod-eu-1',
        cluster: 'prod-eu-1',
        namespace: 'payments',
      },
    ]);
    // Not running anywhere: no cluster to fill in.
    expect(linksFromTemplates(templates, 'payments-api', [])).toEqual([
      { title: 'On-call', url: 'https://oncall.example.com/payments-api' },
    ]);
  });
});
