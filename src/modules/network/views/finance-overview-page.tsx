import { ManageFrame } from '../../../web/components/manage-frame.js';
import { Alert } from '../../../web/components/alert.js';
import { DataTable } from '../../../web/components/table.js';
import { t, type Locale } from '../../../web/i18n/index.js';
import type { ManageContext } from '../../catalogue/views/manage-components.js';
import { money, percentOf, ratioText, type CofinancingCheck } from '../finance-money.js';
import type { FinanceOverview, GrantSummary } from '../queries/finance-queries.js';
import { ButtonLink, dayLabel, periodLabel } from './finance-components.js';

const base = '/beheer/financien';

export interface FinanceOverviewPageProps {
  ctx: ManageContext;
  grants: GrantSummary[];
  overview: FinanceOverview | undefined;
  unassigned: { count: number; valueCents: number };
  canManage: boolean;
  canExport: boolean;
  notice?: string | undefined;
}

/** One co-financing statement: committed against the grant, or realised against what is spent. */
function CofinancingStatement({ locale, check, kind, ratio }: { locale: Locale; check: CofinancingCheck; kind: 'committed' | 'realised'; ratio: string }) {
  const id = `cofinanciering-${kind}`;
  const nothingYet = check.grantCents === 0;
  return (
    <Alert type={nothingYet ? 'info' : check.meets ? 'ok' : 'warning'} role="status" labelledBy={id}>
      <h3 class="utrecht-heading-3" id={id}>
        {t(locale, kind === 'committed' ? 'finance.cofinancing.committed' : 'finance.cofinancing.realised')}
      </h3>
      {nothingYet ? (
        <p class="utrecht-paragraph">{t(locale, kind === 'committed' ? 'finance.cofinancing.noGrant' : 'finance.cofinancing.nothingSpent', { amount: money(check.cofinancingCents) })}</p>
      ) : (
        <>
          <p class="utrecht-paragraph">
            {t(locale, kind === 'committed' ? 'finance.cofinancing.committedText' : 'finance.cofinancing.realisedText', {
              cofinancing: money(check.cofinancingCents),
              grant: money(check.grantCents),
              ratio: ratioText(check.ratioHundredths ?? 0),
              required: ratio,
              requiredAmount: money(check.requiredCents),
            })}
          </p>
          <p class="utrecht-paragraph cofinancing-verdict">
            <strong>{check.meets ? t(locale, 'finance.cofinancing.meets') : t(locale, 'finance.cofinancing.short', { short: money(check.shortCents) })}</strong>
          </p>
        </>
      )}
    </Alert>
  );
}

/**
 * Planned against spent per budget line, as bars. The table under it holds
 * the same figures, so the chart only helps the eye and hides nothing.
 */
function BudgetChart({ locale, lines }: { locale: Locale; lines: FinanceOverview['budget']['lines'] }) {
  if (lines.length === 0) return null;
  // Drawn at the width it is shown at on a wide screen; a phone scales it down.
  const width = 480;
  const labelHeight = 20;
  const bar = 12;
  const row = labelHeight + 2 * bar + 14;
  const max = Math.max(1, ...lines.map((l) => Math.max(l.plannedCents, l.spentCents)));
  const scale = (c: number) => Math.round((c / max) * (width - 10));
  return (
    <figure class="budget-chart">
      <svg viewBox={`0 0 ${width} ${lines.length * row + 28}`} role="img" aria-labelledby="grafiek-titel" class="budget-chart__svg">
        <title id="grafiek-titel">{t(locale, 'finance.chart.title')}</title>
        <g class="budget-chart__legend">
          <rect x="0" y="4" width="14" height="10" class="budget-chart__planned" />
          <text x="20" y="14">
            {t(locale, 'finance.budget.planned')}
          </text>
          <rect x="140" y="4" width="14" height="10" class="budget-chart__spent" />
          <text x="160" y="14">
            {t(locale, 'finance.budget.spent')}
          </text>
        </g>
        {lines.map((l, i) => {
          const y = 28 + i * row;
          const over = l.spentCents > l.plannedCents;
          return (
            <g>
              <text x="0" y={y + 14} class="budget-chart__label">
                {l.name.length > 60 ? `${l.name.slice(0, 59)}…` : l.name}
              </text>
              <rect x="0" y={y + labelHeight} width={Math.max(1, scale(l.plannedCents))} height={bar} class="budget-chart__planned" />
              <rect x="0" y={y + labelHeight + bar} width={Math.max(l.spentCents > 0 ? 1 : 0, scale(l.spentCents))} height={bar} class={over ? 'budget-chart__spent budget-chart__spent--over' : 'budget-chart__spent'} />
            </g>
          );
        })}
      </svg>
      <figcaption class="hint">{t(locale, 'finance.chart.caption')}</figcaption>
    </figure>
  );
}

