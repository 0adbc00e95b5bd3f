/**
 * Generates a large, realistic-looking catalogue for one ecosystem with
 * set-based SQL (insert … select … from generate_series), so 100,000
 * activities load in seconds on a server and in about a minute on PGlite.
 *
 * The region is Twente (around 52.25 N, 6.8 E): 40 real postcode areas with
 * approximate centres, locations clustered around them and scattered over
 * roughly 40 × 40 km. Titles and summaries are Dutch sentences built from word
 * lists, so `to_tsvector('dutch', …)` sees realistic words and stems
 * (robots, sterren, kijken, natuur, muziek …) with realistic frequencies.
 *
 * Everything runs in one transaction on one connection with a fixed seed, so
 * the same N gives the same data on PGlite and on PostgreSQL (up to the
 * random generator, which both share).
 */
import { sql } from 'kysely';
import type { Database } from '../src/db/database.js';
import { migrateToLatest } from '../src/db/migrations.js';
import { createEcosystem } from '../src/modules/ecosystems/commands/ecosystem-creator.js';
import { defaultThemes } from '../src/modules/catalogue/vocabulary.js';

export const benchSlug = 'bench-twente';

/** Postcode areas of Twente with approximate centres: [postcode, place, lat, lng]. */
export const postcodeAreas: Array<[string, string, number, number]> = [
  ['7511', 'Enschede', 52.2215, 6.8937], ['7512', 'Enschede', 52.2250, 6.8780], ['7513', 'Enschede', 52.2140, 6.9000],
  ['7514', 'Enschede', 52.2300, 6.9050], ['7521', 'Enschede', 52.2400, 6.8800], ['7522', 'Enschede', 52.2450, 6.8550],
  ['7523', 'Enschede', 52.2350, 6.9150], ['7524', 'Enschede', 52.2300, 6.9300], ['7531', 'Enschede', 52.2180, 6.9350],
  ['7532', 'Enschede', 52.2100, 6.9500], ['7533', 'Enschede', 52.2050, 6.9250], ['7534', 'Enschede', 52.2070, 6.9700],
  ['7541', 'Enschede', 52.2000, 6.8900], ['7542', 'Enschede', 52.1950, 6.8750], ['7543', 'Enschede', 52.2050, 6.8600],
  ['7544', 'Enschede', 52.2120, 6.8450], ['7545', 'Enschede', 52.2220, 6.8500], ['7546', 'Enschede', 52.2300, 6.8200],
  ['7547', 'Enschede', 52.2150, 6.8200], ['7548', 'Enschede', 52.1850, 6.8400],
  ['7550', 'Hengelo', 52.2650, 6.7930], ['7551', 'Hengelo', 52.2680, 6.7900], ['7552', 'Hengelo', 52.2550, 6.7800],
  ['7553', 'Hengelo', 52.2500, 6.8000], ['7554', 'Hengelo', 52.2750, 6.8100], ['7555', 'Hengelo', 52.2800, 6.7750],
  ['7556', 'Hengelo', 52.2700, 6.7600],
  ['7621', 'Borne', 52.3000, 6.7520], ['7602', 'Almelo', 52.3520, 6.6680], ['7604', 'Almelo', 52.3450, 6.6500],
  ['7606', 'Almelo', 52.3650, 6.6800], ['7571', 'Oldenzaal', 52.3130, 6.9280], ['7573', 'Oldenzaal', 52.3200, 6.9400],
  ['7581', 'Losser', 52.2620, 7.0040], ['7481', 'Haaksbergen', 52.1570, 6.7390], ['7491', 'Delden', 52.2610, 6.7120],
  ['7471', 'Goor', 52.2330, 6.5860], ['7461', 'Rijssen', 52.3060, 6.5180], ['7651', 'Tubbergen', 52.4070, 6.7840],
  ['7595', 'Weerselo', 52.3520, 6.8550],
];

/**
 * Subjects, ten per default theme (in the order of `defaultThemes`), so that an
 * activity's first subject decides its main theme.
 */
