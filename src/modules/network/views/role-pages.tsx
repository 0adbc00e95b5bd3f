import type { FieldProblem } from '../../../core/errors.js';
import { Alert } from '../../../web/components/alert.js';
import { t } from '../../../web/i18n/index.js';
import { ManageForm, Radios, SelectField, TextArea, TextField } from '../../catalogue/views/manage-components.js';
import { networkRoles } from '../db/schema.js';
import type { FormValues } from '../network-forms.js';
import type { RoleRow } from '../queries/network-directory.js';
import { BackLink, dayText, NetworkLayout, periodText, roleName, type ManageContext } from './network-layout.js';
import { Facts, holderText, roleDetail } from './network-partner-page.js';

export interface RoleFormChoicesView {
  people: Array<{ id: number; name: string; organisationName: string | null }>;
  organisations: Array<{ id: number; name: string }>;
  municipalities: readonly string[];
}

export interface RolePageProps {
  ctx: ManageContext;
  /** Undefined: the form for a new role. */
  role?: RoleRow | undefined;
  choices: RoleFormChoicesView;
  raw: FormValues;
  problems: FieldProblem[];
  /** The end form, with its own problems. */
  endRaw: FormValues;
  endProblems: FieldProblem[];
  today: string;
  notice?: string | undefined;
}

/** Adding or changing a role, and ending it. */
export function RolePage(props: RolePageProps) {
  const { ctx, role, problems } = props;
  const { locale, basePath } = ctx;
  const base = `${basePath}/beheer/netwerk`;
  const title = role ? t(locale, 'network.roles.editTitle', { role: roleName(locale, role.role) }) : t(locale, 'network.roles.newTitle');
  const f = { locale, raw: props.raw, problems };
  const ended = role?.endsOn !== null && role?.endsOn !== undefined && role.endsOn < props.today;
  return (
    <NetworkLayout ctx={ctx} title={title} current="/beheer/netwerk/structuur" notice={props.notice}>
      <BackLink href={`${base}/structuur`}>{t(locale, 'network.governance.title')}</BackLink>
      <h1 class="utrecht-heading-1">{title}</h1>
      {role && (
        <Facts
          items={[
            [t(locale, 'network.column.holder'), holderText(role)],
            ...(roleDetail(role) ? [[t(locale, 'network.column.detail'), roleDetail(role)] as [string, string]] : []),
            [t(locale, 'network.column.period'), periodText(locale, role)],
          ]}
        />
      )}
      {ended && (
        <Alert type="info" role="status">
          <p class="utrecht-paragraph">{t(locale, 'network.roles.alreadyEnded', { day: dayText(role!.endsOn!, locale) })}</p>
        </Alert>
      )}
      <p class="utrecht-paragraph">{t(locale, 'network.roles.intro')}</p>
      <ManageForm ctx={ctx} action={role ? `${base}/rollen/${role.id}` : `${base}/rollen/nieuw`} problems={problems} submit={t(locale, 'manage.save')} cancelHref={`${base}/structuur`}>
        {!role && <Radios {...f} name="role" label={t(locale, 'form.role.role')} options={networkRoles.map((r) => ({ value: r, label: roleName(locale, r) }))} />}
        <fieldset class="utrecht-form-fieldset form-section" aria-describedby="hint-houder">
          <legend class="utrecht-form-fieldset__legend">{t(locale, 'network.roles.holder')}</legend>
          <p class="utrecht-form-field-description" id="hint-houder">
            {t(locale, 'network.roles.holderHint')}
          </p>
          <SelectField
            {...f}
            name="personId"
            label={t(locale, 'form.role.person')}
            empty={t(locale, 'form.role.personNone')}
            options={props.choices.people.map((p) => ({ value: String(p.id), label: p.organisationName ? `${p.name} (${p.organisationName})` : p.name }))}
          />
          <SelectField {...f} name="organisationId" label={t(locale, 'form.role.organisation')} empty={t(locale, 'form.role.organisationNone')} options={props.choices.organisations.map((o) => ({ value: String(o.id), label: o.name }))} />
        </fieldset>
        {props.choices.municipalities.length > 0 ? (
          (!role || role.role === 'core_team') && (
            <SelectField {...f} name="municipality" label={t(locale, 'form.role.municipality')} empty={t(locale, 'form.role.municipalityNone')} options={props.choices.municipalities.map((m) => ({ value: m, label: m }))} />
          )
        ) : (
          (!role || role.role === 'core_team') && <TextField {...f} name="municipality" label={t(locale, 'form.role.municipality')} maxLength={100} />
        )}
        {(!role || role.role === 'community_of_practice') && (
          <TextField {...f} name="community" label={t(locale, 'form.role.community')} hint={t(locale, 'form.role.communityHint')} maxLength={100} />
        )}
        <TextField {...f} name="startsOn" type="date" label={t(locale, 'form.role.startsOn')} hint={t(locale, 'form.role.dateHint')} size={10} />
        <TextField {...f} name="endsOn" type="date" label={t(locale, 'form.role.endsOn')} optional size={10} />
        <TextArea {...f} name="note" label={t(locale, 'form.role.note')} optional rows={2} maxLength={500} />
      </ManageForm>
      {role && !ended && (
        <section aria-labelledby="beeindigen">
          <h2 class="utrecht-heading-2" id="beeindigen">
            {t(locale, 'network.roles.end')}
          </h2>
          <p class="utrecht-paragraph">{t(locale, 'network.roles.endIntro')}</p>
          <ManageForm ctx={ctx} action={`${base}/rollen/${role.id}/beeindigen`} problems={props.endProblems} submit={t(locale, 'network.roles.endSubmit')}>
            <TextField locale={locale} raw={props.endRaw} problems={props.endProblems} name="lastDay" type="date" label={t(locale, 'form.role.lastDay')} hint={t(locale, 'form.role.dateHint')} size={10} />
          </ManageForm>
        </section>
      )}
    </NetworkLayout>
  );
}