export function FinanceOverviewPage(props: FinanceOverviewPageProps) {
  const { ctx, overview: o } = props;
  const { locale, basePath } = ctx;
  const title = t(locale, 'finance.title');
  return (
    <ManageFrame ctx={ctx} title={title} current={base} notice={props.notice}>
      <h1 class="utrecht-heading-1">{title}</h1>
      <p class="utrecht-paragraph">{t(locale, 'finance.intro')}</p>
      {props.grants.length > 1 && (
        <nav aria-label={t(locale, 'finance.grants')} class="grant-picker">
          <ul class="utrecht-unordered-list">
            {props.grants.map((g) => (
              <li class="utrecht-unordered-list__item">
                <a class="utrecht-link" href={`${basePath}${base}?subsidie=${g.id}`} aria-current={o?.grant.id === g.id ? 'page' : undefined}>
                  {g.name}
                </a>{' '}
                <span class="hint">{periodLabel(g.startsOn, g.endsOn, locale)}</span>
              </li>
            ))}
          </ul>
        </nav>
      )}
      {props.canManage && (
        <p class="utrecht-paragraph">
          <ButtonLink href={`${basePath}${base}/subsidies/nieuw`} primary={!o}>
            {t(locale, 'finance.grant.new')}
          </ButtonLink>
        </p>
      )}
      {!o ? (
        <p class="utrecht-paragraph">{t(locale, 'finance.noGrant')}</p>
      ) : (
        <GrantOverview {...props} overview={o} />
      )}
      {props.unassigned.count > 0 && (
        <p class="utrecht-paragraph">
          {t(locale, 'finance.unassigned', { count: props.unassigned.count, amount: money(props.unassigned.valueCents) })}{' '}
          <a class="utrecht-link" href={`${basePath}${base}/bijdragen?subsidie=geen`}>
            {t(locale, 'finance.unassigned.link')}
          </a>
        </p>
      )}
    </ManageFrame>
  );
}