const subjects = [
  // wetenschap-onderzoek
  'proefjes', 'sterren', 'planeten', 'raketten', 'magneten', 'elektriciteit', 'scheikunde', 'dinosaurussen', 'microscopen', 'het weer',
  // programmeren-digitaal
  'robots', 'programmeren', 'games', 'apps', 'websites', 'drones', 'kunstmatige intelligentie', 'microcontrollers', 'animaties', 'mediawijsheid',
  // maken-ontwerpen
  'bouwen', 'solderen', '3D-printen', 'timmeren', 'bruggen', 'uitvindingen', 'lasersnijden', 'naaien', 'ontwerpen', 'knutselen',
  // natuur-duurzaamheid
  'natuur', 'water', 'vogels', 'bijen', 'insecten', 'bomen', 'klimaat', 'energie', 'tuinieren', 'afval',
  // kunst-cultuur
  'muziek', 'theater', 'dansen', 'schilderen', 'fotografie', 'film', 'strips', 'beeldhouwen', 'zingen', 'erfgoed',
  // bewegen
  'voetbal', 'zwemmen', 'klimmen', 'atletiek', 'judo', 'skaten', 'hockey', 'turnen', 'fietsen', 'wandelen',
];
const verbs = ['kijken', 'bouwen', 'ontdekken', 'maken', 'onderzoeken', 'programmeren', 'spotten', 'tekenen', 'spelen', 'leren', 'besturen', 'meten'];
const prefixes = ['Workshop', 'Club', 'Lab', 'Kamp', 'Cursus', 'Ontdek', 'Zomerschool', 'Masterclass', 'Proeflokaal', 'Doe-middag'];
const audiences = ['kinderen', 'tieners', 'beginners', 'gevorderden', 'de hele klas', 'jonge onderzoekers', 'meiden', 'ouders en kinderen'];
const sentences = [
  'Je leert stap voor stap hoe het werkt en neemt je eigen ontwerp mee naar huis.',
  'Geen ervaring nodig: we beginnen bij het begin.',
  'We gaan naar buiten en kijken goed om ons heen.',
  'Aan het eind laat je aan elkaar zien wat je hebt gemaakt.',
  'Samen met echte onderzoekers stel je vragen en zoek je de antwoorden.',
  'Je werkt in kleine groepjes met materiaal dat je thuis ook kunt vinden.',
  'Een begeleider van de bibliotheek helpt je op weg.',
  'Neem makkelijke kleren mee die vies mogen worden.',
  'We sluiten af met een kleine presentatie voor ouders.',
  'Voor kinderen die graag dingen uit elkaar halen en weer in elkaar zetten.',
  'Je ontdekt hoe techniek en wetenschap overal om je heen zitten.',
  'In de vakantie elke dag een nieuw avontuur.',
];
const formatCodes = ['workshop', 'club', 'lesson', 'guest_lesson', 'excursion', 'lesson_kit', 'event', 'camp', 'course', 'open_lab'];
const formatWords = ['deze workshop', 'deze club', 'deze les', 'deze gastles', 'deze excursie', 'deze leskist', 'dit evenement', 'dit kamp', 'deze cursus', 'dit open lab'];
const sectors = ['school_primary', 'school_secondary', 'library', 'museum', 'science_centre', 'maker_space', 'culture', 'company', 'nature', 'club', 'youth_work'];
const orgWords = ['Stichting', 'Bibliotheek', 'Museum', 'Techniekclub', 'Makerspace', 'Natuurcentrum', 'Muziekschool', 'Sportvereniging', 'Basisschool', 'Wetenschapsknooppunt'];
const orgNames = ['De Vonk', 'Het Podium', 'Twentse Techniek', 'De Bron', 'Kiem', 'Het Lab', 'De Ontdekking', 'Buitenkans', 'De Boomgaard', 'Zevensprong', 'Het Atelier', 'De Sterrenwacht'];

const textArray = (values: readonly string[]) => sql`${sql.raw(`array[${values.map((v) => `'${v.replace(/'/g, "''")}'`).join(',')}]::text[]`)}`;

export interface LoadSummary {
  activities: number;
  published: number;
  onOffer: number;
  sessions: number;
  organisations: number;
  locations: number;
  ecosystemId: number;
}

