/** Dutch texts of the agreement and finance pages (spread into the catalogue in ../nl.ts). */
export const financeNl = {
  'error.notFound.agreement': 'Deze overeenkomst bestaat niet.',
  'error.notFound.contribution': 'Deze bijdrage bestaat niet.',
  'error.notFound.grant': 'Deze subsidie bestaat niet.',
  'error.notFound.budgetLine': 'Deze begrotingspost bestaat niet.',
  'error.notFound.expense': 'Deze uitgave bestaat niet.',
} as const;
