import { Type, type Static } from '@sinclair/typebox';
import { StringEnum } from '../../http/schemas.js';

/** One scan as a device queued it. Only the shape is checked here; what it means is checked per scan, with an answer per scan. */
export const CheckInScan = Type.Object(
  {
    deviceScanId: Type.String({
      maxLength: 100,
      description: 'UUID dat het apparaat maakte toen er gescand werd. Dezelfde scan nog eens sturen (bijvoorbeeld na een verbroken verbinding) telt één keer.',
    }),
    code: Type.String({ maxLength: 200, description: 'De pascode zoals gescand of getypt (hoofdletters en streepjes maken niet uit), of het adres uit de QR-code van de kaart' }),
    sessionId: Type.Integer({ minimum: 1, maximum: 2_147_483_647, description: 'De bijeenkomst waar gescand werd' }),
    scannedAt: Type.String({ format: 'date-time', description: 'Wanneer er gescand werd, volgens de klok van het apparaat (ISO 8601)' }),
  },
  { additionalProperties: false },
);

export const CheckInBatch = Type.Object(
  { scans: Type.Array(CheckInScan, { minItems: 1, maxItems: 100, description: 'Eén tot honderd scans, in de volgorde waarin ze gemaakt zijn' }) },
  { additionalProperties: false },
);
export type CheckInBatch = Static<typeof CheckInBatch>;

export const CheckInResult = Type.Object({
  deviceScanId: Type.String({ description: 'Het kenmerk van de scan, zoals gestuurd' }),
  status: StringEnum(['recorded', 'duplicate', 'refused', 'retry'] as const, {
    description:
      'recorded: een nieuwe stap; duplicate: deze scan, of deze pas bij deze bijeenkomst, stond er al; ' +
      'refused: kan nooit worden genoteerd (zie message); retry: nu niet (te veel onbekende codes), later opnieuw sturen',
  }),
  message: Type.String({ description: 'Uitleg voor de scanner, in de taal van Accept-Language' }),
  participationId: Type.Optional(Type.String({ description: 'De deelname, bij recorded en duplicate' })),
  error: Type.Optional(Type.String({ description: 'Stabiele foutcode bij refused en retry, zoals passes.code.unknown, passes.scan.otherDay of forbidden' })),
  field: Type.Optional(Type.String({ description: 'Het veld waar het aan ligt, als dat er is' })),
});

export const CheckInResponse = Type.Object({
  results: Type.Array(CheckInResult, { description: 'Eén antwoord per scan, in dezelfde volgorde' }),
});
export type CheckInResponse = Static<typeof CheckInResponse>;
