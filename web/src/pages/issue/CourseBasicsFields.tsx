// The three fields every course starts with (title, summary, estimated minutes): shared by the
// "new course" form and the course editor, so both ask for them the same way.
import { useTranslation } from 'react-i18next';
import { Field } from '../../components/Field.tsx';
import { TextArea } from '../../components/Inputs.tsx';

type BasicsKey = 'title' | 'summary' | 'estimatedMinutes';

interface CourseBasicsFieldsProps {
  values: Record<BasicsKey, string>;
  set: (field: BasicsKey) => (value: string) => void;
  errors: Partial<Record<string, string>>;
}

export function CourseBasicsFields({ values, set, errors }: CourseBasicsFieldsProps) {
  const { t } = useTranslation();
  return (
    <>
      <Field
        name="title"
        label={t('authoring.courseTitle')}
        value={values.title}
        onChange={set('title')}
        error={errors.title}
      />
      <TextArea
        name="summary"
        label={t('authoring.summary')}
        rows={3}
        value={values.summary}
        onChange={set('summary')}
        error={errors.summary}
      />
      <Field
        name="estimatedMinutes"
        label={t('authoring.minutes')}
        hint={t('authoring.minutesHint')}
        value={values.estimatedMinutes}
        onChange={set('estimatedMinutes')}
        error={errors.estimatedMinutes}
      />
    </>
  );
}
