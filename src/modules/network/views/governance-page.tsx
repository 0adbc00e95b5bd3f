import type { ComponentChildren } from 'preact';
import { t, type Locale } from '../../../web/i18n/index.js';
import type { NetworkRole } from '../db/schema.js';
import type { RoleRow } from '../queries/network-directory.js';
import { ButtonLink, dayText, NetworkLayout, roleName, type ManageContext } from './network-layout.js';
import { holderText, RoleTable } from './network-partner-page.js';

export interface GovernancePageProps {
  ctx: ManageContext;
  today: string;
  /** Roles held today. */
  current: RoleRow[];
  /** Roles that start after today. */
  future: RoleRow[];
  /** Roles that ended before today. */
  ended: RoleRow[];
  canManage: boolean;
}

/** Who holds a role, as a list; "nobody yet" said in words when empty. */
function Members({ locale, roles }: { locale: Locale; roles: RoleRow[] }) {
  if (roles.length === 0) return <p class="utrecht-paragraph governance__empty">{t(locale, 'network.governance.empty')}</p>;
  return (
    <ul class="governance__members">
      {roles.map((r) => (
        <li>{holderText(r)}</li>
      ))}
    </ul>
  );
}

/** One body of the structure: its name, what it does, who is in it, and what hangs below it. */
function Body(props: { locale: Locale; id: string; title: string; text?: string; roles?: RoleRow[]; children?: ComponentChildren; below?: ComponentChildren }) {
  return (
    <li class="governance__node">
      <div class="governance__body" role="group" aria-labelledby={props.id}>
        <h3 class="utrecht-heading-4 governance__title" id={props.id}>
          {props.title}
        </h3>
        {props.text && <p class="utrecht-paragraph governance__text">{props.text}</p>}
        {props.roles && <Members locale={props.locale} roles={props.roles} />}
        {props.children}
      </div>
      {props.below && <ul class="governance__level">{props.below}</ul>}
    </li>
  );
}

/** Groups roles by a key (a core team's municipality, a community's name), in first-seen order. */
function groupBy(roles: RoleRow[], key: (r: RoleRow) => string): Array<[string, RoleRow[]]> {
  const groups = new Map<string, RoleRow[]>();
  for (const r of roles) groups.set(key(r), [...(groups.get(key(r)) ?? []), r]);
  return [...groups.entries()];
}

/**
 * The governance structure as nested lists (penvoerder → stuurgroep →
 * programme leader and coordinator → core teams, programme team and
 * communities of practice), drawn as a diagram by CSS and read as a
 * structure by a screen reader, with the same roles in a table beside it.
 */
export function GovernancePage(props: GovernancePageProps) {
  const { ctx } = props;
  const { locale, basePath } = ctx;
  const of = (role: NetworkRole) => props.current.filter((r) => r.role === role);
  const text = (role: NetworkRole) => t(locale, `network.role.${role}.text`);
  const coreTeams = groupBy(of('core_team'), (r) => r.municipality ?? '');
  const communities = groupBy(of('community_of_practice'), (r) => r.community ?? '');
  const title = t(locale, 'network.governance.title');
  return (
    <NetworkLayout ctx={ctx} title={title} current="/beheer/netwerk/structuur">
      <h1 class="utrecht-heading-1">{title}</h1>
      <p class="utrecht-paragraph">{t(locale, 'network.governance.intro', { day: dayText(props.today, locale) })}</p>
      {props.canManage && (
        <p class="utrecht-paragraph">
          <ButtonLink href={`${basePath}/beheer/netwerk/rollen/nieuw`} primary>
            {t(locale, 'network.governance.addRole')}
          </ButtonLink>
        </p>
      )}
      <div class="governance-layout">
        <section class="governance-layout__diagram" aria-labelledby="structuur">
          <h2 class="utrecht-heading-2" id="structuur">
            {t(locale, 'network.governance.diagram')}
          </h2>
          <ul class="governance">
            <Body
              locale={locale}
              id="g-penvoerder"
              title={roleName(locale, 'lead_applicant')}
              text={text('lead_applicant')}
              roles={of('lead_applicant')}
              below={
                <Body
                  locale={locale}
                  id="g-stuurgroep"
                  title={roleName(locale, 'steering_group')}
                  text={text('steering_group')}
                  roles={of('steering_group')}
                  below={
                    <Body
                      locale={locale}
                      id="g-leiding"
                      title={t(locale, 'network.governance.leadership')}
                      text={`${text('programme_leader')} ${text('coordinator')}`}
                      roles={[...of('programme_leader'), ...of('coordinator')]}
                      below={
                        <>
                          <Body locale={locale} id="g-kernteams" title={roleName(locale, 'core_team')} text={text('core_team')}>
                            {coreTeams.length === 0 ? (
                              <p class="utrecht-paragraph governance__empty">{t(locale, 'network.governance.emptyCoreTeams')}</p>
                            ) : (
                              <ul class="governance__groups">
                                {coreTeams.map(([municipality, roles]) => (
                                  <li>
                                    <span class="governance__group-name">{t(locale, 'network.governance.coreTeam', { municipality })}</span>
                                    <Members locale={locale} roles={roles} />
                                  </li>
                                ))}
                              </ul>
                            )}
                          </Body>
                          <Body locale={locale} id="g-programmateam" title={roleName(locale, 'programme_team')} text={text('programme_team')} roles={of('programme_team')} />
                          <Body locale={locale} id="g-cops" title={roleName(locale, 'community_of_practice')} text={text('community_of_practice')}>
                            {communities.length === 0 ? (
                              <p class="utrecht-paragraph governance__empty">{t(locale, 'network.governance.emptyCommunities')}</p>
                            ) : (
                              <ul class="governance__groups">
                                {communities.map(([name, roles]) => (
                                  <li>
                                    <span class="governance__group-name">{t(locale, 'network.governance.community', { name })}</span>
                                    <Members locale={locale} roles={roles} />
                                  </li>
                                ))}
                              </ul>
                            )}
                          </Body>
                        </>
                      }
                    />
                  }
                />
              }
            />
          </ul>
        </section>
        <section class="governance-layout__table" aria-labelledby="huidige-rollen">
          <h2 class="utrecht-heading-2" id="huidige-rollen">
            {t(locale, 'network.governance.table')}
          </h2>
          {props.current.length === 0 ? (
            <p class="utrecht-paragraph">{t(locale, 'network.governance.empty')}</p>
          ) : (
            <RoleTable locale={locale} basePath={basePath} roles={props.current} editable={props.canManage} />
          )}
        </section>
      </div>
      {props.future.length > 0 && (
        <section aria-labelledby="toekomstige-rollen">
          <h2 class="utrecht-heading-2" id="toekomstige-rollen">
            {t(locale, 'network.governance.future')}
          </h2>
          <RoleTable locale={locale} basePath={basePath} roles={props.future} editable={props.canManage} />
        </section>
      )}
      <section aria-labelledby="beeindigde-rollen">
        <h2 class="utrecht-heading-2" id="beeindigde-rollen">
          {t(locale, 'network.governance.ended')}
        </h2>
        {props.ended.length === 0 ? (
          <p class="utrecht-paragraph">{t(locale, 'network.governance.endedEmpty')}</p>
        ) : (
          <RoleTable locale={locale} basePath={basePath} roles={props.ended} editable={props.canManage} />
        )}
      </section>
    </NetworkLayout>
  );
}
