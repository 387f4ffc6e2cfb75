// Sponsored learning (/employ/sponsor): choose active people and courses or badge bundles (prefilled from
// repeated ?employee=<id>, ?course=<courseId> and ?badge=<badgeId>, as the gap page links here), see what the
// order charges — a course someone already holds says so and is not charged — and place ONE order paid by
// invoice or card (Stripe: off to its checkout page). Below, the seats bought so far and their state.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { ApiProblem } from '../../api.ts';
import { shopApi } from '../../commerce.ts';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { CheckboxField, InputField } from '../../components/Inputs.tsx';
import { useMoney } from '../../components/Money.tsx';
import { Page, Status } from '../../components/Page.tsx';
import { TableRegion } from '../../components/TableRegion.tsx';
import { describeProblem } from '../../forms.ts';
import { formatDate, searchCatalog } from '../../learning.ts';
import { percentText } from '../../money.ts';
import { workforceApi, workforceKeys } from '../../workforce.ts';
import {
  type PlacedSponsorship,
  type SponsoredItem,
  type SponsorshipInput,
  seatKeys,
  seatsApi,
} from '../../workforce-seats.ts';
import { EmployNav } from './EmployNav.tsx';
import { personName, RequireEmployer } from './People.tsx';
import '../shop/shop.css';
import './employ.css';
import { Pager } from '../../components/Pager.tsx';
import { Skeleton } from '../../components/Skeleton.tsx';

const itemKey = (item: SponsoredItem) =>
  item.kind === 'course' ? `course:${item.courseId}` : `bundle:${item.badgeId}`;
const itemOf = (key: string): SponsoredItem => {
  const [kind, id = ''] = key.split(':');
  return kind === 'course' ? { kind: 'course', courseId: id } : { kind: 'bundle', badgeId: id };
};

export function SponsorPage() {
  return <RequireEmployer>{(orgId) => <Sponsor orgId={orgId} />}</RequireEmployer>;
}

function toggle(set: string[], key: string, on: boolean): string[] {
  return on ? [...new Set([...set, key])] : set.filter((k) => k !== key);
}

