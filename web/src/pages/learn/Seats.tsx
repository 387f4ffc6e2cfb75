// The learner's sponsored seats (/learn/seats): what employers paid for them, each with "Claim"; once claimed,
// a link to start each course. The mail "<employer> sponsored <item> for you — claim it" links here.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Page, Status } from '../../components/Page.tsx';
import { RequireSession } from '../../components/RequireSession.tsx';
import { Skeleton } from '../../components/Skeleton.tsx';
import { describeProblem } from '../../forms.ts';
import { formatDate, learningKeys } from '../../learning.ts';
import { type MySeat, seatKeys, seatsApi } from '../../workforce-seats.ts';

export function SeatsPage() {
  return <RequireSession>{() => <Seats />}</RequireSession>;
}

function Seats() {
  const { t } = useTranslation();
  const seats = useQuery({ queryKey: seatKeys.mine, queryFn: seatsApi.mine });
  const [notice, setNotice] = useState<string | null>(null);
  return (
    <Page title={t('sponsorSeats.title')}>
      <p>{t('sponsorSeats.intro')}</p>
      <div aria-live="polite">{notice && <Status tone="success">{notice}</Status>}</div>
      {seats.isPending && <Skeleton rows={3} />}
      {seats.isError && <Status tone="error">{describeProblem(t, seats.error)}</Status>}
      {seats.data && seats.data.length === 0 && <p>{t('sponsorSeats.none')}</p>}
      {seats.data && seats.data.length > 0 && (
        <ul className="seat-list" style={{ listStyle: 'none', padding: 0 }}>
          {seats.data.map((seat) => (
            <SeatCard key={seat.id} seat={seat} onClaimed={setNotice} />
          ))}
        </ul>
      )}
    </Page>
  );
}

/**
 * The way to /learn/seats where a learner looks (My learning): shown only to someone an employer sponsored,
 * with how many seats wait to be claimed. Nothing while loading, on an error or without seats.
 */
export function SeatsLink() {
  const { t } = useTranslation();
  const seats = useQuery({ queryKey: seatKeys.mine, queryFn: seatsApi.mine });
  if (!seats.data || seats.data.length === 0) return null;
  const waiting = seats.data.filter((seat) => seat.status === 'open').length;
  return (
    <>
      {' · '}
      <Link to="/learn/seats">
        {waiting > 0 ? t('sponsorSeats.linkWaiting', { count: waiting }) : t('sponsorSeats.link')}
      </Link>
    </>
  );
}

function SeatCard({ seat, onClaimed }: { seat: MySeat; onClaimed: (message: string) => void }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const claim = useMutation({
    mutationFn: () => seatsApi.claim(seat.id),
    onSuccess: async () => {
      onClaimed(t('sponsorSeats.claimedNow', { title: seat.title }));
      await queryClient.invalidateQueries({ queryKey: seatKeys.mine });
      await queryClient.invalidateQueries({ queryKey: learningKeys.enrolments });
    },
  });
  const headingId = `seat-${seat.id}`;
  return (
    <li className="card">
      <h2 id={headingId}>{seat.title}</h2>
      <p>
        {t('sponsorSeats.from', {
          employer: seat.employer.name,
          date: formatDate(seat.offeredAt, i18n.language),
        })}
      </p>
      {seat.status === 'claimed' ? (
        <>
          <p>
            {t('sponsorSeats.claimed', {
              date: seat.claimedAt ? formatDate(seat.claimedAt, i18n.language) : '',
            })}
          </p>
          <ul>
            {seat.courses.map((course) =>
              course.enrolmentId ? (
                <li key={course.courseId}>
                  <Link to={`/learn/${course.enrolmentId}`}>
                    {t('sponsorSeats.start', { title: course.title })}
                  </Link>
                </li>
              ) : (
                <li key={course.courseId}>{course.title}</li>
              ),
            )}
          </ul>
        </>
      ) : (
        <>
          <p>
            {t('sponsorSeats.courses')}: {seat.courses.map((course) => course.title).join(', ')}
          </p>
          <button type="button" className="button" disabled={claim.isPending} onClick={() => claim.mutate()}>
            {claim.isPending ? t('form.submitting') : t('sponsorSeats.claim')}
            <span className="visually-hidden"> {seat.title}</span>
          </button>
        </>
      )}
      {claim.isError && (
        <p className="field__error" role="alert">
          {describeProblem(t, claim.error)}
        </p>
      )}
    </li>
  );
}
