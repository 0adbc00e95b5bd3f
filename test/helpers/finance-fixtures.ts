import type { Database } from '../../src/db/database.js';
import type { SchoolParticipation, SchoolType } from '../../src/modules/network/db/schema.js';

let brinNumber = 10;

/**
 * Invented school locations (a school organisation, a catalogue location with
 * is_school and a schools row each), for sizing a grant. Returns their ids.
 */
export async function addSchools(database: Database, ecosystemId: number, schools: Array<{ types: SchoolType[]; participation?: SchoolParticipation }>): Promise<number[]> {
  return database.transaction(async (tx) => {
    const org = await tx.db
      .insertInto('organisations')
      .values({ ecosystem_id: ecosystemId, name: `Proefschool ${brinNumber}`, sector: 'school_primary' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const ids: number[] = [];
    for (const [i, school] of schools.entries()) {
      const location = await tx.db
        .insertInto('locations')
        .values({ ecosystem_id: ecosystemId, organisation_id: org.id, name: `Vestiging ${i + 1}`, lat: 52.22, lng: 6.89, is_school: true })
        .returning('id')
        .executeTakeFirstOrThrow();
      const row = await tx.db
        .insertInto('schools')
        .values({
          ecosystem_id: ecosystemId, location_id: location.id, brin: `${brinNumber}AB`, location_number: String(i).padStart(2, '0'),
          school_types: school.types, participation: school.participation ?? 'participating',
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      ids.push(row.id);
    }
    brinNumber++;
    return ids;
  });
}

/** The smallest file our check takes for a PDF: the signature at the start and the end marker. */
export function pdfBytes(size = 0): Buffer {
  const head = Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\n');
  const tail = Buffer.from('\ntrailer <<>>\n%%EOF\n');
  const padding = Buffer.alloc(Math.max(0, size - head.length - tail.length), 0x20);
  return Buffer.concat([head, padding, tail]);
}