function Sponsor({ orgId }: { orgId: string }) {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const [employeeIds, setEmployeeIds] = useState<string[]>(() => [...new Set(params.getAll('employee'))]);
  const [items, setItems] = useState<string[]>(() => [
    ...params.getAll('course').map((id) => `course:${id}`),
    ...params.getAll('badge').map((id) => `bundle:${id}`),
  ]);
  const [provider, setProvider] = useState<'manual' | 'stripe'>('manual');
  const [coupon, setCoupon] = useState('');
  const [placed, setPlaced] = useState<PlacedSponsorship | null>(null);
  const queryClient = useQueryClient();
  const money = useMoney('EUR');

  const people = useQuery({
    queryKey: workforceKeys.allPeople(orgId),
    queryFn: () => workforceApi.allPeople(orgId),
  });
  const bundles = useQuery({ queryKey: ['bundles'], queryFn: shopApi.bundles });
  const courses = useQuery({ queryKey: ['catalog', {}], queryFn: () => searchCatalog({}) });
  const active = (people.data ?? []).filter((p) => p.status === 'active');
  const priced = (courses.data?.items ?? []).filter((c) => c.price !== null);

  const input: SponsorshipInput = {
    employeeIds,
    items: items.map(itemOf),
    provider,
    ...(coupon.trim() ? { couponCode: coupon.trim() } : {}),
  };
  const ready = employeeIds.length > 0 && items.length > 0;
  const quote = useQuery({
    queryKey: ['workforce', orgId, 'sponsorship-quote', employeeIds, items, coupon.trim()],
    queryFn: () => seatsApi.quote(orgId, input),
    enabled: ready,
    placeholderData: keepPreviousData,
    retry: false,
  });
  const place = useMutation({
    mutationFn: () => seatsApi.place(orgId, input),
    onSuccess: async (reply) => {
      await queryClient.invalidateQueries({ queryKey: ['workforce', orgId, 'sponsorships'] });
      if (reply.payment?.redirectUrl) {
        window.location.assign(reply.payment.redirectUrl);
        return;
      }
      setPlaced(reply);
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setPlaced(null);
    place.mutate();
  };
  const placeProblems =
    place.error instanceof ApiProblem && place.error.errors.length > 0
      ? place.error.errors.map((e) => ({ message: `${e.path}: ${e.message}` }))
      : place.isError
        ? [{ message: describeProblem(t, place.error) }]
        : [];
  const name = (employeeId: string) => {
    const person = active.find((p) => p.id === employeeId);
    return person ? personName(person) : employeeId;
  };
  const q = quote.data;
  const quoteMoney = useMoney(q?.currency);

  return (
    <Page title={t('sponsor.title')}>
      <EmployNav />
      <p>{t('sponsor.intro')}</p>
      <form onSubmit={submit} noValidate>
        <ErrorSummary problems={placeProblems} />
        <fieldset>
          <legend>{t('sponsor.peopleLegend')}</legend>
          {people.isPending && <Skeleton rows={4} />}
          {people.data && active.length === 0 && <p>{t('sponsor.noPeople')}</p>}
          {active.map((person) => (
            <CheckboxField
              key={person.id}
              name={`employee-${person.id}`}
              label={personName(person)}
              checked={employeeIds.includes(person.id)}
              onChange={(on) => setEmployeeIds((ids) => toggle(ids, person.id, on))}
            />
          ))}
        </fieldset>
        <fieldset>
          <legend>{t('sponsor.bundlesLegend')}</legend>
          {bundles.data?.bundles.length === 0 && <p>{t('sponsor.noItems')}</p>}
          {bundles.data?.bundles.map((bundle) => {
            const key = itemKey({ kind: 'bundle', badgeId: bundle.badgeId });
            return (
              <CheckboxField
                key={key}
                name={key}
                label={t('sponsor.bundleOption', {
                  name: bundle.name,
                  issuer: bundle.issuer.name,
                  price: money(bundle.priceMinor),
                })}
                checked={items.includes(key)}
                onChange={(on) => setItems((keys) => toggle(keys, key, on))}
              />
            );
          })}
        </fieldset>
        <fieldset>
          <legend>{t('sponsor.coursesLegend')}</legend>
          {courses.data && priced.length === 0 && <p>{t('sponsor.noItems')}</p>}
          {priced.map((course) => {
            const key = itemKey({ kind: 'course', courseId: course.id });
            return (
              <CheckboxField
                key={key}
                name={key}
                label={t('sponsor.courseOption', {
                  title: course.title,
                  issuer: course.issuer.name,
                  price: money(course.price?.amountMinor ?? 0),
                })}
                checked={items.includes(key)}
                onChange={(on) => setItems((keys) => toggle(keys, key, on))}
              />
            );
          })}
        </fieldset>

        <section aria-labelledby="sponsor-quote-title">
          <h2 id="sponsor-quote-title">{t('sponsor.quoteTitle')}</h2>
          <div aria-live="polite">
            {!ready && <p>{t('sponsor.chooseBoth')}</p>}
            {ready && quote.isFetching && !q && <Skeleton lines={2} label={t('sponsor.quoteLoading')} />}
            {ready && quote.isError && <Status tone="error">{quoteProblem(quote.error, t)}</Status>}
          </div>
          {ready && q && !quote.isError && (
            <>
              <p>{t('sponsor.soldBy', { issuer: q.issuer.name })}</p>
              <TableQuote lines={q.lines} name={name} money={quoteMoney} />
              <dl className="sponsor-totals">
                <dt>{t('sponsor.subtotal')}</dt>
                <dd>{quoteMoney(q.subtotalMinor)}</dd>
                <dt>{t('sponsor.discount')}</dt>
                <dd>{quoteMoney(-q.discountMinor)}</dd>
                <dt>{t('sponsor.tax', { label: q.taxLabel, rate: percentText(q.taxRateBp) })}</dt>
                <dd>{quoteMoney(q.taxMinor)}</dd>
                <dt>{t('sponsor.total')}</dt>
                <dd>
                  <strong>{quoteMoney(q.totalMinor)}</strong>
                </dd>
              </dl>
            </>
          )}
        </section>

        <fieldset>
          <legend>{t('sponsor.payLegend')}</legend>
          <div className="choice">
            <input
              id="sponsor-invoice"
              type="radio"
              name="provider"
              checked={provider === 'manual'}
              onChange={() => setProvider('manual')}
            />
            <label htmlFor="sponsor-invoice">{t('sponsor.invoice')}</label>
          </div>
          <div className="choice">
            <input
              id="sponsor-card"
              type="radio"
              name="provider"
              checked={provider === 'stripe'}
              onChange={() => setProvider('stripe')}
            />
            <label htmlFor="sponsor-card">{t('sponsor.card')}</label>
          </div>
        </fieldset>
        <InputField name="couponCode" label={t('sponsor.coupon')} value={coupon} onChange={setCoupon} />
        <div className="actions">
          <button type="submit" disabled={!ready || place.isPending}>
            {place.isPending ? t('form.submitting') : t('sponsor.place')}
          </button>
        </div>
        <div aria-live="polite">
          {placed && (
            <Status tone="success">
              {placed.order.state === 'paid'
                ? t('sponsor.placedPaid', { number: placed.order.number, count: placed.seats })
                : t('sponsor.placed', {
                    number: placed.order.number,
                    count: placed.seats,
                    reference: placed.payment?.reference ?? '',
                  })}{' '}
              <Link to={`/learn/orders/${placed.order.id}`}>
                {t('sponsor.orderLink', { number: placed.order.number })}
              </Link>
            </Status>
          )}
        </div>
      </form>
      <SponsoredSeats orgId={orgId} />
    </Page>
  );
}

function quoteProblem(error: unknown, t: ReturnType<typeof useTranslation>['t']): string {
  if (error instanceof ApiProblem && error.errors.length > 0)
    return error.errors.map((e) => e.message).join(' ');
  return describeProblem(t, error);
}

function TableQuote({
  lines,
  name,
  money,
}: {
  lines: Array<{
    employeeId: string;
    courseId: string;
    item: number;
    title: string;
    totalMinor: number;
    alreadyHeld: boolean;
  }>;
  name: (employeeId: string) => string;
  money: (minor: number) => string;
}) {
  const { t } = useTranslation();
  return (
    <TableRegion caption={t('sponsor.quoteCaption')} captionHidden stack>
      <thead>
        <tr>
          <th scope="col">{t('sponsor.person')}</th>
          <th scope="col">{t('sponsor.course')}</th>
          <th scope="col">{t('sponsor.amount')}</th>
        </tr>
      </thead>
      <tbody>
        {lines.map((line) => (
          <tr key={`${line.employeeId}:${line.item}:${line.courseId}`}>
            <th scope="row">{name(line.employeeId)}</th>
            <td data-label={t('sponsor.course')}>{line.title}</td>
            <td data-label={t('sponsor.amount')}>
              {line.alreadyHeld ? t('sponsor.alreadyHeld') : money(line.totalMinor)}
            </td>
          </tr>
        ))}
      </tbody>
    </TableRegion>
  );
}

const PAGE_SIZE = 20;

/** The seats bought so far: person, item, order, status and claim date, paged. */
function SponsoredSeats({ orgId }: { orgId: string }) {
  const { t, i18n } = useTranslation();
  const [offset, setOffset] = useState(0);
  const seats = useQuery({
    queryKey: seatKeys.list(orgId, offset),
    queryFn: () => seatsApi.list(orgId, { limit: PAGE_SIZE, offset }),
    placeholderData: keepPreviousData,
  });
  const total = seats.data?.total ?? 0;
  return (
    <section aria-labelledby="sponsor-seats-title">
      <h2 id="sponsor-seats-title">{t('sponsor.seatsTitle')}</h2>
      {seats.isPending && <Skeleton rows={3} />}
      {seats.isError && <Status tone="error">{describeProblem(t, seats.error)}</Status>}
      {seats.data && seats.data.items.length === 0 && <p>{t('sponsor.noSeats')}</p>}
      {seats.data && seats.data.items.length > 0 && (
        <TableRegion caption={t('sponsor.seatsCaption')} captionHidden stack>
          <thead>
            <tr>
              <th scope="col">{t('sponsor.person')}</th>
              <th scope="col">{t('sponsor.item')}</th>
              <th scope="col">{t('sponsor.order')}</th>
              <th scope="col">{t('sponsor.statusLabel')}</th>
              <th scope="col">{t('sponsor.claimedOn')}</th>
            </tr>
          </thead>
          <tbody>
            {seats.data.items.map((seat) => (
              <tr key={seat.id}>
                <th scope="row">{seat.employee.name ?? seat.employee.email}</th>
                <td data-label={t('sponsor.item')}>{seat.title}</td>
                <td data-label={t('sponsor.order')}>
                  {t('sponsor.orderNumber', {
                    number: seat.order.number,
                    state: t(`orderState.${seat.order.state}`, { defaultValue: seat.order.state }),
                  })}
                </td>
                <td data-label={t('sponsor.statusLabel')}>{t(`sponsor.status.${seat.status}`)}</td>
                <td data-label={t('sponsor.claimedOn')}>
                  {seat.claimedAt ? formatDate(seat.claimedAt, i18n.language) : '—'}
                </td>
              </tr>
            ))}
          </tbody>
        </TableRegion>
      )}
      <Pager offset={offset} pageSize={PAGE_SIZE} total={total} onGoTo={setOffset} keys="sponsor" />
    </section>
  );
}
