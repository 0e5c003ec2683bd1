/**
 * The words of the home page's teams coverage widget, as `teamsWidget.*`
 * messages of `runtimeStackTranslationRef`.
 */
export const teamsWidgetMessages = {
  loadError: 'Could not load your teams: {{message}}',
  noTeams:
    'You are in no team of the catalog: teams are the Group entities whose members include you.',
  allTeamsLink: 'See every team on the scorecards.',
  teamsLabel: 'Your teams',
  /** The widget shows only the first teams; the link leads to the rest. */
  moreTeams_one: 'and {{count, number}} more team on the scorecards',
  moreTeams_other: 'and {{count, number}} more teams on the scorecards',
  teamLoadError: "Could not load the team's coverage: {{message}}",
  /** A team's coverage inside a sentence: "You may not see {what}". */
  teamWhat: "the team's coverage",
  noServices:
    'No evaluated Component is owned by this team or a group below it. Components count for the group named in their spec.owner.',
  services_one: '{{count, number}} service',
  services_other: '{{count, number}} services',
  gaps_one: '{{count, number}} gap',
  gaps_other: '{{count, number}} gaps',
  /** The gaps when the team's list stops at its least covered services. */
  gapsAmongLeastCovered_one:
    '{{count, number}} gap among the {{shown, number}} least covered',
  gapsAmongLeastCovered_other:
    '{{count, number}} gaps among the {{shown, number}} least covered',
  /** The gaps when the catalog hides some of the team's services from the user. */
  gapsAmongVisible_one:
    '{{count, number}} gap among the {{shown, number}} you can see',
  gapsAmongVisible_other:
    '{{count, number}} gaps among the {{shown, number}} you can see',
  /** When the catalog hides every service the list would hold. */
  allHidden: 'gaps not shown: the services are hidden from you',
  expiring_one: '{{count, number}} exemption expiring within 30 days',
  expiring_other: '{{count, number}} exemptions expiring within 30 days',
  /** Between the facts of a team: "2 services · 5 gaps". */
  factSeparator: ' · ',
  coverageLabel: 'Coverage of {{team}}',
  /** `counts`: "5 of 10 required capabilities covered, 4 partly". */
  coverageValue: '{{percent}}, {{counts}}',
  commonGapsLabel: 'Most common gaps of {{team}}',
  commonGap_one: 'Layer {{layer}} · {{capability}} · {{count}} service',
  commonGap_other: 'Layer {{layer}} · {{capability}} · {{count}} services',
  teamView: 'Team view of {{team}}',
} as const;
