// A labelled input whose hint and error are tied to it with aria-describedby: the account forms'
// name for InputField (components/Inputs.tsx), which every text-like input goes through.
import { fieldId, InputField } from './Inputs.tsx';

export { fieldId };

export interface FieldProps {
  name: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  type?: 'text' | 'email' | 'password';
  autoComplete?: string;
  hint?: string;
  error?: string | undefined;
  required?: boolean;
}

export function Field(props: FieldProps) {
  return <InputField {...props} />;
}
