/**
 * The words of a Group's "Runtime stack" tab, as `groupContent.*` messages of `runtimeStackTranslationRef`: kept beside
 * the components they belong to.
 */
export const groupContentMessages = {
  coverage: {
    title: 'Team coverage',
    /** The title inside a sentence: "Could not load team coverage". */
    what: 'team coverage',
    subheader:
      'Components owned by this group and the groups below it, under their requirement profiles',
    empty:
      'No evaluated Component is owned by this group or a group below it. Components count for the group named in their spec.owner.',
  },
  trend: {
    subheader: "The team's coverage over the last 90 days",
    chartLabel: 'Coverage of this team by day',
  },
} as const;
