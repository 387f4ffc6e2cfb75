// What putProfile takes from a Profile: name and description; id, type, email, url and image read-only and
// ignored; fields Tessera does not keep ignored; malformed ones refused with invalid_data, kept or not.
import { describe, expect, it } from 'vitest';
import { ObApiError } from './model.ts';
import { profileChangeOf } from './profile-put.ts';

const self = 'urn:uuid:7d3a3f52-1a56-4a3e-9c5e-3f1f0c1b2a10';
const refusal = (body: unknown) => {
  try {
    profileChangeOf(body, self);
  } catch (error) {
    if (error instanceof ObApiError)
      return { status: error.status, codeMinor: error.codeMinor, message: error.message };
    throw error;
  }
  return undefined;
};

describe('the change a putProfile body asks for', () => {
  it('takes the name and the description from a whole OB 3.0 Profile and ignores the rest', () => {
    const change = profileChangeOf(
      {
        '@context': ['https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'],
        id: 'urn:uuid:00000000-0000-4000-8000-000000000000',
        type: ['Profile'],
        name: '  Lía Ortiz  ',
        description: 'Payroll specialist',
        email: 'someone.else@example.org',
        url: 'https://elsewhere.example/lia',
        image: { id: 'https://elsewhere.example/lia.png', type: 'Image', caption: 'Lía' },
        phone: '+34 600 000 000',
        givenName: 'Lía',
        address: { type: ['Address'], addressCountry: 'ES' },
      },
      self,
    );
    expect(change).toEqual({ name: 'Lía Ortiz', description: 'Payroll specialist' });
  });

  it('takes a lone type, an image as a bare URI and no id, as JSON-LD reads them', () => {
    expect(profileChangeOf({ type: 'Profile', image: 'data:image/png;base64,iVBORw0KGgo=' }, self)).toEqual({
      name: undefined,
      description: undefined,
    });
  });

  it('clears the description given as null or empty', () => {
    expect(profileChangeOf({ type: 'Profile', description: null }, self).description).toBeNull();
    expect(profileChangeOf({ type: 'Profile', description: '' }, self).description).toBeNull();
  });

  it('refuses what is not a Profile, or a Profile with a malformed field, as invalid_data', () => {
    for (const body of [
      null,
      [],
      'Profile',
      { name: 'No type' },
      { type: ['Achievement'], name: 'Wrong type' },
      { type: 'Profile', name: '' },
      { type: 'Profile', name: 'x'.repeat(201) },
      { type: 'Profile', description: 'x'.repeat(201) },
      { type: 'Profile', email: 'not an address' },
      { type: 'Profile', url: 'people/lia' },
      { type: 'Profile', image: { caption: 'no id' } },
      { type: 'Profile', id: 42 },
      { type: 'Profile', phone: 600000000 },
      { type: 'Profile', address: 'Calle Mayor 1' },
    ]) {
      expect(refusal(body), JSON.stringify(body)).toMatchObject({ status: 400, codeMinor: 'invalid_data' });
    }
  });
});
