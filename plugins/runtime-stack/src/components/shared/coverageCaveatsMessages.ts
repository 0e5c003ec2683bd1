/**
 * The words of the note over a coverage evaluated from sources that failed
 * or are out of date, as `coverageCaveats.*` messages of
 * `runtimeStackTranslationRef`.
 */
export const coverageCaveatsMessages = {
  title: 'The coverage may be out of date or read lower than it is',
  /** A source the evaluation could not read, in part or at all. */
  sourceError:
    '{{source}} could not be read in full ({{message}}): what it could not read is not counted.',
  failing:
    '{{cluster}}: the last collection failed ({{message}}); the coverage uses what it collected {{age}} ago.',
  failingNoAge:
    '{{cluster}}: the last collection failed ({{message}}); the coverage uses its last good data.',
  stale:
    '{{cluster}} was last collected {{age}} ago; the coverage uses that data.',
  staleNoAge:
    '{{cluster}} has not been collected recently; the coverage uses its last data.',
  unavailable:
    '{{cluster}} could not be collected ({{message}}): its workloads are not counted.',
  unavailableNoMessage:
    '{{cluster}} has not been collected yet: its workloads are not counted.',
  /** What to do, where the page shows the sources below the note. */
  actionOnTab:
    'Ask the platform team to fix what fails (the sections below say more); the coverage is evaluated again after the next collection.',
  /** What to do, on the Overview card, which links to the tab. */
  actionOnCard:
    'Ask the platform team to fix what fails (the runtime stack tab says more); the coverage is evaluated again after the next collection.',
} as const;