/**
 * Migrates a fresh database, creates the ecosystem and fills it. `n` is the
 * number of activities; organisations are n/20, locations n/10, sessions ≈ 3n.
 */
export async function loadSearchData(database: Database, n: number, seed = 0.42): Promise<LoadSummary> {
  await migrateToLatest(database.db);
  const ecosystem = await database.transaction((tx) =>
    createEcosystem(tx, { slug: benchSlug, name: 'Benchmark Twente', municipalities: ['Enschede', 'Hengelo', 'Almelo'] }),
  );
  const e = ecosystem.id;
  // A literal, so that it has a type wherever it stands (select lists, distinct).
  const eco = sql.lit(e);
  const themeRows = await database.db.selectFrom('themes').select(['id', 'slug']).where('ecosystem_id', '=', e).execute();
  const themeIds = defaultThemes.map((t) => themeRows.find((r) => r.slug === t.slug)!.id);
  const nOrganisations = Math.max(10, Math.round(n / 20));
  const nLocations = Math.max(20, Math.round(n / 10));

  await database.transaction(async ({ db }) => {
    await sql`select setseed(${seed})`.execute(db);

    // ---- neighbourhoods and postcode areas: one neighbourhood per postcode area ----
    const values = sql.join(
      postcodeAreas.map(([pc, place, lat, lng], i) => sql`(${i + 1}::int, ${pc}::text, ${place}::text, ${lat}::float8, ${lng}::float8)`),
    );
    await sql`create temp table bench_areas (k int primary key, postcode text, place text, lat float8, lng float8) on commit drop`.execute(db);
    await sql`insert into bench_areas values ${values}`.execute(db);
    await sql`
      insert into neighbourhoods (ecosystem_id, cbs_code, name, municipality, centroid_lat, centroid_lng, children_by_age, ses_tier)
      select ${eco}, 'BU0153' || lpad(k::text, 4, '0'), place || ' ' || postcode, place, lat, lng,
        jsonb_build_object('4-7', 200 + k * 7, '8-11', 190 + k * 5, '12-15', 180 + k * 3, '16-18', 150 + k),
        1 + k % 5
      from bench_areas order by k`.execute(db);
    await sql`
      insert into postcode_areas (ecosystem_id, postcode, place, lat, lng, neighbourhood_id)
      select ${eco}, a.postcode, a.place, a.lat, a.lng, nb.id
      from bench_areas a join neighbourhoods nb on nb.ecosystem_id = ${eco} and nb.cbs_code = 'BU0153' || lpad(a.k::text, 4, '0')`.execute(db);

    // ---- organisations ----
    await sql`
      insert into organisations (id, ecosystem_id, name, sector, description, website)
      overriding system value
      select i, ${eco},
        (${textArray(orgWords)})[1 + (i % ${orgWords.length})] || ' ' || (${textArray(orgNames)})[1 + ((i / ${orgWords.length}) % ${orgNames.length})] || ' ' || i,
        (${textArray(sectors)})[1 + floor(random() * ${sectors.length})::int],
        'Organisatie in Twente die activiteiten voor kinderen en jongeren aanbiedt.',
        'https://example.org/org/' || i
      from generate_series(1, ${nOrganisations}) i`.execute(db);

    // ---- locations: 75 % around a town centre, 25 % anywhere in ~40 × 40 km ----
    await sql`
      create temp table bench_loc on commit drop as
      select i, 1 + floor(random() * ${nOrganisations})::int as org, random() < 0.75 as clustered,
        1 + floor(random() * ${postcodeAreas.length})::int as k, random() as r1, random() as r2, random() < 0.2 as school
      from generate_series(1, ${nLocations}) i`.execute(db);
    await sql`
      create temp table bench_loc2 on commit drop as
      select b.i, b.org, b.school,
        case when b.clustered then a.lat + (b.r1 - 0.5) * 0.06 else 52.07 + b.r1 * 0.36 end as lat,
        case when b.clustered then a.lng + (b.r2 - 0.5) * 0.09 else 6.50 + b.r2 * 0.60 end as lng
      from bench_loc b join bench_areas a on a.k = b.k`.execute(db);
    await sql`
      insert into locations (id, ecosystem_id, organisation_id, name, street, postcode, city, lat, lng, neighbourhood_id, is_school)
      overriding system value
      select l.i, ${eco}, l.org,
        case when l.school then 'School ' else 'Locatie ' end || l.i,
        'Hoofdstraat ' || (1 + l.i % 180),
        near.postcode || ' ' || chr(65 + l.i % 20) || chr(65 + (l.i / 20) % 20),
        near.place, l.lat, l.lng, nb.id, l.school
      from bench_loc2 l
      cross join lateral (
        select a.k, a.postcode, a.place from bench_areas a
        order by (a.lat - l.lat) ^ 2 + ((a.lng - l.lng) * 0.61) ^ 2 limit 1) near
      join neighbourhoods nb on nb.ecosystem_id = ${eco} and nb.cbs_code = 'BU0153' || lpad(near.k::text, 4, '0')`.execute(db);

    // ---- activities ----
    // One planning row per activity with its random choices; the insert reads them.
    await sql`
      create temp table bench_act on commit drop as
      select i,
        floor(random() * ${subjects.length})::int as s1,
        floor(random() * ${subjects.length})::int as s2,
        floor(random() * ${subjects.length})::int as s3,
        floor(random() * 4)::int as pattern,
        floor(random() * ${verbs.length})::int as verb,
        floor(random() * ${prefixes.length})::int as prefix,
        floor(random() * ${audiences.length})::int as audience,
        floor(random() * ${sentences.length})::int as sentence1,
        floor(random() * ${sentences.length})::int as sentence2,
        floor(random() * ${formatCodes.length})::int as fmt,
        4 + floor(random() * 11)::int as min_age,
        2 + floor(random() * 5)::int as age_span,
        random() as r_price, random() as r_status, random() as r_sessions, random() as r_setting, random() as r_access,
        random() as r_theme2, random() as r_theme3,
        case when random() < 0.9 then 1 + floor(random() * ${nLocations})::int end as loc
      from generate_series(1, ${n}) i`.execute(db);

    // ---- sessions, planned before the activities so that last_session_at goes in with them
    // (an update afterwards would leave every activity row twice in the table) ----
    // 5 % have none (offered on request), 10 % only in the past half year, the rest 1–5 in the next 6 months.
    await sql`
      create temp table bench_sess on commit drop as
      select p.i, st as starts_at, st + interval '1 hour' * (1 + (p.i + k) % 3) as ends_at,
        case when random() < 0.05 then 'cancelled' else 'scheduled' end as status
      from bench_act p
      cross join lateral generate_series(1, 1 + (p.i * 7919 % 5)) k
      cross join lateral (select date_trunc('day', now()) + interval '13 hours'
        + interval '1 day' * (case when p.r_sessions < 0.15 then -1 - floor(random() * 180) else floor(random() * 180) end)
        + interval '30 minutes' * ((p.i + k) % 12) as st) t
      where p.r_sessions >= 0.05`.execute(db);
    // Same rule as refreshLastSession: the latest end of a scheduled session.
    await sql`
      create temp table bench_last on commit drop as
      select i, max(ends_at) as last from bench_sess where status = 'scheduled' group by i`.execute(db);

    await sql`
      insert into activities (id, ecosystem_id, organisation_id, title, summary, description, format, setting, min_age, max_age,
        level, price_cents, accessibility, location_id, online, registration_mode, status, last_session_at, published_at, created_at, updated_at)
      overriding system value
      select p.i, ${eco},
        coalesce(l.organisation_id, 1 + p.i % ${nOrganisations}),
        case p.pattern
          when 0 then initcap(w.subj[p.s1 + 1]) || ' ' || w.verb[p.verb + 1]
          when 1 then w.pre[p.prefix + 1] || ' ' || w.subj[p.s1 + 1]
          when 2 then initcap(w.subj[p.s1 + 1]) || ' voor ' || w.aud[p.audience + 1]
          else initcap(w.subj[p.s1 + 1]) || ' en ' || w.subj[p.s2 + 1] || coalesce(' in ' || l.city, '')
        end,
        'In ' || w.fw[p.fmt + 1] || ' ga je aan de slag met ' || w.subj[p.s2 + 1] || ' en ' || w.subj[p.s3 + 1] || '. ' || w.sen[p.sentence1 + 1],
        'Tijdens ' || w.fw[p.fmt + 1] || ' ontdek je alles over ' || w.subj[p.s1 + 1] || '. ' || w.sen[p.sentence1 + 1] || ' ' ||
          w.sen[p.sentence2 + 1] || ' Geschikt voor kinderen van ' || p.min_age || ' tot ' || least(18, p.min_age + p.age_span) || ' jaar.',
        w.fc[p.fmt + 1],
        case when p.r_setting < 0.35 then 'in_school' when p.r_setting < 0.85 then 'out_of_school' else 'both' end,
        p.min_age, least(18, p.min_age + p.age_span),
        (array['introduction', 'deepening', 'advanced'])[1 + p.i % 3],
        case when p.r_price < 0.4 then 0 else 250 * (1 + floor(p.r_price * 100)::int % 20) end,
        case when p.r_access < 0.25 then array['wheelchair', 'adapted_toilet']
             when p.r_access < 0.40 then array['wheelchair']
             when p.r_access < 0.48 then array['low_stimulus']
             when p.r_access < 0.52 then array['hearing_loop', 'wheelchair']
             else '{}'::text[] end,
        p.loc, p.loc is null,
        case when p.r_setting < 0.35 then 'through_school' when p.i % 4 = 0 then 'walk_in' else 'sign_up' end,
        case when p.r_status < 0.90 then 'published' when p.r_status < 0.94 then 'draft'
             when p.r_status < 0.97 then 'submitted' else 'archived' end,
        bl.last,
        case when p.r_status < 0.90 then now() - interval '1 day' * (p.i % 300) end,
        now() - interval '1 day' * (p.i % 400), now() - interval '1 day' * (p.i % 30)
      from bench_act p
      left join locations l on l.id = p.loc
      left join bench_last bl on bl.i = p.i
      cross join (select ${textArray(subjects)} as subj, ${textArray(verbs)} as verb, ${textArray(prefixes)} as pre,
        ${textArray(audiences)} as aud, ${textArray(sentences)} as sen, ${textArray(formatCodes)} as fc, ${textArray(formatWords)} as fw) w
      order by p.i`.execute(db);

    // ---- themes: the first subject's theme, plus 0–2 others ----
    await sql`
      insert into activity_themes (ecosystem_id, activity_id, theme_id)
      select distinct ${eco}, i, (${themeIds}::int[])[1 + t]
      from (
        select i, s1 / 10 as t from bench_act
        union all select i, s2 / 10 from bench_act where r_theme2 < 0.5
        union all select i, s3 / 10 from bench_act where r_theme3 < 0.25
      ) x`.execute(db);

    await sql`
      insert into sessions (ecosystem_id, activity_id, starts_at, ends_at, capacity, location_id, status)
      select ${eco}, s.i, s.starts_at, s.ends_at, 10 + (s.i % 5) * 5, p.loc, s.status
      from bench_sess s join bench_act p on p.i = s.i
      order by s.starts_at`.execute(db);

    for (const table of ['organisations', 'locations', 'activities']) {
      await sql`select setval(pg_get_serial_sequence(${table}, 'id'), (select max(id) from ${sql.table(table)}))`.execute(db);
    }
  });

  // Outside the transaction: VACUUM cannot run in one. It also sets the
  // visibility map, as autovacuum would on a live server.
  await sql`vacuum analyze`.execute(database.db);

  const counts = await sql<{ activities: number; published: number; on_offer: number; sessions: number; organisations: number; locations: number }>`
    select (select count(*)::int from activities) as activities,
      (select count(*)::int from activities where status = 'published') as published,
      (select count(*)::int from activities where status = 'published' and (last_session_at is null or last_session_at >= now())) as on_offer,
      (select count(*)::int from sessions) as sessions,
      (select count(*)::int from organisations) as organisations,
      (select count(*)::int from locations) as locations`.execute(database.db);
  const c = counts.rows[0]!;
  return {
    activities: c.activities, published: c.published, onOffer: c.on_offer, sessions: c.sessions,
    organisations: c.organisations, locations: c.locations, ecosystemId: e,
  };
}
