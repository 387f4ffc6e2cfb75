// The "Sharing" panel of one of my badges: public or private (private answers "not found" to everyone),
// whether the page shows my name and the evidence, and — once public — the links, snippets and QR code.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { badgeKeys } from '../../badges.ts';
import { CheckboxField } from '../../components/Inputs.tsx';
import { Status } from '../../components/Page.tsx';
import { describeProblem } from '../../forms.ts';
import { type ShareLinks, type SharingChoice, sharingApi, sharingKeys } from '../../sharing.ts';
import { ShareLinkList } from './ShareLinks.tsx';
import './Share.css';
import { Skeleton } from '../../components/Skeleton.tsx';

export function SharePanel({ awardId }: { awardId: string }) {
  const { t } = useTranslation();
  const links = useQuery({ queryKey: sharingKeys.links(awardId), queryFn: () => sharingApi.links(awardId) });
  const { hash } = useLocation();
  const ready = links.data !== undefined;
  // Arriving from "Make it public and share" (claim page): bring the panel into view once it has its links.
  useEffect(() => {
    if (ready && hash === '#sharing') document.getElementById('sharing')?.scrollIntoView({ block: 'start' });
  }, [ready, hash]);
  return (
    <section aria-labelledby="sharing-title" className="share-panel" id="sharing">
      <h2 id="sharing-title">{t('share.title')}</h2>
      {links.isPending && <Skeleton rows={2} />}
      {links.isError && <Status tone="error">{describeProblem(t, links.error)}</Status>}
      {links.data && <SharingChoices awardId={awardId} links={links.data} />}
      <p>
        <Link to="/learn/profile">{t('share.profileLink')}</Link>
      </p>
    </section>
  );
}

type Choices = Required<SharingChoice>;

function SharingChoices({ awardId, links }: { awardId: string; links: ShareLinks }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const saved: Choices = {
    visibility: links.public ? 'public' : 'private',
    showName: links.showName,
    showEvidence: links.showEvidence,
  };
  // What the learner chose shows at once; it falls back to the saved choice if the change fails.
  const [chosen, setChosen] = useState<Choices | null>(null);
  const shown = chosen ?? saved;
  const change = useMutation({
    mutationFn: (choice: SharingChoice) => sharingApi.change(awardId, choice),
    onSuccess: async (sharing) => {
      queryClient.setQueryData<ShareLinks>(sharingKeys.links(awardId), (old) =>
        old
          ? {
              ...old,
              public: sharing.visibility === 'public',
              showName: sharing.showName,
              showEvidence: sharing.showEvidence,
            }
          : old,
      );
      await queryClient.invalidateQueries({ queryKey: badgeKeys.backpackBadge(awardId), exact: true });
      await queryClient.invalidateQueries({ queryKey: badgeKeys.backpack, exact: true });
    },
    onSettled: () => setChosen(null),
  });
  const choose = (choice: SharingChoice) => {
    setChosen({ ...shown, ...choice });
    change.mutate(choice);
  };
  return (
    <>
      <fieldset>
        <legend>{t('share.visibilityLegend')}</legend>
        {(['private', 'public'] as const).map((value) => (
          <VisibilityChoice
            key={value}
            value={value}
            checked={shown.visibility === value}
            onChoose={() => choose({ visibility: value })}
          />
        ))}
      </fieldset>
      <fieldset>
        <legend>{t('share.pageShowsLegend')}</legend>
        <CheckboxField
          name="showName"
          label={t('share.showName')}
          hint={t('share.showNameHint')}
          checked={shown.showName}
          onChange={(showName) => choose({ showName })}
        />
        <CheckboxField
          name="showEvidence"
          label={t('share.showEvidence')}
          hint={t('share.showEvidenceHint')}
          checked={shown.showEvidence}
          onChange={(showEvidence) => choose({ showEvidence })}
        />
      </fieldset>
      <div aria-live="polite">
        {change.isError && <Status tone="error">{describeProblem(t, change.error)}</Status>}
        {change.isSuccess && <Status tone="success">{t('share.saved')}</Status>}
      </div>
      {saved.visibility === 'public' && !change.isPending ? (
        <ShareLinkList links={links} />
      ) : (
        <p className="muted">{t('share.privateNoLinks')}</p>
      )}
    </>
  );
}

function VisibilityChoice({
  value,
  checked,
  onChoose,
}: {
  value: 'private' | 'public';
  checked: boolean;
  onChoose: () => void;
}) {
  const { t } = useTranslation();
  const id = `visibility-${value}`;
  return (
    <div className="field field--checkbox">
      <input
        id={id}
        type="radio"
        name="visibility"
        value={value}
        checked={checked}
        aria-describedby={`${id}-hint`}
        onChange={onChoose}
      />
      <label htmlFor={id}>{t(`share.visibility.${value}`)}</label>
      <p id={`${id}-hint`} className="field__hint">
        {t(`share.visibility.${value}Hint`)}
      </p>
    </div>
  );
}