function GrantOverview(props: FinanceOverviewPageProps & { overview: FinanceOverview }) {
  const { ctx, overview: o } = props;
  const { locale, basePath } = ctx;
  const g = o.grant;
  const requiredRatio = `${g.cofinancingPart} : ${g.grantPart}`;
  const q = `?subsidie=${g.id}`;
  const totalPlannedPerYear = o.budget.plannedPerYear;
  return (
    <>
      <section aria-labelledby="subsidie-titel">
        <h2 class="utrecht-heading-2" id="subsidie-titel">
          {g.name}
        </h2>
        <p class="utrecht-paragraph">
          {t(locale, 'finance.grant.summary', { period: periodLabel(g.startsOn, g.endsOn, locale), years: g.years, ratio: requiredRatio })}
        </p>
        {props.canManage && (
          <p class="utrecht-paragraph">
            <a class="utrecht-link" href={`${basePath}${base}/subsidies/${g.id}/bewerken`}>
              {t(locale, 'finance.grant.edit')}
            </a>
          </p>
        )}
      </section>

      <section aria-labelledby="cofinanciering-titel">
        <h2 class="utrecht-heading-2" id="cofinanciering-titel">
          {t(locale, 'finance.cofinancing.title')}
        </h2>
        <p class="utrecht-paragraph">{t(locale, 'finance.cofinancing.intro', { ratio: requiredRatio })}</p>
        <div class="cofinancing-statements">
          <CofinancingStatement locale={locale} check={o.committed} kind="committed" ratio={requiredRatio} />
          <CofinancingStatement locale={locale} check={o.realised} kind="realised" ratio={requiredRatio} />
        </div>
        <h3 class="utrecht-heading-3" id="partners-titel">
          {t(locale, 'finance.partners.title')}
        </h3>
        {o.partners.length === 0 ? (
          <p class="utrecht-paragraph">{t(locale, 'finance.partners.empty')}</p>
        ) : (
          <DataTable
            class="manage-table finance-table"
            rowHeaders
            headers={[
              t(locale, 'finance.partners.partner'), t(locale, 'finance.partners.committed'), t(locale, 'finance.partners.confirmed'), t(locale, 'finance.partners.realised'),
              t(locale, 'finance.partners.realisedCash'), t(locale, 'finance.partners.realisedInKind'), t(locale, 'finance.partners.ratio'), t(locale, 'finance.partners.waiting'),
            ]}
            rows={[
              ...o.partners.map((p) => [
                p.name, money(p.committedCents), money(p.confirmedCents), money(p.realisedCents), money(p.realisedCashCents), money(p.realisedInKindCents),
                p.ratioHundredths === null ? '–' : ratioText(p.ratioHundredths), p.unconfirmed,
              ]),
              [
                <strong>{t(locale, 'finance.total')}</strong>,
                <strong>{money(o.totals.committedCents)}</strong>,
                <strong>{money(o.totals.confirmedCents)}</strong>,
                <strong>{money(o.totals.realisedCents)}</strong>,
                <strong>{money(o.totals.realisedCashCents)}</strong>,
                <strong>{money(o.totals.realisedInKindCents)}</strong>,
                <strong>{o.committed.ratioHundredths === null ? '–' : ratioText(o.committed.ratioHundredths)}</strong>,
                <strong>{o.partners.reduce((n, p) => n + p.unconfirmed, 0)}</strong>,
              ],
            ]}
          />
        )}
        <p class="utrecht-paragraph">
          <a class="utrecht-link" href={`${basePath}${base}/bijdragen${q}`}>
            {t(locale, 'finance.contributions.link')}
          </a>
        </p>
      </section>

      <section aria-labelledby="bedrag-titel">
        <h2 class="utrecht-heading-2" id="bedrag-titel">
          {t(locale, 'finance.amount.title')}
        </h2>
        <p class="utrecht-paragraph">{t(locale, 'finance.amount.intro')}</p>
        <DataTable
          class="manage-table finance-table"
          rowHeaders
          headers={[t(locale, 'finance.amount.type'), t(locale, 'finance.amount.locations'), t(locale, 'finance.amount.rate'), t(locale, 'finance.amount.subtotal')]}
          rows={[
            ...o.amount.lines.map((l) => [t(locale, `finance.schoolType.${l.type}`), l.locations, money(l.rateCents), money(l.subtotalCents)]),
            [<strong>{t(locale, 'finance.amount.computed')}</strong>, '', '', <strong>{money(o.amount.computedCents)}</strong>],
          ]}
        />
        <p class="utrecht-paragraph">
          {o.amount.awardedCents === null
            ? t(locale, 'finance.amount.notAwarded', { amount: money(o.amount.computedCents) })
            : t(locale, 'finance.amount.awarded', { amount: money(o.amount.awardedCents), computed: money(o.amount.computedCents) })}
        </p>
      </section>

      <section aria-labelledby="begroting-titel">
        <h2 class="utrecht-heading-2" id="begroting-titel">
          {t(locale, 'finance.budget.title')}
        </h2>
        <p class="utrecht-paragraph">
          {t(locale, 'finance.budget.summary', {
            planned: money(o.budget.plannedCents),
            spent: money(o.budget.spentCents),
            grant: money(o.amount.basisCents),
            percent: percentOf(o.budget.spentCents, o.budget.plannedCents),
          })}
        </p>
        {o.warnings.length > 0 && (
          <Alert type="warning" role="status" labelledBy="waarschuwingen-titel">
            <h3 class="utrecht-heading-3" id="waarschuwingen-titel">
              {t(locale, 'finance.warnings')}
            </h3>
            <ul class="utrecht-unordered-list">
              {o.warnings.map((w) => (
                <li class="utrecht-unordered-list__item">
                  {t(locale, `finance.warning.${w.key}`, { ...w.params, ...(typeof w.params?.over === 'number' && { over: money(w.params.over) }) })}
                </li>
              ))}
            </ul>
          </Alert>
        )}
        <BudgetChart locale={locale} lines={o.budget.lines} />
        {o.budget.lines.length === 0 ? (
          <p class="utrecht-paragraph">{t(locale, 'finance.budget.empty')}</p>
        ) : (
          <DataTable
            class="manage-table finance-table"
            rowHeaders
            headers={[
              t(locale, 'finance.budget.line'), t(locale, 'finance.budget.category'),
              ...totalPlannedPerYear.map((_, i) => t(locale, 'finance.budget.year', { year: i + 1 })),
              t(locale, 'finance.budget.planned'), t(locale, 'finance.budget.spent'), t(locale, 'finance.budget.left'),
              ...(props.canManage ? [t(locale, 'finance.column.actions')] : []),
            ]}
            rows={[
              ...o.budget.lines.map((l) => [
                l.name,
                t(locale, `finance.category.${l.category}`),
                ...l.planned.map((c) => money(c)),
                money(l.plannedCents),
                <>
                  {money(l.spentCents)} <span class="hint">({percentOf(l.spentCents, l.plannedCents)}%)</span>
                </>,
                l.spentCents > l.plannedCents ? <strong class="over">{t(locale, 'finance.budget.over', { amount: money(l.spentCents - l.plannedCents) })}</strong> : money(l.plannedCents - l.spentCents),
                ...(props.canManage
                  ? [
                      <a class="utrecht-link" href={`${basePath}${base}/begroting/${l.id}/bewerken`} aria-label={t(locale, 'finance.edit.label', { what: l.name })}>
                        {t(locale, 'manage.edit')}
                      </a>,
                    ]
                  : []),
              ]),
              [
                <strong>{t(locale, 'finance.total')}</strong>,
                '',
                ...totalPlannedPerYear.map((c) => <strong>{money(c)}</strong>),
                <strong>{money(o.budget.plannedCents)}</strong>,
                <strong>{money(o.budget.spentCents)}</strong>,
                <strong>{money(o.budget.plannedCents - o.budget.spentCents)}</strong>,
                ...(props.canManage ? [''] : []),
              ],
            ]}
          />
        )}
        <p class="utrecht-paragraph hint">{t(locale, 'finance.budget.years', { first: dayLabel(g.startsOn, locale) })}</p>
        <div class="button-row">
          {props.canManage && <ButtonLink href={`${basePath}${base}/subsidies/${g.id}/begroting/nieuw`}>{t(locale, 'finance.budget.new')}</ButtonLink>}
          <a class="utrecht-link" href={`${basePath}${base}/uitgaven${q}`}>
            {t(locale, 'finance.expenses.link')}
          </a>
        </div>
      </section>

      {props.canExport && (
        <section aria-labelledby="export-titel">
          <h2 class="utrecht-heading-2" id="export-titel">
            {t(locale, 'finance.export.title')}
          </h2>
          <p class="utrecht-paragraph">{t(locale, 'finance.export.intro')}</p>
          <ul class="utrecht-unordered-list">
            <li class="utrecht-unordered-list__item">
              <a class="utrecht-link" href={`${basePath}${base}/export/financien.xlsx${q}`}>
                {t(locale, 'finance.export.xlsx')}
              </a>
            </li>
            {(['begroting', 'toezeggingen', 'realisatie', 'uitgaven'] as const).map((part) => (
              <li class="utrecht-unordered-list__item">
                <a class="utrecht-link" href={`${basePath}${base}/export/${part}.csv${q}`}>
                  {t(locale, `finance.export.csv.${part}`)}
                </a>
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
